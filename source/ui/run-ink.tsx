import {render} from 'ink';
import React from 'react';
import type {State} from '../engine/engine.js';
import type {Detection} from '../facts/detect-facts.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {App, type AppExit} from './App.js';
import {FrameWriter, frameStream} from './frame-writer.js';
import {colorAllowed} from './theme-context.js';

// The alternate screen: terminals do not reflow it on resize, and leaving it restores what was on
// screen before (the run then prints its outcome into the normal scrollback).
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

export type InkRun = {
	/** Resolves when the user quits (q, Ctrl+C) or `stop` is called. */
	done: Promise<AppExit>;
	/** Unmounts (restoring the terminal: raw mode off, cursor shown) and resolves `done`. */
	stop: (exitCode: 130) => void;
	/** The state on screen now (for a signal handler). */
	current: () => State;
};

export function runInk(options: {state: State; language: Language; transitions: Transitions; asOf: string; logPath?: string; helpdesk?: Helpdesk; detect?: () => Promise<Detection> | undefined}): InkRun {
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
		back: (...args) => {
			const result = base.back(...args);
			track(result.state);
			return result;
		},
		restart: (...args) => track(base.restart(...args)),
		setFact: (...args) => track(base.setFact(...args)),
		detected: (...args) => track(base.detected(...args)),
	};

	const terminal = process.stdout;
	const writer = new FrameWriter(terminal);
	const stdout = frameStream(terminal, writer);
	terminal.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR);
	let finished = false;
	const finish = (exit: AppExit) => {
		if (finished) return;
		finished = true;
		latest = exit;
		instance.unmount();
		stdout.emit('close');
		terminal.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
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
			printer={writer}
			detect={options.detect}
		/>,
		// debug: one whole frame per write, unthrottled; the frame writer does the diffing.
		{stdout, stdin: process.stdin, debug: true, exitOnCtrlC: false, patchConsole: false},
	);
	return {
		done,
		stop: (exitCode) => finish({...latest, exitCode}),
		current: () => latest.state,
	};
}
