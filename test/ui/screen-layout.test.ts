/** What fits on a screen: at every node of the shipped flow, at every highlighted row, at small sizes. */
import {reachableStates} from '../helpers/reachable-states.js';
import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadJapanesePhrases} from '../../source/ui/japanese-phrases.js';
import {currentStep, start} from '../../source/engine/engine.js';
import type {Language} from '../../source/flow/schema.js';
import {frameText} from '../../source/ui/frame-text.js';
import {layoutScreen} from '../../source/ui/screen-layout.js';
import {initialScreen} from '../../source/ui/screen-state.js';
import {INCIDENT_FLOW, loadValidFlow} from '../helpers/flows.js';

const incident = loadValidFlow(INCIDENT_FLOW);
const OPTIONS = {
	asOf: '2026-11-25',
	logPath: '/home/someone/.local/state/w365-triage/20261125-101500-ab12.jsonl',
};

beforeAll(() => loadJapanesePhrases());
describe('screen layout', () => {
	const states = reachableStates(incident);

	for (const language of ['en', 'ja'] as Language[]) {
		for (const size of [
			{columns: 20, rows: 10},
			{columns: 40, rows: 20},
			{columns: 80, rows: 24},
		]) {
			it(`${size.columns}x${size.rows} ${language}: the highlighted row is always whole on screen, and the frame fits`, () => {
				let tooSmall = 0;
				for (const state of states) {
					const base = initialScreen(state, language);
					const rows = layoutScreen(base, size, OPTIONS).list.length;
					for (let cursor = 0; cursor < Math.max(rows, 1) + 4; cursor++) {
						const screen = {...base, cursor};
						const view = layoutScreen(screen, size, OPTIONS);
						const frame = frameText(view, false).split('\n');
						const where = `${currentStep(state).node} cursor ${cursor}: ${frame.join('\n')}`;
						expect(frame.length, where).toBeLessThanOrEqual(size.rows - 1);
						for (const line of frame)
							expect(stringWidth(line), where).toBeLessThanOrEqual(size.columns);
						if (view.tooSmall) {
							tooSmall++;
							expect(view.tooSmall.join(' ')).toMatch(
								language === 'en'
									? /Terminal too small: needs 20×\d+/
									: /端末が小さすぎます: 20×\d+ 以上/,
							);
							continue;
						}
						if (view.more) {
							// "lines 1-0 of 47" was a window with no text in it.
							const [, from, to] = /(\d+)-(\d+)/.exec(view.more)!;
							expect(Number(to), where).toBeGreaterThanOrEqual(Number(from));
							expect(view.body.length, where).toBeGreaterThan(0);
						}
						const highlighted =
							cursor < layoutScreen(base, {columns: 200, rows: 200}, OPTIONS).list.length;
						if (highlighted)
							expect(
								view.list.some((row) => row.selected),
								where,
							).toBe(true);
					}
				}
				// Only the narrowest Japanese screens may be too small, never 40x20 or 80x24.
				if (size.columns >= 40) expect(tooSmall).toBe(0);
			});
		}
	}

	it('says the terminal is too small below 20 columns, or when the highlighted choice cannot be shown', () => {
		const screen = initialScreen(start(incident, {}), 'en');
		const narrow = layoutScreen(screen, {columns: 15, rows: 24}, OPTIONS);
		expect(narrow.tooSmall?.join(' ')).toMatch(/^Terminal too small: needs 20×24\./);
		const short = layoutScreen(screen, {columns: 80, rows: 4}, OPTIONS);
		expect(short.tooSmall?.join(' ')).toMatch(/needs 80×\d+/);
		expect(
			layoutScreen(
				initialScreen(start(incident, {}), 'ja'),
				{columns: 19, rows: 10},
				OPTIONS,
			).tooSmall?.join(''),
		).toContain('端末が小さすぎます');
	});
});

describe('footer', () => {
	it('never splits a key from its label, and keeps cancel and help at a gate at 40 and 20 columns', async () => {
		const {footerLines, KEYMAP} = await import('../../source/ui/keymap.js');
		for (const language of ['en', 'ja'] as Language[]) {
			const labels = KEYMAP.filter((binding) => binding.short).map(
				(binding) => `${binding.keys} ${binding.short![language]}`,
			);
			for (const width of [19, 39, 79]) {
				for (const context of ['choices', 'detect', 'gate', 'end'] as const) {
					for (const maxLines of [1, 2]) {
						const lines = footerLines(context, language, {width, maxLines, hasCut: true});
						expect(lines.length).toBeLessThanOrEqual(maxLines);
						for (const line of lines) {
							expect(stringWidth(line)).toBeLessThanOrEqual(width);
							for (const unit of line.split(' · '))
								expect(labels, `${width} ${context}: ${line}`).toContain(unit);
						}
						if (context === 'gate' && width >= 39)
							expect(lines.join(' · ')).toContain(`c ${language === 'en' ? 'cancel' : '中止'}`);
						if (width >= 39) expect(lines.join(' · ')).toContain('?');
					}
				}
			}
		}
	});
});
