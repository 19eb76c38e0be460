/**
 * frame-text.ts normalises a styled line run by run instead of character by character: for every
 * line it must give exactly what ansi-tokenize's character pass gives (what Ink writes). Lines are
 * generated from every style chalk writes, nested, with resets, compound and extended colour codes,
 * wide and joined characters, and escapes the run pass leaves to the character pass.
 */
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import {Chalk} from 'chalk';
import {describe, expect, it} from 'vitest';
import {normalise} from '../../source/ui/frame-text.js';

const chalk = new Chalk({level: 3});
const characterPass = (line: string) =>
	styledCharsToString(styledCharsFromTokens(tokenize(line))).trimEnd();

const TEXTS = ['', 'a', 'Step 1 ', '日本語の文', '👩‍💻', 'e\u0301', '   ', '→ ', '🇯🇵', 'ｶﾞ'];
const STYLES: ((text: string) => string)[] = [
	(text) => text,
	chalk.dim,
	chalk.bold,
	chalk.cyan,
	chalk.red,
	chalk.bgBlue,
	chalk.italic,
	chalk.underline,
	chalk.inverse,
	chalk.bold.cyan,
	(text) => chalk.bold(chalk.cyan(chalk.dim(text))),
	(text) => chalk.dim(`x${chalk.bold(text)}y`),
	(text) => `\u001b[1;31m${text}\u001b[0m`,
	(text) => `\u001b[38;5;123m${text}\u001b[39m`,
	(text) => `\u001b[38;2;1;2;3m${text}\u001b[m`,
	(text) => `\u001b[2m${text}`,
	(text) => `${text}\u001b[22m`,
];
/** Escapes the run pass does not take: the character pass gives the answer. */
const OTHERS = [
	'\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
	'\u001b]0;title\u0007',
	'\u001b[2K',
	'\u009b31m',
	'\u001b',
	'\u001b[',
];

/** A fixed sequence of pseudo-random numbers, so a failure names the same line every time. */
function numbers(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state % below;
	};
}

describe('normalising a styled line run by run', () => {
	it('gives what the character pass gives, for every kind of line', () => {
		const next = numbers(17);
		const differ: string[] = [];
		for (let index = 0; index < 4000; index++) {
			const pieces: string[] = [];
			const count = 1 + next(6);
			for (let piece = 0; piece < count; piece++) {
				const text = TEXTS[next(TEXTS.length)]!;
				pieces.push(STYLES[next(STYLES.length)]!(text));
				if (next(25) === 0) pieces.push(OTHERS[next(OTHERS.length)]!);
			}
			const line = pieces.join('');
			if (normalise(line) !== characterPass(line)) differ.push(JSON.stringify(line));
		}
		expect(differ).toEqual([]);
	});

	it('rewrites codes as Ink does: merged, closed at the end, a line without codes as it is', () => {
		const line = `${chalk.dim('a')}${chalk.dim('b')} ${chalk.bold(chalk.cyan('c'))}   `;
		expect(normalise(line)).toBe(characterPass(line));
		expect(normalise(line)).toBe('\u001b[2mab\u001b[22m \u001b[1m\u001b[36mc\u001b[39m\u001b[22m');
		expect(normalise('plain  ')).toBe('plain');
	});
});
