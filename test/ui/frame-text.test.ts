/**
 * The first frame is painted before Ink has loaded (frame-text.ts) and Ink then draws its own over
 * it: the two must agree to the byte, or the screen would flicker as Ink takes over. Here the real
 * App is rendered by Ink, as run-ink.tsx renders it (debug mode into a stand-in stream), at every
 * node of both flows, in both languages, at three terminal sizes, with colours on and off.
 */
import {reachableStates} from '../helpers/reachable-states.js';
import {EventEmitter} from 'node:events';
import chalk from 'chalk';
import {render} from 'ink';
import React, {act} from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {currentNode, currentStep, start, type State} from '../../source/engine/engine.js';
import type {Detection} from '../../source/detect/detect-facts.js';
import type {Language} from '../../source/flow/schema.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {App} from '../../source/ui/App.js';
import {frameText} from '../../source/ui/frame-text.js';
import {loadJapanesePhrases} from '../../source/ui/japanese-phrases.js';
import {layoutScreen} from '../../source/ui/screen-layout.js';
import {initialScreen} from '../../source/ui/screen-state.js';
import {EXAMPLE_FLOW, INCIDENT_FLOW, loadValidFlow} from '../helpers/flows.js';
import {randomFacts} from '../helpers/random-walk.js';
import {seeded} from '../helpers/prng.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const SIZES = [
	{columns: 80, rows: 24},
	{columns: 40, rows: 20},
	{columns: 120, rows: 12},
];
const OPTIONS = {
	asOf: '2026-11-25',
	logPath: '/home/someone/.local/state/w365-triage/20261125-101500-ab12.jsonl',
	helpdesk: {name: 'IT Service Desk', phone: '+81 3 0000 0000'},
};

/** What Ink writes first for the App at this state: the frame run-ink.tsx hands to the writer. */
async function inkFirstFrame(
	state: State,
	language: Language,
	size: {columns: number; rows: number},
	colors: boolean,
	detecting: boolean,
): Promise<string> {
	const writes: string[] = [];
	const stdout = Object.assign(new EventEmitter(), {
		...size,
		isTTY: true,
		write: (text: string) => writes.push(text) > 0,
	});
	const stdin = Object.assign(new EventEmitter(), {
		isTTY: true,
		setRawMode() {},
		setEncoding() {},
		ref() {},
		unref() {},
		read: () => null,
		resume() {},
		pause() {},
	});
	let instance!: ReturnType<typeof render>;
	await act(async () => {
		instance = render(
			React.createElement(App, {
				initialState: state,
				initialLanguage: language,
				transitions: recordTransitions(() => {}),
				...OPTIONS,
				colors,
				onExit: () => {},
				// Detection that never finishes: the screen keeps saying it is detecting.
				detect: detecting ? () => new Promise<Detection>(() => {}) : undefined,
			}),
			{
				stdout: stdout as unknown as NodeJS.WriteStream,
				stdin: stdin as unknown as NodeJS.ReadStream,
				debug: true,
				exitOnCtrlC: false,
				patchConsole: false,
			},
		);
	});
	act(() => instance.unmount());
	return writes[0]!.replace(/\n$/, '');
}

let level: typeof chalk.level;
beforeAll(async () => {
	// Tests do not run in a terminal, where chalk (Ink's and ours alike) would write no styles.
	level = chalk.level;
	chalk.level = 1;
	await loadJapanesePhrases();
});
afterAll(() => {
	chalk.level = level;
});

describe('the first frame painted before Ink loads', () => {
	for (const [name, file] of [
		['incident flow', INCIDENT_FLOW],
		['example flow', EXAMPLE_FLOW],
	] as const) {
		it(`is the frame Ink draws, at every node of the ${name}`, async () => {
			const flow = loadValidFlow(file);
			const random = seeded(7);
			const states = new Map<string, State>();
			for (const facts of [{}, ...Array.from({length: 12}, () => randomFacts(random))]) {
				for (const state of reachableStates(flow, facts)) {
					const step = currentStep(state);
					states.set(`${step.node}:${step.acks.join(',')}`, state);
				}
			}
			expect(states.size).toBeGreaterThanOrEqual(Object.keys(flow.nodes).length);
			let compared = 0;
			for (const state of states.values()) {
				for (const language of flow.languages) {
					for (const size of SIZES) {
						for (const colors of [true, false]) {
							const detecting = currentNode(state).kind === 'detect';
							const expected = await inkFirstFrame(state, language, size, colors, detecting);
							const painted = frameText(
								layoutScreen(initialScreen(state, language, detecting), size, OPTIONS),
								colors,
							);
							expect(
								painted,
								`${currentStep(state).node} · ${language} · ${size.columns}x${size.rows} · colours ${colors}`,
							).toBe(expected);
							compared++;
						}
					}
				}
			}
			expect(compared).toBeGreaterThan(100);
			// Every node × 2 languages × 3 sizes × colour on/off, each rendered by Ink: the shipped
			// flow has grown to ~40 nodes, more than the default 20 s on a loaded 2-core machine.
		}, 90_000);
	}

	it('is the frame Ink draws at 20x10 (list windows) and below the minimum (too small)', async () => {
		const flow = loadValidFlow(INCIDENT_FLOW);
		for (const state of reachableStates(flow, {}).slice(0, 20)) {
			for (const language of flow.languages) {
				for (const size of [
					{columns: 20, rows: 10},
					{columns: 16, rows: 10},
					{columns: 40, rows: 6},
				]) {
					const expected = await inkFirstFrame(state, language, size, true, false);
					const painted = frameText(
						layoutScreen(initialScreen(state, language, false), size, OPTIONS),
						true,
					);
					expect(
						painted,
						`${currentStep(state).node} · ${language} · ${size.columns}x${size.rows}`,
					).toBe(expected);
				}
			}
		}
	});

	it('carries the styles (bold, colour, dim) the way Ink writes them', async () => {
		const flow = loadValidFlow(INCIDENT_FLOW);
		const state = start(flow);
		const frame = frameText(layoutScreen(initialScreen(state, 'en'), SIZES[0]!, OPTIONS), true);
		expect(frame.split('\n')[0]).toMatch(/^\u001B\[1m\u001B\[36m.+\u001B\[39m\u001B\[22m$/);
		expect(frame).toContain('\u001B[36m❯\u001B[39m \u001B[1m\u001B[36m1.');
		expect(
			frameText(layoutScreen(initialScreen(state, 'en'), SIZES[0]!, OPTIONS), false),
		).not.toContain('\u001B[36m');
	});
});
