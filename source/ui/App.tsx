/**
 * The full-screen terminal front end.
 *
 * Keys go to one synchronous handler (screen-state.ts) that drives the engine through the logging
 * transitions; the layout (screen-layout.ts) decides what fits, frame-rows.ts turns it into the
 * terminal's rows (the same rows the first frame is painted from), and FrameRows.tsx only draws.
 */
import {useStdout} from 'ink';
import React, {useEffect, useReducer, useRef} from 'react';
import type {State} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {osc52} from './clipboard.js';
import {frameRows} from './frame-rows.js';
import {FrameRows} from './FrameRows.js';
import {layoutScreen} from './screen-layout.js';
import {applyDetection, handleKey, initialScreen, type Screen} from './screen-state.js';
import {ColorContext} from './theme-context.js';
import {useKeys} from './use-keys.js';
import {type TerminalSize, useTerminalSize} from './use-terminal-size.js';

export type AppExit = {exitCode: 0 | 130; state: State; language: Language};

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
	/** Starts environment detection; called after the first frame, its facts fill in when done. */
	detect?: () => Promise<Detection>;
	/** Shows text instead of the frame (commands too wide for it, whole) until the next key;
	 * default: written through Ink's stdout. */
	printer?: {print: (text: string) => void; release: () => void};
};

export function App(props: AppProps) {
	return (
		<ColorContext.Provider value={props.colors ?? true}>
			<Screen {...props} />
		</ColorContext.Provider>
	);
}

function Screen({
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
}: AppProps) {
	const {write} = useStdout();
	const size = useTerminalSize(fixedSize);
	const screen = useRef<Screen>(initialScreen(initialState, initialLanguage, detect !== undefined));
	const sizeRef = useRef(size);
	sizeRef.current = size;
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const printing = useRef(false);

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
		for (const next of keys) {
			if (printing.current) {
				// Any key returns from the printed commands to the step.
				printing.current = false;
				printer?.release();
				continue;
			}
			const layout = layoutScreen(screen.current, sizeRef.current, {asOf, logPath, helpdesk});
			const result = handleKey(screen.current, next, layout, transitions);
			screen.current = result.screen;
			for (const effect of result.effects) {
				if (effect.type === 'print') {
					const text =
						(effect.clipboard === undefined ? '' : osc52(effect.clipboard)) + effect.text;
					if (printer) {
						printer.print(text);
						printing.current = true;
					} else write(text);
				} else
					return onExit({
						exitCode: effect.exitCode,
						state: screen.current.state,
						language: screen.current.language,
					});
			}
		}
		rerender();
	});

	return (
		<FrameRows rows={frameRows(layoutScreen(screen.current, size, {asOf, logPath, helpdesk}))} />
	);
}
