/**
 * The full-screen terminal front end.
 *
 * Keys go to one synchronous handler (screen-state.ts) that drives the engine through the logging
 * transitions; the layout (screen-layout.ts) decides what fits, frame-rows.ts turns it into the
 * terminal's rows (the same rows the first frame is painted from), and FrameRows.tsx only draws.
 */
import {useStdout} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import type {State} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {applyKeys, type KeyExit} from './apply-keys.js';
import type {EarlyHandOver} from './early-keys.js';
import {frameRows} from './frame-rows.js';
import {FrameRows} from './FrameRows.js';
import {layoutScreen} from './screen-layout.js';
import {applyDetection, initialScreen, type Screen} from './screen-state.js';
import {ColorContext} from './theme-context.js';
import {useKeys} from './use-keys.js';
import {type TerminalSize, useTerminalSize} from './use-terminal-size.js';

export type AppExit = KeyExit;

export type AppProps = {
	initialState: State;
	initialLanguage: Language;
	transitions: Transitions;
	asOf: string;
	onExit: (exit: AppExit) => void;
	/** Where the session log is written, shown on the outcome screen. */
	logPath?: string;
	/** The organisation's helpdesk, named on the outcome screen. */
	helpdesk?: Helpdesk;
	colors?: boolean;
	/** A fixed size (tests); otherwise the terminal's, following resizes. */
	size?: TerminalSize;
	/** Environment detection, started once the keys pause after the first frame (run-terminal.ts);
	 * its facts fill in when done. */
	detect?: () => Promise<Detection>;
	/** Shows text instead of the frame (commands too wide for it, whole) until the next key;
	 * default: written through Ink's stdout. */
	printer?: {print: (text: string) => void; release: () => void};
	/** Where keys typed before Ink had loaded left the screen (early-keys.ts). */
	early?: EarlyHandOver;
};

export function App(props: AppProps) {
	return (
		<ColorContext.Provider value={props.colors ?? true}>
			<WalkScreen {...props} />
		</ColorContext.Provider>
	);
}

function WalkScreen({
	initialState,
	initialLanguage,
	transitions,
	asOf,
	onExit,
	logPath,
	size: fixedSize,
	printer,
	detect,
	helpdesk,
	early,
}: AppProps) {
	const {write} = useStdout();
	const size = useTerminalSize(fixedSize);
	const screen = useRef<Screen>(
		early?.screen ?? initialScreen(initialState, initialLanguage, detect !== undefined),
	);
	const sizeRef = useRef(size);
	sizeRef.current = size;
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const printing = useRef(early?.printing ?? false);
	const [keyDecoder] = useState(early?.decoder);

	// biome-ignore lint/correctness/useExhaustiveDependencies: detection runs once per detect function; the transitions it records with do not change during a walk
	useEffect(() => {
		let live = true;
		void detect?.().then((result) => {
			if (!live) return;
			screen.current = applyDetection(screen.current, result, transitions);
			rerender();
		});
		return () => {
			live = false;
		};
	}, [detect]);

	useKeys((keys) => {
		const target = {screen: screen.current, printing: printing.current};
		const exit = applyKeys(target, keys, {
			layout: (current) => layoutScreen(current, sizeRef.current, {asOf, logPath, helpdesk}),
			transitions,
			print: (text) => {
				if (!printer) {
					write(text);
					return false;
				}
				printer.print(text);
				return true;
			},
			release: () => printer?.release(),
		});
		screen.current = target.screen;
		printing.current = target.printing;
		if (exit) return onExit(exit);
		rerender();
	}, keyDecoder);

	return (
		<FrameRows rows={frameRows(layoutScreen(screen.current, size, {asOf, logPath, helpdesk}))} />
	);
}
