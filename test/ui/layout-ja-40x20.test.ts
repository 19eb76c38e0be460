/**
 * What a 40x20 terminal shows in Japanese, the tightest screen the app promises (wide characters,
 * phrases that must not break in the middle): read as the rows a person sees (frame-rows.ts, the
 * rows both painters draw), in-process, without Ink.
 */
import {reachableStates} from '../helpers/reachable-states.js';
import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import {currentNode, currentStep, start} from '../../source/engine/engine.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {frameRows, rowText} from '../../source/ui/frame-rows.js';
import {loadJapanesePhrases} from '../../source/ui/japanese-phrases.js';
import {layoutScreen} from '../../source/ui/screen-layout.js';
import {handleKey, initialScreen, type Screen} from '../../source/ui/screen-state.js';
import {nodeLines, say} from '../../source/view/node-content.js';
import {INCIDENT_FLOW, loadValidFlow} from '../helpers/flows.js';

const flow = loadValidFlow(INCIDENT_FLOW);
const SIZE = {columns: 40, rows: 20};
const OPTIONS = {asOf: '2026-11-25'};
const transitions = recordTransitions(() => {});

const rowsOf = (screen: Screen) => frameRows(layoutScreen(screen, SIZE, OPTIONS)).map(rowText);
const squeeze = (text: string) => text.replaceAll(/\s+/gu, '');
/** "15 行中 1-5 行 · PgDn/PgUp でスクロール": which lines of the text are on screen. */
const MORE = /^(\d+) 行中 (\d+)-(\d+) 行/u;

/** The rows of the list under the text: each choice or item from its number to the next. */
function listEntries(rows: string[], first: RegExp): string[] {
	const entries: string[] = [];
	for (const row of rows) {
		if (first.test(row)) entries.push(row.slice(2));
		else if (entries.length > 0 && row.startsWith('     ')) entries[entries.length - 1] += row;
		else if (entries.length > 0) break;
	}
	return entries;
}

beforeAll(() => loadJapanesePhrases());

