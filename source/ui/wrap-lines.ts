/**
 * Text is wrapped here, to the terminal's width, before Ink sees it: then the app knows how many
 * rows each part takes (to page a frame taller than the terminal), and wide (Japanese) characters
 * are measured by the same rules Ink uses (string-width).
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type {Line} from '../view/node-content.js';

/** Wraps to `width` columns; a paragraph's leading indentation is kept on its wrapped lines. */
export function wrapText(text: string, width: number, hangingIndent = ''): string[] {
	return text.split('\n').flatMap((paragraph) => {
		if (paragraph.trim() === '') return [''];
		const indent = /^ */.exec(paragraph)![0];
		const continuation = indent + hangingIndent;
		const room = Math.max(width - stringWidth(continuation), 1);
		const [first = '', ...rest] = wrapAnsi(paragraph.slice(indent.length), Math.max(width - indent.length, 1), {hard: true, trim: true}).split('\n');
		// Re-wrap what follows the first line at the (possibly narrower) continuation width.
		const tail = rest.length > 0 ? wrapAnsi(rest.join(' '), room, {hard: true, trim: true}).split('\n') : [];
		return [indent + first, ...tail.map((line) => continuation + line)];
	});
}

/** Cuts a line to `width` columns, ending with "…", without splitting a wide character. */
export function truncate(text: string, width: number): string {
	if (stringWidth(text) <= width) return text;
	let out = '';
	for (const character of text) {
		if (stringWidth(out + character) > width - 1) break;
		out += character;
	}
	return `${out}…`;
}

export type WrappedLines = {
	lines: Line[];
	/** Commands and URLs too wide to show whole: never wrapped (a break would corrupt a copy),
	 * shown cut, and printed whole on request. */
	tooWide: string[];
};

export function wrapLines(lines: Line[], width: number): WrappedLines {
	const out: Line[] = [];
	const tooWide: string[] = [];
	for (const line of lines) {
		if (line.style === 'command' || line.style === 'url') {
			if (stringWidth(line.text) > width) tooWide.push(line.text);
			out.push({...line, text: truncate(line.text, width)});
		} else {
			for (const text of wrapText(line.text, width)) out.push({...line, text});
		}
	}
	return {lines: out, tooWide};
}
