/**
 * textWidth (source/terminal/text-width.ts) answers without string-width for text of one-unit
 * graphemes: its answer must be string-width's, which is what Ink measures and cuts by.
 */
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {ONE_GRAPHEME_PER_UNIT} from '../../source/terminal/lazy-segmenter.js';
import {textWidth} from '../../source/terminal/text-width.js';
import {seeded} from '../helpers/prng.js';

const FAST_PATH_CHARACTERS = Array.from({length: 0x10000}, (_, code) =>
	String.fromCharCode(code),
).filter((character) => ONE_GRAPHEME_PER_UNIT.test(character));

describe('textWidth', () => {
	it('is string-width for every character its own rule measures', () => {
		// Ten thousands of characters: ASCII and its controls, Latin, punctuation, arrows, box
		// drawing, emoji of their own presentation (⌚ ✅ ⭐), kana, kanji, Hangul, full-width forms.
		expect(FAST_PATH_CHARACTERS.length).toBeGreaterThan(40_000);
		const differing = FAST_PATH_CHARACTERS.filter(
			(character) => textWidth(character) !== stringWidth(character),
		).map((character) => character.codePointAt(0)!.toString(16));
		expect(differing).toEqual([]);
	});

	it('is string-width for text mixing them, and for text it hands to string-width', () => {
		const random = seeded(20261202);
		const others = [
			'e\u0301',
			'👍🏽',
			'\u{1F469}\u200D\u{1F4BB}',
			'1\uFE0F\u20E3',
			'\u1100\u1161',
			'\r\n',
		];
		for (let round = 0; round < 2000; round++) {
			const parts = Array.from({length: 1 + random.int(12)}, () =>
				random.chance(0.1) ? random.pick(others) : random.pick(FAST_PATH_CHARACTERS),
			);
			const text = parts.join('');
			expect(textWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
		}
	});

	it('measures what a person sees of styled text, not its escape codes', () => {
		expect(textWidth('\u001B[2mStep 1 · 症状\u001B[22m')).toBe(stringWidth('Step 1 · 症状'));
		expect(textWidth('Step 1 · 症状')).toBe(13);
		expect(textWidth('')).toBe(0);
	});
});
