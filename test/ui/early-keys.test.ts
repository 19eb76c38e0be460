/**
 * Input read before Ink has loaded is split as Ink's input parser splits it (early-keys.ts), so
 * the key decoder reads the same keys from it as from Ink's pieces afterwards.
 */
import {describe, expect, it} from 'vitest';
import {splitInput} from '../../source/ui/early-keys.js';
import {createKeyDecoder} from '../../source/ui/key-decoder.js';

const keysOf = (text: string) => {
	const decoder = createKeyDecoder();
	return splitInput(text).pieces.flatMap((piece) => decoder.push(piece));
};

describe('input read before Ink has loaded', () => {
	it('splits escape sequences from the runs of text around them', () => {
		expect(splitInput('\u001B[B')).toEqual({pieces: ['\u001B[B'], pending: ''});
		expect(splitInput('j\r\u001B[A\u001B[1;2Bq')).toEqual({
			pieces: ['j\r', '\u001B[A', '\u001B[1;2B', 'q'],
			pending: '',
		});
		// SS3 arrows, the legacy ESC [ [ A, a ~ key, Alt+x and a lone Escape at the end.
		expect(splitInput('\u001BOA\u001B[[A\u001B[5~\u001Bx\u001B').pieces).toEqual([
			'\u001BOA',
			'\u001B[[A',
			'\u001B[5~',
			'\u001Bx',
			'\u001B',
		]);
	});

	it('keeps an escape sequence cut off at the end of a read for the next one', () => {
		expect(splitInput('k\u001B[')).toEqual({pieces: ['k'], pending: '\u001B['});
		expect(splitInput('\u001B[1;')).toEqual({pieces: [], pending: '\u001B[1;'});
		expect(splitInput('\u001BO')).toEqual({pieces: [], pending: '\u001BO'});
	});

	it('takes a bracketed paste whole, as Ink 8 does, even when its end comes in a later read', () => {
		expect(splitInput('\u001B[B\u001B[200~q\u001B[A')).toEqual({
			pieces: ['\u001B[B'],
			pending: '\u001B[200~q\u001B[A',
		});
		expect(splitInput('\u001B[200~q\u001B[A\u001B[201~\r')).toEqual({
			pieces: [{paste: 'q\u001B[A'}, '\r'],
			pending: '',
		});
	});

	it('decodes to the keys typed: ↓ then Enter in one read, a paste, Ctrl+C', () => {
		expect(keysOf('\u001B[B\r')).toEqual([{name: 'down'}, {name: 'enter'}]);
		expect(keysOf('j\r')).toEqual([{name: 'text', text: 'j'}, {name: 'enter'}]);
		expect(keysOf('\u001B[200~q\ny\u001B[201~')).toEqual([{name: 'paste', text: 'q\ny'}]);
		expect(keysOf('\u0003')).toEqual([{name: 'ctrlC'}]);
	});
});
