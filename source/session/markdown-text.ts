/**
 * Text from a log or a flow placed into Markdown: control sequences stripped (a ticket may be
 * viewed in a terminal), line breaks flattened (one list item stays one item), and the characters
 * that would start emphasis, links, HTML or table cells escaped, so what the person saw is what
 * the ticket shows.
 */
import {sanitizeText} from '../terminal/sanitize-text.js';

const flat = (text: string) => sanitizeText(text).replace(/\s*[\r\n]+\s*/g, ' ');

export function mdText(text: string): string {
	return flat(text).replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/** Inline code: ids, values, paths. The fence is longer than any run of backticks inside. */
export function mdCode(text: string): string {
	const value = flat(text);
	const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((match) => match[0].length));
	const fence = '`'.repeat(longest + 1);
	const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${value}${pad}${fence}`;
}
