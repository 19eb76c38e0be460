/**
 * The text Ink draws for a screen layout, computed without Ink, React or Yoga.
 *
 * Loading those takes longer than everything else in a start (npm run bench): the first frame is
 * painted from this while they load, and when Ink draws the same frame the frame writer finds
 * nothing to change. It writes the rows of frame-rows.ts (which App.tsx draws too) with the styles
 * applied the way Ink's <Text> applies them (chalk: dim, colour, bold, from the inside out) and each
 * line normalised the way Ink's output does it (ansi-tokenize, trailing spaces trimmed).
 * test/ui/frame-text.test.ts renders the real App for every node of the flows and checks the two
 * agree to the byte.
 */
import {
	type AnsiCode,
	ansiCodesToString,
	diffAnsiCodes,
	reduceAnsiCodesIncremental,
	styledCharsFromTokens,
	styledCharsToString,
	tokenize,
} from '@alcalzone/ansi-tokenize';
import chalk, {type ForegroundColorName} from 'chalk';
import {frameRows} from './frame-rows.js';
import type {ScreenLayout} from './screen-layout.js';
import {type TextStyle, tint} from './text-styles.js';

export function frameText(view: ScreenLayout, colors: boolean): string {
	return frameRows(view)
		.map((row) => normalise(row.map(({text, style}) => styled(text, tint(style, colors))).join('')))
		.join('\n');
}

/** As Ink's <Text> transform styles its text. */
function styled(text: string, {dimColor, color, bold}: TextStyle): string {
	let out = text;
	if (dimColor) out = chalk.dim(out);
	if (color) out = chalk[color as ForegroundColorName](out);
	if (bold) out = chalk.bold(out);
	return out;
}

/**
 * As Ink's output writes a line: its characters re-serialised with the fewest style codes. That
 * pass was most of drawing a frame (1 to 2 ms of the 3 ms a key took before Ink has loaded), so a
 * line without escape sequences skips it (it has no codes to rewrite), a line of SGR codes and
 * text takes it run by run (normaliseRuns), and lines met before are remembered: ↓ changes two
 * rows, the others are the same strings again.
 */
export function normalise(line: string): string {
	if (!line.includes('\u001b') && !line.includes('\u009b')) return line.trimEnd();
	let out = normalised.get(line);
	if (out === undefined) {
		if (normalised.size >= MAX_REMEMBERED) normalised.clear();
		out = (
			normaliseRuns(line) ?? styledCharsToString(styledCharsFromTokens(tokenize(line)))
		).trimEnd();
		normalised.set(line, out);
	}
	return out;
}

const normalised = new Map<string, string>();
const MAX_REMEMBERED = 1000;

/** An SGR code (all that chalk writes), or a run of text without escapes. */
const RUN = /\u001b\[[\d;]*m|[^\u001b\u009b]+/y;

/**
 * ansi-tokenize's pass (styledCharsFromTokens, then styledCharsToString) over runs of text instead
 * of characters: the same codes between the same runs, without an object per character, which
 * made the first frame allocate half a megabyte (and a garbage collection fall between the first
 * frame and the first key). Undefined for a line with any other escape sequence (a hyperlink, a
 * title), which takes the character pass. test/ui/frame-text-runs.test.ts compares the two.
 */
function normaliseRuns(line: string): string | undefined {
	let codes: AnsiCode[] = [];
	let shown: AnsiCode[] | undefined; // the styles of the text written last
	let out = '';
	RUN.lastIndex = 0;
	while (RUN.lastIndex < line.length) {
		const run = RUN.exec(line)?.[0];
		if (run === undefined) return undefined;
		if (run.charCodeAt(0) === 0x1b) {
			codes = reduceAnsiCodesIncremental(codes, tokenize(run) as AnsiCode[]);
			continue;
		}
		if (codes !== shown) out += ansiCodesToString(diffAnsiCodes(shown ?? [], codes));
		out += run;
		shown = codes;
	}
	if (shown !== undefined) out += ansiCodesToString(diffAnsiCodes(shown, []));
	return out;
}
