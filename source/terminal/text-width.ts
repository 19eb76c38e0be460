/**
 * How many terminal columns a text takes: string-width's answer, for nearly all of our text
 * without string-width's cost on first use. string-width tests every grapheme with Unicode-property
 * regular expressions (\p{RGI_Emoji} among them) which V8 compiles on first use: that alone was
 * two thirds of laying out the first frame (npm run bench). For text of which every character is a
 * grapheme of its own (lazy-segmenter.ts's ONE_GRAPHEME_PER_UNIT: ASCII, Latin, punctuation,
 * arrows, kana, kanji, …) its answer is each character's East Asian width (ambiguous as narrow),
 * with controls and the soft hyphen taking none: test/ui/text-width.test.ts checks that against
 * string-width for every such character. Anything else is measured by string-width itself.
 */
import {eastAsianWidth} from 'get-east-asian-width';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {ONE_GRAPHEME_PER_UNIT} from './lazy-segmenter.js';

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const NARROW = {ambiguousAsWide: false};

export function textWidth(styled: string): number {
	// Escape sequences (ESC, CSI) take no room: stripped first, as string-width does.
	const text = styled.includes('\u001b') || styled.includes('\u009b') ? stripAnsi(styled) : styled;
	if (PRINTABLE_ASCII.test(text)) return text.length;
	if (!ONE_GRAPHEME_PER_UNIT.test(text)) return stringWidth(text);
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad) continue;
		width += eastAsianWidth(code, NARROW);
	}
	return width;
}
