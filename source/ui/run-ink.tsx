import {render} from 'ink';
import type {State} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {App, type AppExit} from './App.js';
import type {EarlyHandOver} from './early-keys.js';
import {colorAllowed, type TerminalScreen} from './terminal-screen.js';

export type InkRun = {
	/** Resolves when the user quits (q, Ctrl+C) or `stop` is called. */
	done: Promise<AppExit>;
	/** Unmounts (restoring the terminal: raw mode off, cursor shown) and resolves `done`. */
	stop: (exitCode: 130) => void;
	/** The state on screen now (for a signal handler). */
	current: () => State;
};

/** Runs the App on a screen that terminal-screen.ts opened (and first-frame.ts may have painted). */
export function runInk(
	screen: TerminalScreen,
	options: {
		state: State;
		language: Language;
		transitions: Transitions;
		asOf: string;
		logPath?: string;
		helpdesk?: Helpdesk;
		detect?: () => Promise<Detection>;
		/** Where keys typed before Ink had loaded left the screen (early-keys.ts). */
		early?: EarlyHandOver;
	},
): InkRun {
	let latest: AppExit = {exitCode: 130, state: options.state, language: options.language};
	let resolve!: (exit: AppExit) => void;
	const done = new Promise<AppExit>((settle) => {
		resolve = settle;
	});
	const track = (state: State) => {
		latest = {...latest, state};
		return state;
	};
	const base = options.transitions;
	const transitions: Transitions = {
		...base,
		answer: (...args) => track(base.answer(...args)),
		acknowledge: (...args) => track(base.acknowledge(...args)),
		unacknowledge: (...args) => track(base.unacknowledge(...args)),
		back: (...args) => {
			const result = base.back(...args);
			track(result.state);
			return result;
		},
		restart: (...args) => track(base.restart(...args)),
		setFact: (...args) => track(base.setFact(...args)),
		detected: (...args) => track(base.detected(...args)),
	};

	// Ink 8 turns raw mode off a moment after it unmounts; on a terminal that hung up (a dropped
	// SSH link, a closed window) that fails with EIO, reported as an 'error' event on stdin.
	process.stdin.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EIO') throw error;
	});
	let finished = false;
	const finish = (exit: AppExit) => {
		if (finished) return;
		finished = true;
		latest = exit;
		instance.unmount();
		screen.close();
		resolve(exit);
	};
	const instance = render(
		<App
			initialState={options.state}
			initialLanguage={options.language}
			transitions={transitions}
			asOf={options.asOf}
			logPath={options.logPath}
			helpdesk={options.helpdesk}
			colors={colorAllowed()}
			onExit={finish}
			printer={screen.writer}
			detect={options.detect}
			early={options.early}
		/>,
		// debug: one whole frame per write, unthrottled; the frame writer does the diffing.
		{
			stdout: screen.stream,
			stdin: process.stdin,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	return {
		done,
		stop: (exitCode) => finish({...latest, exitCode}),
		current: () => latest.state,
	};
}
