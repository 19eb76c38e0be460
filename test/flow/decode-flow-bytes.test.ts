/**
 * A flow file's bytes to text (source/flow/decode-flow-bytes.ts): UTF-8 passes through, anything
 * else is named at the line and column of the character where it goes wrong.
 */
import {describe, expect, it} from 'vitest';
import {decodeUtf8} from '../../source/flow/decode-flow-bytes.js';

describe('decodeUtf8', () => {
	it('returns UTF-8 text as it is, Japanese included', () => {
		expect(decodeUtf8(Buffer.from('id: a\ntitle: {ja: 完了}\n'))).toBe(
			'id: a\ntitle: {ja: 完了}\n',
		);
	});

	it('points at a Latin-1 é by the column of the character, counting UTF-8 before it as text', () => {
		const bytes = Buffer.concat([Buffer.from('id: a\ntitle: 完了 caf'), Buffer.from([0xe9, 0x0a])]);
		expect(decodeUtf8(bytes)).toEqual({
			message: 'contains byte 0xe9, which is not valid UTF-8: save the flow as UTF-8 text',
			position: {line: 2, column: 14},
		});
	});

	it('points at a lead byte whose sequence is cut short by the next byte', () => {
		const bytes = Buffer.concat([Buffer.from('a: '), Buffer.from([0xe5, 0x41]), Buffer.from('\n')]);
		expect(decodeUtf8(bytes)).toMatchObject({position: {line: 1, column: 4}});
	});

	it('names a UTF-16 file by its byte order mark, and a NUL byte as binary', () => {
		expect(decodeUtf8(Buffer.from('\ufeffid: a\n', 'utf16le'))).toEqual({
			message:
				'contains a UTF-16 byte order mark (the file is UTF-16): save the flow as UTF-8 text',
			position: {line: 1, column: 1},
		});
		expect(decodeUtf8(Buffer.from('id: a\nb: \0\n'))).toEqual({
			message: 'contains a NUL byte (this looks like a binary file): save the flow as UTF-8 text',
			position: {line: 2, column: 4},
		});
	});

	it('names a file that ends inside a character', () => {
		const bytes = Buffer.concat([Buffer.from('a: 完'), Buffer.from([0xe4, 0xba])]);
		expect(decodeUtf8(bytes)).toMatchObject({position: {line: 1, column: 5}});
	});
});
