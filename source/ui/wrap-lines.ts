/**
 * Text is wrapped here, to the terminal's width, before Ink sees it: the app then knows how many
 * rows each part takes (to page a frame taller than the terminal), and wide characters are
 * measured by the same rules Ink uses (string-width, through text-width.ts). Japanese breaks between phrases, with the
 * line-start and line-end rules (japanese-phrases.ts).
 * The text is plain: it was sanitized, and styles are applied by Ink, not with escape codes.
 */
import {textWidth} from '../terminal/text-width.js';
import type {Line} from '../view/node-content.js';
import {breakablePieces, phrasesLoaded} from './japanese-phrases.js';

/** Characters that must not start a line (kinsoku), one at a time. */
const NO_LINE_START =
	/^[、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)\]}.,;:!?]$/u;

/** A URL or a path in running text (people copy them): never split, see wrapText. A piece that
 * holds a URL (with the brackets around it) counts too; `cut` gets the URL alone. Letters are
 * spelled in both cases rather than with the i flag: with u, i makes V8 build the case closure of
 * every class (\S is all of Unicode), which was 4 M instructions of laying out the first frame. */
const URL_IN = /(?:[a-zA-Z][a-zA-Z\d+.-]*:\/\/|[wW]{3}\.)[^\s（）「」『』【】、。]+/u;
const PATH = /^(?:~?\.{0,2}\/\S*\/\S*|[a-zA-Z]:\\\S*)$/u;

/**
 * Wraps text to `width` columns. A URL or path is never split: it moves to a line of its own, and
 * if even that is too narrow it is cut visibly with "…" and added to `cut` (printed whole with p,
 * copied whole with y).
 */
export function wrapText(
	text: string,
	width: number,
	hangingIndent = '',
	cut?: string[],
): string[] {
	return text
		.split('\n')
		.flatMap((paragraph) => wrappedOnce(paragraph, Math.max(width, 2), hangingIndent, cut));
}

/**
 * Paragraphs already wrapped, with what they cut: every key lays the screen out again, and ↓ only
 * moves the highlight, so the step's text and its choices are the same paragraphs at the same
 * width (half of answering a key before Ink has loaded was wrapping them again).
 */
const wrapped = new Map<string, {lines: string[]; cut: string[]}>();
const MAX_WRAPPED = 500;

function wrappedOnce(
	paragraph: string,
	width: number,
	hangingIndent: string,
	cut: string[] | undefined,
): string[] {
	const key = `${width}\u0000${hangingIndent}\u0000${phrasesLoaded()}\u0000${paragraph}`;
	let found = wrapped.get(key);
	if (found === undefined) {
		const cutHere: string[] = [];
		found = {lines: wrapParagraph(paragraph, width, hangingIndent, cutHere), cut: cutHere};
		if (wrapped.size >= MAX_WRAPPED) wrapped.clear();
		wrapped.set(key, found);
	}
	cut?.push(...found.cut);
	return found.lines;
}

function wrapParagraph(
	paragraph: string,
	width: number,
	hangingIndent: string,
	cut: string[] | undefined,
): string[] {
	if (paragraph.trim() === '') return [''];
	const indent = /^ */.exec(paragraph)![0];
	const continuation = textWidth(indent + hangingIndent) < width / 2 ? indent + hangingIndent : '';
	const lines: string[] = [];
	let line = indent;
	let lineWidth = textWidth(indent);
	let fresh = true; // nothing but indentation on this line yet
	const newLine = () => {
		lines.push(line.trimEnd());
		line = continuation;
		lineWidth = textWidth(continuation);
		fresh = true;
	};
	for (const token of breakablePieces(paragraph.slice(indent.length))) {
		const tokenWidth = textWidth(token);
		if (/^\s+$/.test(token)) {
			if (!fresh && lineWidth + tokenWidth < width) {
				line += token;
				lineWidth += tokenWidth;
			} else if (!fresh) newLine();
			continue;
		}
		const url = URL_IN.exec(token)?.[0];
		if ((url || PATH.test(token)) && textWidth(continuation) + tokenWidth > width) {
			if (!fresh) newLine();
			line += truncate(token, width - lineWidth);
			cut?.push(url ?? token);
			newLine();
			continue;
		}
		if (lineWidth + tokenWidth <= width) {
			line += token;
			lineWidth += tokenWidth;
			fresh = false;
			continue;
		}
		if (NO_LINE_START.test(token) && !fresh) {
			// Carry the previous character over (with any closing punctuation after it, as in
			// 「ん）」 before 「。」), so that no punctuation opens the next line.
			const characters = [...line];
			let carried = '';
			while (characters.length > 0) {
				const last = characters.pop()!;
				carried = last + carried;
				if (!NO_LINE_START.test(last)) break;
			}
			const carriedWidth = textWidth(carried);
			const fits = textWidth(continuation) + carriedWidth + tokenWidth <= width;
			if (characters.join('').trim() !== '' && textWidth([...carried][0]!) === 2 && fits) {
				line = characters.join('');
				newLine();
				line += carried + token;
				lineWidth += carriedWidth + tokenWidth;
				fresh = false;
				continue;
			}
		}
		if (!fresh) newLine();
		// A word longer than a whole line is cut at the width.
		for (const character of token) {
			const characterWidth = textWidth(character);
			if (lineWidth + characterWidth > width && !fresh) {
				// Even here no line starts with closing punctuation: the character before goes down too.
				const characters = [...line];
				let carried = '';
				while (
					NO_LINE_START.test(carried[0] ?? character) &&
					characters.length - [...continuation].length > 1
				) {
					const last = characters.at(-1)!;
					if (textWidth(continuation + last + carried + character) > width) break;
					carried = characters.pop()! + carried;
				}
				line = characters.join('');
				newLine();
				line += carried;
				lineWidth += textWidth(carried);
			}
			line += character;
			lineWidth += characterWidth;
			fresh = false;
		}
	}
	if (!fresh || lines.length === 0) lines.push(line.trimEnd());
	return lines;
}

/** Cuts a line to `width` columns, ending with "…", without splitting a wide character. */
export function truncate(text: string, width: number): string {
	if (textWidth(text) <= width) return text;
	let out = '';
	for (const character of text) {
		if (textWidth(out + character) > width - 1) break;
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
			if (textWidth(line.text) > width) tooWide.push(line.text);
			out.push({...line, text: truncate(line.text, width)});
		} else {
			for (const text of wrapText(line.text, width, '', tooWide)) out.push({...line, text});
		}
	}
	return {lines: out, tooWide};
}
