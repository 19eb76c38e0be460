/**
 * The stand-in for Intl.Segmenter (source/terminal/lazy-segmenter.ts) must segment exactly as ICU does:
 * for every code point it answers itself, ICU must agree that it is a grapheme of its own next to
 * any other such character; everything else goes to the real segmenter.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {installLazySegmenter, ONE_GRAPHEME_PER_UNIT} from '../../source/terminal/lazy-segmenter.js';

const original = Object.getOwnPropertyDescriptor(Intl, 'Segmenter')!;
const Real = Intl.Segmenter;
afterAll(() => Object.defineProperty(Intl, 'Segmenter', original));

type Segment = {segment: string; index: number; input?: string};
const plain = (segments: Iterable<Segment>) =>
	[...segments].map(({segment, index}) => [segment, index]);

describe('the lazy Intl.Segmenter', () => {
	it('only answers for code points ICU never joins to a neighbour', () => {
		const real = new Real();
		// Neighbours of every kind it answers for: ASCII, controls, Latin, punctuation, symbols,
		// kana, kanji, Hangul syllables, full-width forms.
		const neighbours = [
			'a',
			' ',
			'\n',
			'\u001B',
			'\u0085',
			'é',
			'·',
			'—',
			'→',
			'─',
			'❯',
			'⚠',
			'。',
			'あ',
			'ア',
			'日',
			'한',
			'Ａ',
			'ｶ',
		];
		let answered = 0;
		const joined: string[] = [];
		for (let code = 0; code <= 0xffff; code++) {
			const character = String.fromCharCode(code);
			if (!ONE_GRAPHEME_PER_UNIT.test(character)) continue;
			answered++;
			for (const other of neighbours) {
				const text = `${character}${other}${character}${character}`;
				let count = 0;
				for (const {segment} of real.segment(text)) if (segment.length === 1) count++;
				if (count !== text.length)
					joined.push(`U+${code.toString(16)} next to ${JSON.stringify(other)}`);
			}
		}
		expect(joined).toEqual([]);
		expect(answered).toBeGreaterThan(40_000);
	});

	it('gives the same segments as ICU, from iteration and from containing()', () => {
		installLazySegmenter();
		expect(Intl.Segmenter).not.toBe(Real);
		const lazy = new Intl.Segmenter();
		const real = new Real();
		const samples = [
			'',
			'Step 1 · symptom',
			'「接続と認証の失敗」と表示され、サインイン画面まで進めない',
			'❯ 1. Yes',
			'e\u0301',
			'👍🏽 ok',
			'🇯🇵',
			'ガ',
			'ｶﾞ',
			'한국어',
			'a\r\nb',
			'1\uFE0F\u20E3',
		];
		for (const text of samples) {
			expect(plain(lazy.segment(text)), text).toEqual(plain(real.segment(text)));
			for (let index = -1; index <= text.length; index++) {
				const got = lazy.segment(text).containing(index);
				const want = real.segment(text).containing(index);
				expect(got && [got.segment, got.index, got.input], `${text} @${index}`).toEqual(
					want && [want.segment, want.index, want.input],
				);
			}
		}
		expect(new Intl.Segmenter(undefined, {granularity: 'word'}).resolvedOptions().granularity).toBe(
			'word',
		);
		expect(plain(new Intl.Segmenter(undefined, {granularity: 'word'}).segment('a b'))).toEqual([
			['a', 0],
			[' ', 1],
			['b', 2],
		]);
	});
});
