/**
 * How each part of the screen is styled, in one place: the rows of frame-rows.ts carry these
 * styles, which the Ink components (FrameRows.tsx) and the first frame painted before Ink has
 * loaded (frame-text.ts) both draw, so the two cannot drift apart. Meaning never rests on colour alone: with
 * NO_COLOR the colours go and the symbols (❯, ☑) and words stay.
 */
import type {LineStyle} from '../view/node-content.js';
import type {ListRow, ScreenLayout} from './screen-layout.js';

/** The subset of Ink's <Text> props the screen uses. */
export type TextStyle = {bold?: boolean; dimColor?: boolean; color?: string};

/** Drops the colour when colours are off (bold and dim stay: they carry no meaning of their own). */
export function tint(style: TextStyle, colors: boolean): TextStyle {
	return colors || style.color === undefined ? style : {...style, color: undefined};
}

export const TITLE: TextStyle = {bold: true, color: 'cyan'};
export const STEP: TextStyle = {bold: true};
export const WARNING: TextStyle = {color: 'yellow'};
export const MORE: TextStyle = {dimColor: true};
export const FOOTER: TextStyle = {dimColor: true};
/** The ❯ in front of the highlighted list row (frame-rows.ts). */
export const INDICATOR: TextStyle = {color: 'cyan'};

export function bodyStyle(style: LineStyle): TextStyle {
	switch (style) {
		case 'heading':
			return {bold: true};
		case 'outcome':
			return {bold: true, color: 'green'};
		case 'command':
			return {color: 'cyan'};
		case 'url':
			return {color: 'blue'};
		case 'dim':
			return {dimColor: true};
		case 'warn':
			return {bold: true, color: 'yellow'};
		default:
			return {};
	}
}

/** A row of a choice list: the highlighted choice is bold cyan. */
export function choiceStyle(selected: boolean): TextStyle {
	return selected ? {bold: true, color: 'cyan'} : {};
}

/** A row of a checklist (gate items, fact names): done and safe rows green, a locked one dim. */
export function checklistStyle(row: ListRow): TextStyle {
	return {
		bold: row.selected || undefined,
		dimColor: row.tone === 'locked' || undefined,
		color: row.tone === 'done' || row.tone === 'safe' ? 'green' : undefined,
	};
}

export function afterStyle(tone: ScreenLayout['after'][number]['tone']): TextStyle {
	return {
		bold: tone === 'prompt' || undefined,
		dimColor: tone === 'dim' || undefined,
		color: tone === 'error' ? 'red' : tone === 'hint' ? 'yellow' : undefined,
	};
}
