/**
 * A screen layout as the rows of the terminal, top to bottom, each a run of styled pieces: the one
 * row model both painters draw from. App.tsx draws each row as one Ink <Text>; frame-text.ts writes
 * the same rows as text before Ink has loaded. The row order, which texts take no row, and the
 * indicator and continuation prefixes of a list are decided here and nowhere else, so the first
 * frame and Ink's cannot drift apart (test/ui/frame-text.test.ts checks them to the byte).
 */
import type {ScreenLayout} from './screen-layout.js';
import {
	afterStyle,
	bodyStyle,
	checklistStyle,
	choiceStyle,
	FOOTER,
	INDICATOR,
	MORE,
	STEP,
	type TextStyle,
	TITLE,
	WARNING,
} from './text-styles.js';

export type RowPiece = {text: string; style: TextStyle};
/** One terminal row; never without characters. */
export type FrameRow = RowPiece[];

const PLAIN: TextStyle = {};

export function frameRows(view: ScreenLayout): FrameRow[] {
	const rows: FrameRow[] = [];
	// Ink gives a <Text> with no characters no row at all: an empty text is left out, and a blank
	// line that must keep its row is a space.
	const row = (text: string, style: TextStyle = PLAIN) => {
		if (text !== '') rows.push([{text, style}]);
	};

	if (view.tooSmall) {
		for (const line of view.tooSmall) row(line || ' ', WARNING);
		return rows;
	}
	if (view.help) {
		row(view.step, STEP);
		for (const line of view.help) row(line || ' ');
		return rows;
	}

	row(view.title, TITLE);
	row(view.step, STEP);
	for (const line of view.warnings) row(line, WARNING);
	if (view.spacing) row(' ');
	for (const line of view.body) {
		// A blank line between paragraphs keeps its row; an empty styled line has none.
		const style = bodyStyle(line.style);
		row(line.text || (Object.keys(style).length === 0 ? ' ' : ''), style);
	}
	if (view.more) row(view.more, MORE);
	if (view.spacing) row(' ');
	for (const listRow of view.list) {
		// The highlighted row is marked with ❯, never by colour alone: a choice's mark is one column
		// and a plain space, a checklist row's two columns in the mark's style. The row's further
		// lines start under the text of its first.
		const mark = listRow.selected ? '❯' : ' ';
		const marker: RowPiece[] = view.choices
			? [
					{text: mark, style: INDICATOR},
					{text: ' ', style: PLAIN},
				]
			: [{text: `${mark} `, style: INDICATOR}];
		const style = view.choices ? choiceStyle(listRow.selected) : checklistStyle(listRow);
		const lines = listRow.lines.filter((line) => line !== '');
		if (lines.length === 0) rows.push(marker);
		for (const [index, line] of lines.entries())
			rows.push([...(index === 0 ? marker : [{text: '  ', style: PLAIN}]), {text: line, style}]);
	}
	for (const line of view.after) row(line.text, afterStyle(line.tone));
	for (const line of view.footer) row(line, FOOTER);
	return rows;
}

/** A row's characters without styles: what a person reads on it (trailing spaces aside). */
export function rowText(row: FrameRow): string {
	return row.map((piece) => piece.text).join('');
}
