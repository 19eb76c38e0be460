/**
 * Ink timing, handled once: every render and keypress goes through act(), so effects (and Ink 6's
 * re-subscribed input handlers) have run before the next key, with no sleeps in tests.
 */
import {render} from 'ink-testing-library';
import {act} from 'react';
import stripAnsi from 'strip-ansi';
import {start} from '../../source/engine/engine.js';
import type {Detection} from '../../source/detect/detect-facts.js';
import type {Facts} from '../../source/facts/fact-values.js';
import type {Flow, Language} from '../../source/flow/schema.js';
import type {SessionEventInput} from '../../source/session/events.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {App, type AppExit} from '../../source/ui/App.js';
import {loadJapanesePhrases} from '../../source/ui/japanese-phrases.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	enter: '\r',
	space: ' ',
	escape: '\u001B',
	backspace: '\u007F',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	ctrlC: '\u0003',
};

export type Harness = {
	frame: () => string;
	press: (...keys: string[]) => Promise<void>;
	events: SessionEventInput[];
	exits: AppExit[];
	unmount: () => void;
};

export async function renderApp(
	flow: Flow,
	{
		facts = {},
		language = 'en',
		columns = 80,
		rows = 40,
		asOf = '2026-11-25',
		logPath,
		detect,
	}: {
		facts?: Facts;
		language?: Language;
		columns?: number;
		rows?: number;
		asOf?: string;
		logPath?: string;
		detect?: () => Promise<Detection>;
	} = {},
): Promise<Harness> {
	// As run-ink.tsx does before Ink renders: Japanese breaks between phrases.
	await loadJapanesePhrases();
	const events: SessionEventInput[] = [];
	const exits: AppExit[] = [];
	const transitions = recordTransitions((event) => events.push(event));
	let instance!: ReturnType<typeof render>;
	await act(async () => {
		instance = render(
			<App
				initialState={start(flow, facts)}
				initialLanguage={language}
				transitions={transitions}
				asOf={asOf}
				logPath={logPath}
				detect={detect}
				colors={false}
				size={{columns, rows}}
				onExit={(exit) => exits.push(exit)}
			/>,
		);
	});
	return {
		frame: () => stripAnsi(instance.lastFrame() ?? ''),
		async press(...keys) {
			for (const key of keys) {
				await act(async () => {
					instance.stdin.write(key);
				});
			}
		},
		events,
		exits,
		unmount: () => act(() => instance.unmount()),
	};
}