describe('a 40x20 screen in Japanese', () => {
	it('shows the first question: step, text, paging line, the choices whole, ❯ on the first, keys', () => {
		const state = start(flow, {});
		let screen = initialScreen(state, 'ja');
		const rows = rowsOf(screen);
		expect(rows.length).toBeLessThanOrEqual(19); // the last row is left free
		expect(rows[0]).toBe('ステップ 1 · symptom · 症状');
		expect(rows[1]).toBe('Windows 365 または Azure Virtual');
		expect(rows[2]).toMatch(MORE);
		expect(rows.at(-1)).toContain('? ヘルプ');
		const node = currentNode(state);
		const labels = (node.kind === 'question' ? node.choices : []).map((choice, index) =>
			squeeze(`${index + 1}. ${say(choice.label, 'ja')}`),
		);
		// The choices from the first, numbered, each label whole across its rows; eight do not
		// all fit, so the list is a window that starts at the highlighted first one.
		const entries = listEntries(rows, /^[❯ ] \d\. /u);
		expect(entries.length).toBeGreaterThanOrEqual(5);
		expect(entries.map(squeeze)).toEqual(labels.slice(0, entries.length));
		expect(rows.filter((row) => row.startsWith('❯'))).toEqual([
			'❯ 1. 「接続と認証の失敗」と表示され、',
		]);
		// ↓ to the last choice: the window follows the highlight, which is whole on screen.
		for (let down = 1; down < labels.length; down++)
			screen = handleKey(
				screen,
				{name: 'down'},
				layoutScreen(screen, SIZE, OPTIONS),
				transitions,
			).screen;
		const moved = rowsOf(screen);
		expect(moved.length).toBeLessThanOrEqual(19);
		const shown = listEntries(moved, /^[❯ ] \d\. /u).map(squeeze);
		expect(shown.at(-1)).toBe(labels.at(-1));
		expect(labels.join('\n')).toContain(shown.join('\n'));
		expect(moved.find((row) => row.startsWith('❯'))).toMatch(/^❯ 8\. /u);
	});

	it('pages through the whole text with PgDn, nothing lost, and a cut link is printed whole with p', () => {
		let screen = initialScreen(start(flow, {}), 'ja');
		const lines = new Map<number, string>();
		let lineCount = 0;
		for (let page = 0; page < 20; page++) {
			const rows = rowsOf(screen);
			const more = rows.findIndex((row) => MORE.test(row));
			const [, total, from, to] = MORE.exec(rows[more]!)!.map(Number);
			// The text window sits between the step row and the paging line.
			const shown = rows.slice(more - (to! - from! + 1), more);
			for (const [index, row] of shown.entries()) lines.set(from! + index, row);
			lineCount = total!;
			if (to === total) break;
			const layout = layoutScreen(screen, SIZE, OPTIONS);
			screen = handleKey(screen, {name: 'pageDown'}, layout, transitions).screen;
		}
		expect(lines.size).toBe(lineCount);
		const text = [...lines.keys()].sort((a, b) => a - b).map((line) => lines.get(line)!);
		const {body, trust} = nodeLines(start(flow, {}), 'ja', {});
		expect(squeeze(text.join(''))).toContain(squeeze(body.map((line) => line.text).join('')));
		expect(text).toContain('出典:');
		// A link wider than the screen is cut with …, never broken onto a second row …
		const link = text.find((row) => row.startsWith('https://'));
		expect(link).toMatch(/…$/u);
		// … and p prints it whole, to copy.
		const layout = layoutScreen(screen, SIZE, OPTIONS);
		const printed = handleKey(screen, {name: 'text', text: 'p'}, layout, transitions).effects;
		const url = trust.find((line) => line.style === 'url')!.text;
		expect(url.startsWith(link!.slice(0, -1))).toBe(true);
		expect(printed).toEqual([{type: 'print', text: expect.stringContaining(`\n${url}\n`)}]);
	});

	it('shows a backup gate: every item whole and unticked, ❯ on the safe way out, Continue locked', () => {
		const gate = reachableStates(flow).find(
			(state) => currentNode(state).kind === 'gate' && currentStep(state).acks.length === 0,
		)!;
		const node = currentNode(gate);
		if (node.kind !== 'gate') throw new Error('no gate in the flow');
		const rows = rowsOf(initialScreen(gate, 'ja'));
		expect(rows.length).toBeLessThanOrEqual(19);
		expect(
			rows.some((row) =>
				row.startsWith(`ステップ ${gate.path.length} · ${currentStep(gate).node}`),
			),
		).toBe(true);
		const items = listEntries(rows, /^[❯ ] \[ \] \d\. /u);
		expect(items.map(squeeze)).toEqual(
			node.items.map((item, index) => squeeze(`[ ] ${index + 1}. ${say(item.text, 'ja')}`)),
		);
		expect(rows.filter((row) => row.startsWith('❯'))).toEqual(['❯ 中止する（安全な選択）']);
		expect(rows).toContain(`  続行する（確認済み 0/${node.items.length}）`);
	});

	it('at every node: fits 20 rows of 40 columns, and no row ends or starts inside a character', () => {
		let compared = 0;
		const states = reachableStates(flow);
		for (const state of states) {
			let screen = initialScreen(state, 'ja');
			const hasList = layoutScreen(screen, SIZE, OPTIONS).list.length > 0;
			// Every highlight ↓ reaches (a gate has up to nine items, Cancel and Continue).
			for (let down = 0; down <= (hasList ? 11 : 0); down++) {
				const rows = rowsOf(screen);
				const where = `${currentStep(state).node} ↓×${down}:\n${rows.join('\n')}`;
				expect(rows.length, where).toBeLessThanOrEqual(19);
				for (const row of rows) {
					expect(stringWidth(row), where).toBeLessThanOrEqual(39);
					// A wide character cut in half, or a lone half of a surrogate pair.
					expect(row, where).not.toMatch(
						/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u,
					);
				}
				// One highlighted row where there is a list (an outcome has none).
				expect(
					rows.filter((row) => row.startsWith('❯')),
					where,
				).toHaveLength(hasList ? 1 : 0);
				screen = handleKey(
					screen,
					{name: 'down'},
					layoutScreen(screen, SIZE, OPTIONS),
					transitions,
				).screen;
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(states.length * 5);
	});
});
