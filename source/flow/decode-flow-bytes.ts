/**
 * A flow file's bytes to text: strict UTF-8 only, and a bad file (Latin-1, UTF-16, binary) is
 * named with the line and column of its first bad byte instead of being read as mojibake.
 */
import type {Position} from './findings.js';

/** Decodes strict UTF-8; on failure names the line and column of the first bad byte. */
export function decodeUtf8(bytes: Buffer): string | {message: string; position: Position} {
	const nul = bytes.indexOf(0);
	try {
		const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
		if (nul === -1) return text;
	} catch {
		// Fall through to locate the first invalid byte.
	}
	const bad = nul === -1 ? firstInvalidUtf8(bytes) : Math.min(nul, firstInvalidUtf8(bytes));
	const before = bytes.subarray(0, bad);
	const lineStart = before.lastIndexOf(0x0a) + 1;
	const line = before.toString('latin1').split('\n').length;
	const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
	const utf16 =
		(bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
	const what = utf16
		? 'a UTF-16 byte order mark (the file is UTF-16)'
		: bad === nul
			? 'a NUL byte (this looks like a binary file)'
			: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}, which is not valid UTF-8`;
	return {
		message: `contains ${what}: save the flow as UTF-8 text`,
		position: {line, column},
	};
}

/** Offset of the first byte of the first sequence that strict UTF-8 decoding rejects. */
function firstInvalidUtf8(bytes: Buffer): number {
	const decodes = (length: number, stream: boolean) => {
		try {
			new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, length), {stream});
			return true;
		} catch {
			return false;
		}
	};
	if (decodes(bytes.length, false)) return bytes.length;
	// A prefix decodes in streaming mode exactly when it holds no invalid sequence (an incomplete
	// one at its end is still awaited), so a binary search finds the byte that makes it invalid;
	// if every prefix streams, the file ends inside a sequence.
	let low = bytes.length;
	if (!decodes(bytes.length, true)) {
		low = 0;
		let high = bytes.length; // decodes(low) holds, decodes(high) does not
		while (high - low > 1) {
			const middle = (low + high) >>> 1;
			if (decodes(middle, true)) low = middle;
			else high = middle;
		}
	}
	// That byte may only reveal a sequence begun before it (é in Latin-1 is 0xe9, a lead byte,
	// and the next byte is what breaks it): point at the lead byte, where the bad character is.
	if (decodes(low, false)) return low;
	let start = low - 1;
	while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
	return start;
}
