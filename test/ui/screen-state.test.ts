/**
 * What each key does, in-process and without Ink: keys go through the decoder and the reducer
 * (screen-state.ts) exactly as App.tsx hands them on, and each test reads the rows a person would
 * see (frame-rows.ts, the rows both painters draw).
 */
import {describe, expect, it} from 'vitest';
import {start} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import type {Flow, Language} from '../../source/flow/schema.js';
import type {SessionEventInput} from '../../source/session/events.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {frameRows, rowText} from '../../source/ui/frame-rows.js';
import {createKeyDecoder} from '../../source/ui/key-decoder.js';
import {layoutScreen} from '../../source/ui/screen-layout.js';
import {type Effect, handleKey, initialScreen} from '../../source/ui/screen-state.js';
import type {TerminalSize} from '../../source/ui/terminal-screen.js';
import {EXAMPLE_FLOW, loadValidFlow} from '../helpers/flows.js';

const example = loadValidFlow(EXAMPLE_FLOW);
const OPTIONS = {asOf: '2026-11-25'};
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';
const PAGE_DOWN = '\u001B[6~';

/** A screen driven key by key. `press` takes input pieces as Ink splits a read (an escape
 * sequence, or a run of plain characters such as "j\r"). */
function screenOf(
	flow: Flow,
	{
		language = 'en',
		size = {columns: 80, rows: 24},
		facts = {},
	}: {language?: Language; size?: TerminalSize; facts?: Facts} = {},
) {
	const events: SessionEventInput[] = [];
	const effects: Effect[] = [];
	const transitions = recordTransitions((event) => events.push(event));
	const decoder = createKeyDecoder();
	let screen = initialScreen(start(flow, facts), language);
	const layout = () => layoutScreen(screen, size, OPTIONS);
	const rows = () => frameRows(layout()).map(rowText);
	return {
		events,
		effects,
		rows,
		/** The row the ❯ is on. */
		highlighted: () => rows().find((row) => row.startsWith('❯')),
		press(...pieces: string[]) {
			for (const piece of pieces)
				for (const key of decoder.push(piece)) {
					const result = handleKey(screen, key, layout(), transitions);
					screen = result.screen;
					effects.push(...result.effects);
				}
		},
	};
}

describe('keys at a question', () => {
	it('moves the highlight with ↓/↑ and j/k, wrapping round, and answers with Enter', () => {
		const app = screenOf(example);
		expect(app.rows()).toContain('Step 1 · symptom · What do you see?');
		expect(app.highlighted()).toBe('❯ 1. Nothing prints since the update');
		app.press(DOWN);
		expect(app.highlighted()).toBe('❯ 2. Print jobs stay stuck in the queue');
		app.press('j');
		expect(app.highlighted()).toBe('❯ 3. Something else');
		app.press('j');
		expect(app.highlighted()).toBe('❯ 1. Nothing prints since the update');
		app.press(UP);
		expect(app.highlighted()).toBe('❯ 3. Something else');
		app.press('k', ENTER);
		expect(app.rows()).toContain('Step 2 · spooler · Restart the print spooler');
		expect(app.events.at(-1)).toMatchObject({type: 'answer', node: 'symptom', answer: 'stuck'});
	});

	it('applies every key of one read in order: "j\\r" is j then Enter, "2\\r" picks 2 at once', () => {
		const app = screenOf(example);
		app.press('j\r');
		expect(app.rows()).toContain('Step 2 · spooler · Restart the print spooler');
		const direct = screenOf(example);
		direct.press('2');
		expect(direct.rows()).toContain('Step 2 · spooler · Restart the print spooler');
		// A digit past the last choice does nothing.
		const beyond = screenOf(example);
		beyond.press('7');
		expect(beyond.rows()).toContain('Step 1 · symptom · What do you see?');
		expect(beyond.events).toEqual([]);
	});

	it('goes back with b, the earlier answer highlighted; at the first step it says so', () => {
		const app = screenOf(example);
		app.press('b');
		expect(app.rows()).toContain('Already at the first step.');
		app.press('2', DOWN, ENTER); // stuck, then "It still does not print"
		expect(app.rows()).toContain('Step 3 · backup · Before removing the update');
		app.press('b');
		expect(app.rows()).toContain('Step 2 · spooler · Restart the print spooler');
		expect(app.highlighted()).toBe('❯ 2. It still does not print');
		// The answer going back undoes is said in the words on screen, not as ids.
		expect(app.rows()).toContain(
			'Dropped answers: Restart the print spooler: It still does not print',
		);
		app.press('b');
		expect(app.highlighted()).toBe('❯ 2. Print jobs stay stuck in the queue');
		expect(app.rows()).toContain(
			'Dropped answers: What do you see?: Print jobs stay stuck in the queue',
		);
	});

	it('q quits with 130 before an outcome, 0 at one', () => {
		const walking = screenOf(example);
		walking.press('q');
		expect(walking.effects).toEqual([{type: 'exit', exitCode: 130}]);
		const finished = screenOf(example);
		finished.press('2', '1'); // stuck, It printed: the "fixed" outcome
		expect(finished.rows().some((row) => row.startsWith('Step 3 · fixed'))).toBe(true);
		finished.press('q');
		expect(finished.effects).toEqual([{type: 'exit', exitCode: 0}]);
	});

	it('r asks first: y restarts, any other key stays', () => {
		const app = screenOf(example);
		app.press('2', 'r');
		expect(app.rows().join(' ')).toContain('Restart from step 1?');
		app.press('n');
		expect(app.rows()).toContain('Step 2 · spooler · Restart the print spooler');
		app.press('r', 'y');
		expect(app.rows()).toContain('Step 1 · symptom · What do you see?');
		expect(app.rows()).toContain('Restarted.');
	});

	it('? shows the help until the next key, which does nothing else', () => {
		const app = screenOf(example);
		app.press('?');
		expect(app.rows()[0]).toBe('Help — Step 1 · symptom');
		expect(app.rows()).toContain('?: this help');
		app.press(ENTER);
		expect(app.highlighted()).toBe('❯ 1. Nothing prints since the update');
		expect(app.events).toEqual([]);
	});

	it('l switches the language of every row', () => {
		const app = screenOf(example);
		app.press('l');
		expect(app.highlighted()).toBe('❯ 1. 更新後、何も印刷されない');
		expect(app.events.at(-1)).toMatchObject({type: 'language', language: 'ja'});
	});
});

