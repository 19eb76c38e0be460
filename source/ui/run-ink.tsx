import {render} from 'ink';
import React from 'react';
import type {State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {App, type AppExit} from './App.js';
import {colorAllowed} from './theme-context.js';

export type InkRun = {
	/** Resolves when the user quits (q, Ctrl+C) or `stop` is called. */
	done: Promise<AppExit>;
	/** Unmounts (restoring the terminal: raw mode off, cursor shown) and resolves `done`. */
	stop: (exitCode: 130) => void;
	/** The state on screen now (for a signal handler). */
	current: () => State;
};

export function runInk(options: {state: State; language: Language; transitions: Transitions; asOf: string; logPath?: string}): InkRun {
	let latest: AppExit = {exitCode: 130, state: options.state, language: options.language};
	let resolve!: (exit: AppExit) => void;
	const done = new Promise<AppExit>((settle) => {
		resolve = settle;
	});
	const transitions: Transitions = {
		...options.transitions,
		answer: (...args) => track(options.transitions.answer(...args)),
		acknowledge: (...args) => track(options.transitions.acknowledge(...args)),
		back: (...args) => {
			const result = options.transitions.back(...args);
			track(result.state);
			return result;
		},
		restart: (...args) => track(options.transitions.restart(...args)),
		setFact: (...args) => track(options.transitions.setFact(...args)),
	};
	function track(state: State): State {
		latest = {...latest, state};
		return state;
	}
	const finish = (exit: AppExit) => {
		latest = exit;
		instance.unmount();
		resolve(exit);
	};
	const instance = render(
		<App
			initialState={options.state}
			initialLanguage={options.language}
			transitions={transitions}
			asOf={options.asOf}
			logPath={options.logPath}
			colors={colorAllowed()}
			onExit={finish}
		/>,
		{exitOnCtrlC: false, patchConsole: false, incrementalRendering: true},
	);
	return {
		done,
		stop: (exitCode) => finish({...latest, exitCode}),
		current: () => latest.state,
	};
}
