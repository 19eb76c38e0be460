import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

/** Some pseudo-terminals report 0 (or no) columns and rows: then assume 80x24. */
export function terminalSize(stream: {columns?: number; rows?: number}): TerminalSize {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

/** The terminal's size, following resizes. */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const read = () => terminalSize(stdout);
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return undefined;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
