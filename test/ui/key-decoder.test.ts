/** Input pieces (as Ink splits a read) to keys: every key of a chunk, in order, and pastes as text. */
import {describe, expect, it} from 'vitest';
import {createInputParser} from '../../node_modules/ink/build/input-parser.js';
import {createKeyDecoder} from '../../source/ui/key-decoder.js';

/** What the app receives for raw terminal reads: Ink's own splitting, then the decoder. */
function decode(...reads: string[]) {
	const parser = createInputParser();
	const decoder = createKeyDecoder();
	return reads.flatMap((read) => parser.push(read).flatMap((piece) => decoder.push(piece)));
}

describe('key decoder', () => {
	it('turns a run of keys in one read into one key each (j Enter, 2 Enter Enter)', () => {
		expect(decode('j\r')).toEqual([{name: 'text', text: 'j'}, {name: 'enter'}]);
		expect(decode('2\r\r')).toEqual([{name: 'text', text: '2'}, {name: 'enter'}, {name: 'enter'}]);
	});

	it('reads arrows, paging and Enter mixed in one read', () => {
		expect(decode('\u001B[B\r\u001B[A\u001BOB\u001B[6~\u001B[5~ \u007F')).toEqual([
			{name: 'down'},
			{name: 'enter'},
			{name: 'up'},
			{name: 'down'},
			{name: 'pageDown'},
			{name: 'pageUp'},
			{name: 'space'},
			{name: 'backspace'},
		]);
	});

	it('reads a pasted line ending in \\n, \\r or \\r\\n as its characters and one Enter', () => {
		const typed = [...'26100.7623'].map((text) => ({name: 'text', text}));
		for (const end of ['\n', '\r', '\r\n'])
			expect(decode(`26100.7623${end}`)).toEqual([...typed, {name: 'enter'}]);
		// CR and LF split over two reads are still one line break.
		expect(decode('1\r', '\n2')).toEqual([
			{name: 'text', text: '1'},
			{name: 'enter'},
			{name: 'text', text: '2'},
		]);
		expect(decode('\r\r\n')).toEqual([{name: 'enter'}, {name: 'enter'}]);
	});

	it('reads Ctrl+C and a lone Escape, and ignores Tab, Alt+key and unknown sequences', () => {
		expect(decode('\u0003')).toEqual([{name: 'ctrlC'}]);
		expect(decode('\t\u001Bq\u001B[15~x')).toEqual([{name: 'text', text: 'x'}]);
	});

	it('reads a bracketed paste as one paste of text, never as keys, even across reads', () => {
		expect(decode('\u001B[200~q\ry\u001B[A\u001B[201~j')).toEqual([
			{name: 'paste', text: 'q\ny'},
			{name: 'text', text: 'j'},
		]);
		expect(decode('\u001B[200~2610', '0.7623\r\n', '\u001B[201~')).toEqual([
			{name: 'paste', text: '26100.7623\n'},
		]);
	});

	it('keeps wide characters whole', () => {
		expect(decode('日本\r')).toEqual([
			{name: 'text', text: '日'},
			{name: 'text', text: '本'},
			{name: 'enter'},
		]);
	});
});
