/**
 * The text Ink draws for a screen layout, computed without Ink, React or Yoga.
 *
 * Loading those takes longer than everything else in a start (npm run bench): the first frame is
 * painted from this while they load, and when Ink draws the same frame the frame writer finds
 * nothing to change. It follows the component tree of App.tsx and ListView.tsx row by row, with
 * the styles of text-styles.ts applied the way Ink's <Text> applies them (chalk: dim, colour,
 * bold, from the inside out) and each line normalised the way Ink's output does it
 * (ansi-tokenize, trailing spaces trimmed). test/ui/frame-text.test.ts renders the real App for
 * every node of the flows and checks the two agree to the byte.
 */
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import chalk, {type ForegroundColorName} from 'chalk';
import type {ScreenLayout} from './screen-layout.js';
import {
	afterStyle,
	bodyStyle,
	bodyText,
	checklistStyle,
	choiceStyle,
	FOOTER,
	INDICATOR,
	indicator,
	MORE,
	STEP,
	type TextStyle,
	tint,
	TITLE,
	WARNING,
} from './text-styles.js';

export function frameText(view: ScreenLayout, colors: boolean): string {
	const paint = (text: string, style: TextStyle) => styled(text, tint(style, colors));
	const rows: string[] = [];
	// A <Text> with no characters takes no row in Ink's layout.
	const row = (text: string, style: TextStyle = {}) => {
		if (text !== '') rows.push(paint(text, style));
	};

	if (view.tooSmall) {
		for (const line of view.tooSmall) row(line || ' ', WARNING);
		return rows.map(normalise).join('\n');
	}
	if (view.help) {
		row(view.step, STEP);
		for (const line of view.help) row(line || ' ');
		return rows.map(normalise).join('\n');
	}

	row(view.title, TITLE);
	row(view.step, STEP);
	for (const line of view.warnings) row(line, WARNING);
	if (view.spacing) row(' ');
	for (const line of view.body) row(bodyText(line.text, line.style), bodyStyle(line.style));
	if (view.more) row(view.more, MORE);
	if (view.spacing) row(' ');
	for (const listRow of view.list) {
		// A one-column indicator and a margin (choices), or a two-column one (checklists); the
		// row's further lines start under the text of its first.
		const marker =
			paint(indicator(listRow.selected, view.choices), INDICATOR) + (view.choices ? ' ' : '');
		const style = view.choices ? choiceStyle(listRow.selected) : checklistStyle(listRow);
		const lines = listRow.lines.filter((line) => line !== '');
		if (lines.length === 0) rows.push(marker);
		lines.forEach((line, index) =>
			rows.push(`${index === 0 ? marker : '  '}${paint(line, style)}`),
		);
	}
	for (const line of view.after) row(line.text, afterStyle(line.tone));
	for (const line of view.footer) row(line, FOOTER);
	return rows.map(normalise).join('\n');
}

/** As Ink's <Text> transform styles its text. */
function styled(text: string, {dimColor, color, bold}: TextStyle): string {
	let out = text;
	if (dimColor) out = chalk.dim(out);
	if (color) out = chalk[color as ForegroundColorName](out);
	if (bold) out = chalk.bold(out);
	return out;
}

/** As Ink's output writes a line: its characters re-serialised with the fewest style codes. */
function normalise(line: string): string {
	return styledCharsToString(styledCharsFromTokens(tokenize(line))).trimEnd();
}