describe('keys at a backup gate', () => {
	const atGate = () => {
		const app = screenOf(example);
		app.press('2', '2'); // stuck, It still does not print
		return app;
	};

	it('starts on Cancel, and ↑/↓ stop at the ends instead of wrapping onto Continue', () => {
		const app = atGate();
		expect(app.highlighted()).toBe('❯ Cancel (the safe way)');
		expect(app.rows()).toContain('  Continue (locked: 0 of 3 confirmed)');
		app.press(DOWN, DOWN, DOWN);
		expect(app.highlighted()).toBe('❯ Continue (locked: 0 of 3 confirmed)');
		app.press(UP, UP, UP, UP, UP, UP);
		expect(app.highlighted()).toBe('❯ [ ] 1. I saved and closed my open files');
	});

	it('Continue stays locked, with the hint, until every item is ticked; then it goes on', () => {
		const app = atGate();
		const hint = () => app.rows().some((row) => row.startsWith('Confirm each item first'));
		expect(hint()).toBe(false);
		app.press(DOWN, ENTER);
		expect(app.rows()).toContain('Step 3 · backup · Before removing the update');
		expect(hint()).toBe(true);
		app.press(UP, UP, UP, UP, ' ', DOWN, ' ', DOWN, ENTER);
		expect(app.rows()).toContain('  [x] 1. I saved and closed my open files');
		expect(app.rows()).toContain('  [x] 2. I created a System Restore point');
		expect(app.highlighted()).toBe('❯ [x] 3. The PC is plugged in and may restart');
		expect(app.rows()).toContain('  Continue');
		app.press(DOWN, DOWN, ENTER);
		expect(app.rows().some((row) => row.startsWith('Step 4 · uninstall'))).toBe(true);
		expect(app.events.filter((event) => event.type === 'ack')).toHaveLength(3);
	});

	it('a tick is taken back with Space, and c (or Esc) cancels the safe way from anywhere', () => {
		const app = atGate();
		app.press(UP, UP, UP, ' ');
		expect(app.highlighted()).toBe('❯ [x] 1. I saved and closed my open files');
		app.press(' ');
		expect(app.highlighted()).toBe('❯ [ ] 1. I saved and closed my open files');
		app.press('c');
		expect(app.rows().some((row) => row.startsWith('Step 4 · workaround'))).toBe(true);
		expect(app.events.filter((event) => event.type === 'answer').at(-1)).toMatchObject({
			node: 'backup',
			answer: 'cancel',
		});
	});
});

describe('keys on a screen too small for the step', () => {
	it('draws only the message; Enter picks nothing unseen, q still quits', () => {
		const app = screenOf(example, {size: {columns: 16, rows: 12}});
		expect(app.rows().join(' ')).toMatch(/Terminal too small: needs \d+×\d+/);
		app.press(ENTER, '1', DOWN);
		expect(app.events).toEqual([]);
		app.press('q');
		expect(app.effects).toEqual([{type: 'exit', exitCode: 130}]);
	});
});

describe('keys on a long step', () => {
	it('PgDn pages the text and says which lines are shown; moving on starts at the top', () => {
		const app = screenOf(example, {size: {columns: 40, rows: 14}});
		app.press('2');
		const more = () => app.rows().find((row) => /^lines \d+-\d+ of \d+/.test(row));
		expect(more()).toMatch(/^lines 1-/);
		app.press(PAGE_DOWN);
		expect(more()).not.toMatch(/^lines 1-/);
		app.press('b', '2');
		expect(more()).toMatch(/^lines 1-/);
	});
});
