/** The terminal UI's flow menu without Ink: what each key does, and the "not offered" lines that
 * fit under the list. */
import {describe, expect, it} from 'vitest';
import {fittedProblems, flowMenuKey} from '../../source/ui/flow-menu-screen.js';
import type {Key} from '../../source/ui/screen-state.js';

/** Keys one after the other from the first flow, as one chunk of typed-ahead keys arrives. */
function press(count: number, ...keys: Key[]) {
	let selection = 0;
	for (const key of keys) {
		const result = flowMenuKey(selection, key, count);
		if ('done' in result) return result;
		selection = result.selection;
	}
	return {selection};
}
const text = (value: string): Key => ({name: 'text', text: value});

describe('flow menu keys', () => {
	it('↓ ↓ Enter opens the third flow; j/k move too; the highlight stops at both ends', () => {
		expect(press(3, {name: 'down'}, {name: 'down'}, {name: 'enter'})).toEqual({
			done: true,
			pick: 2,
		});
		expect(press(3, text('j'), text('j'), text('j'), text('j'))).toEqual({selection: 2});
		expect(press(3, {name: 'up'}, text('k'))).toEqual({selection: 0});
	});

	it('a number opens that flow; a number past the last does nothing', () => {
		expect(press(3, text('2'))).toEqual({done: true, pick: 1});
		expect(press(3, text('4'), text('0'), {name: 'space'})).toEqual({selection: 0});
	});

	it('q, Esc and Ctrl+C leave without a flow', () => {
		for (const key of [text('q'), {name: 'escape'} as Key, {name: 'ctrlC'} as Key])
			expect(press(3, {name: 'down'}, key)).toEqual({done: true});
	});
});

describe('flow menu: files not offered', () => {
	const problems = ['a.yaml:3:1 unknown key', 'b.yaml:1:1 not a flow', 'c.yaml:9:4 cycle'];

	it('lists every file with its finding under a heading when there is room', () => {
		expect(fittedProblems(problems, 'en', 80, 20)).toEqual([
			'Not offered (fix the file, then run w365-triage validate FILE):',
			'- a.yaml:3:1 unknown key',
			'- b.yaml:1:1 not a flow',
			'- c.yaml:9:4 cycle',
		]);
	});

	it('on a short screen, as many as fit and how many more there are', () => {
		expect(fittedProblems(problems, 'en', 80, 4)).toEqual([
			'Not offered (fix the file, then run w365-triage validate FILE):',
			'- a.yaml:3:1 unknown key',
			'2 more file(s) not offered: see them with --plain, or a larger window',
		]);
	});

	it('nothing at all where not even the heading and the count fit, or nothing is wrong', () => {
		expect(fittedProblems(problems, 'en', 80, 2)).toEqual([]);
		expect(fittedProblems([], 'ja', 80, 20)).toEqual([]);
	});
});
