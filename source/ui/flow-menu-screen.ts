/**
 * The terminal UI's flow menu ("What is the problem?", choose-flow-ink.tsx) without Ink: what a key
 * does there, and which of the files not offered fit under the list.
 */
import {textWidth} from '../terminal/text-width.js';
import type {Language} from '../flow/schema.js';
import {flowMenuStrings} from '../view/flow-menu.js';
import type {Key} from './screen-state.js';

/** A key moves the highlight, or ends the menu with the flow picked (its index; none: quit). */
export type MenuKeyResult = {selection: number} | {done: true; pick?: number};

export function flowMenuKey(selection: number, key: Key, count: number): MenuKeyResult {
	const text = key.name === 'text' ? key.text : '';
	const move = (to: number) => ({selection: Math.max(0, Math.min(count - 1, to))});
	if (text === 'q' || key.name === 'escape' || key.name === 'ctrlC') return {done: true};
	if (key.name === 'up' || text === 'k') return move(selection - 1);
	if (key.name === 'down' || text === 'j') return move(selection + 1);
	if (key.name === 'enter') return {done: true, pick: selection};
	if (/^[1-9]$/.test(text) && Number(text) <= count) return {done: true, pick: Number(text) - 1};
	return {selection};
}

/** Rows a text takes when wrapped at `columns` (an estimate: Ink wraps at word boundaries). */
export function wrappedRows(text: string, columns: number): number {
	return Math.max(1, Math.ceil((textWidth(text) * 1.15) / Math.max(1, columns)));
}

/**
 * The "not offered" lines that fit in `rows` under the menu, so the flows to choose from never
 * scroll off a small terminal: as many whole findings as fit, then one line saying how many more
 * there are.
 */
export function fittedProblems(
	problems: string[],
	language: Language,
	columns: number,
	rows: number,
): string[] {
	const t = flowMenuStrings[language];
	const rowsOf = (line: string) => wrappedRows(line, columns);
	// The blank line above, the heading, and room for the "more" line: else nothing is shown.
	let left = rows - 1 - rowsOf(t.notOffered);
	if (problems.length === 0 || left < rowsOf(t.moreNotOffered(problems.length))) return [];
	const lines: string[] = [t.notOffered];
	for (const [index, problem] of problems.entries()) {
		const line = `- ${problem}`;
		const more =
			index < problems.length - 1 ? rowsOf(t.moreNotOffered(problems.length - index - 1)) : 0;
		if (rowsOf(line) + more > left) return [...lines, t.moreNotOffered(problems.length - index)];
		lines.push(line);
		left -= rowsOf(line);
	}
	return lines;
}
