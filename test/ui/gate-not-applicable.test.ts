/**
 * "Not applicable here" at a backup gate, in the terminal UI's key reducer and layout: an item is
 * settled only with a reason in words (never by one key), the reason is logged and drawn, Cancel
 * keeps the focus, and the screen after the gate focuses the safe choice.
 */
import {describe, expect, it} from 'vitest';
import {answer, currentStep, type State, start} from '../../source/engine/engine.js';
import type {SessionEventInput} from '../../source/session/events.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {layoutScreen} from '../../source/ui/screen-layout.js';
import {handleKey, initialScreen, type Key, type Screen} from '../../source/ui/screen-state.js';
import {loadFlowFile} from '../../source/flow/load-flow.js';
import {fileURLToPath} from 'node:url';

const flow = loadFlowFile(
	fileURLToPath(new URL('../../flows/w365-avd-2026-01.yaml', import.meta.url)),
).flow!;
const LAYOUT = {windowRows: 10, maxScroll: 0, tooWide: []};
const SIZE = {columns: 80, rows: 40};

function atGate(): State {
	let state = start(flow, {'os.build': {value: '26100.7623', origin: 'flag'}});
	for (const id of ['rollback', 'continue', 'continue']) state = answer(state, id);
	expect(currentStep(state).node).toBe('backup-gate');
	return state;
}

function press(screen: Screen, keys: Key[], events: SessionEventInput[]): Screen {
	const transitions = recordTransitions((event) => events.push(event));
	return keys.reduce((current, key) => handleKey(current, key, LAYOUT, transitions).screen, screen);
}

const text = (value: string): Key[] =>
	[...value].map((character) =>
		character === ' ' ? {name: 'space'} : {name: 'text', text: character},
	);
const shown = (screen: Screen) => {
	const layout = layoutScreen(screen, SIZE, {asOf: '2026-12-02'});
	return [
		...layout.list.flatMap((row) => row.lines),
		...layout.after.map((line) => line.text),
	].join('\n');
};

describe('gate: not applicable here', () => {
	it('Cancel has the focus, and n on Cancel does nothing', () => {
		const events: SessionEventInput[] = [];
		const screen = initialScreen(atGate(), 'en');
		expect(screen.cursor).toBe(3);
		const after = press(screen, [{name: 'text', text: 'n'}], events);
		expect(after.overlay).toBe('none');
		expect(events).toEqual([]);
	});

	it('n on an item asks why; Enter without a reason or Esc leaves it unconfirmed', () => {
		const events: SessionEventInput[] = [];
		let screen = press(
			initialScreen(atGate(), 'en'),
			[{name: 'up'}, {name: 'text', text: 'n'}],
			events,
		);
		expect(screen.overlay).toBe('not-applicable');
		expect(shown(screen)).toContain('Not applicable here: I have run Windows Backup');
		screen = press(screen, [{name: 'enter'}], events);
		expect(shown(screen)).toContain('Say why in a few words');
		screen = press(screen, [...text('no'), {name: 'enter'}], events);
		expect(screen.overlay).toBe('not-applicable');
		screen = press(screen, [{name: 'escape'}], events);
		expect(screen.overlay).toBe('none');
		expect(events).toEqual([]);
		expect(shown(screen)).toContain('Continue (locked: 0 of 3 confirmed)');
	});

	it('a reason settles the item, is logged and drawn; the other items still need confirming', () => {
		const events: SessionEventInput[] = [];
		let screen = press(
			initialScreen(atGate(), 'en'),
			[
				{name: 'up'},
				{name: 'text', text: 'n'},
				...text('Backup is off on work PCs'),
				{name: 'enter'},
			],
			events,
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'not-applicable',
				node: 'backup-gate',
				item: 'windows-backup',
				reason: 'Backup is off on work PCs',
			}),
		]);
		expect(shown(screen)).toContain('[–] 3. I have run Windows Backup');
		expect(shown(screen)).toContain('not applicable here: Backup is off on work PCs');
		expect(shown(screen)).toContain('Continue (locked: 1 of 3 confirmed)');
		// Continue stays locked until the other two are confirmed.
		screen = press(screen, [{name: 'down'}, {name: 'down'}, {name: 'enter'}], events);
		expect(currentStep(screen.state).node).toBe('backup-gate');
		screen = press(
			screen,
			[
				{name: 'up'},
				{name: 'up'},
				{name: 'up'},
				{name: 'up'},
				{name: 'space'},
				{name: 'down'},
				{name: 'space'},
				{name: 'down'},
				{name: 'down'},
				{name: 'down'},
				{name: 'enter'},
			],
			events,
		);
		expect(currentStep(screen.state).node).toBe('rollback-choice');
		// The screen after the gate focuses the safe choice, not "Uninstall".
		expect(
			layoutScreen(screen, SIZE, {asOf: '2026-12-02'}).list[screen.cursor]!.lines[0],
		).toContain('Stop and use Windows App in a browser');
	});

	it('keys in the reason field are text, not commands (q, c, b do not quit, cancel or go back)', () => {
		const events: SessionEventInput[] = [];
		const screen = press(
			initialScreen(atGate(), 'en'),
			[{name: 'up'}, {name: 'text', text: 'n'}, ...text('qcb l?')],
			events,
		);
		expect(screen.overlay).toBe('not-applicable');
		expect(screen.correction.value).toBe('qcb l?');
		expect(currentStep(screen.state).node).toBe('backup-gate');
	});

	it('in Japanese the locked Continue counts what is confirmed', () => {
		const screen = initialScreen(atGate(), 'ja');
		expect(shown(screen)).toContain('続行する（確認済み 0/3）');
	});
});
