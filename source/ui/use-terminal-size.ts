import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {type TerminalSize, terminalSize} from './terminal-screen.js';

export type {TerminalSize} from './terminal-screen.js';

/** The terminal's size, following resizes. */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	// Ink 8 types stdout as any writable stream; ours is the terminal's (or frameStream's).
	const stdout = useStdout().stdout as NodeJS.WriteStream;
	const [size, setSize] = useState(() => terminalSize(stdout));
	useEffect(() => {
		if (fixed) return undefined;
		const onResize = () => setSize(terminalSize(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
