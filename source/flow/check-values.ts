/**
 * Checks on single values that the schema's types let through but that are never right in a
 * flow: calendar dates that do not exist, source links that are not https, empty texts, control
 * characters, a language declared twice, and conditions that match always or never.
 */
import type {Finding} from './findings.js';
import type {Flow} from './schema.js';
import {forEachText} from './text.js';
import type {PathSegment} from './yaml-positions.js';

type At = (code: Finding['code'], path: PathSegment[], message: string, key?: boolean) => void;

/** C0 controls except tab and newline, DEL, C1 controls (ESC starts terminal sequences; C1 CSI
 * does too), and the bidirectional overrides that make text read differently from what it is. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function checkValues(flow: Flow, at: At) {
	const date = (value: string | undefined, path: PathSegment[]) => {
		if (value !== undefined && !isCalendarDate(value)) {
			at(
				'W365E038',
				path,
				`"${value}" is not a date in the calendar (month 01–12, a day that month has): write it as YYYY-MM-DD, e.g. "2026-02-28"`,
			);
		}
	};
	date(flow['review-by'], ['review-by']);
	for (const [id, node] of Object.entries(flow.nodes))
		date(node.verified, ['nodes', id, 'verified']);

	for (const [id, source] of Object.entries(flow.sources ?? {})) {
		if (!isHttpsUrl(source.url)) {
			at(
				'W365E039',
				['sources', id, 'url'],
				`source "${id}" links to "${printable(source.url)}": a source is a web page people can open safely, so its url starts with https:// and names a host`,
			);
		}
	}

	const seen = new Set<string>();
	flow.languages.forEach((language, index) => {
		if (seen.has(language))
			at(
				'W365E042',
				['languages', index],
				`"${language}" is listed twice in languages: list each language once`,
			);
		seen.add(language);
	});

	const empty = (where: PathSegment[]) =>
		at(
			'W365E040',
			where,
			`${where.join('.')} is empty: write the text people should read here (or remove the key if it is optional)`,
		);
	forEachText(flow, (text, path) => {
		if (typeof text === 'string') {
			if (text.trim() === '') empty(path);
			return;
		}
		for (const [language, value] of Object.entries(text))
			if (value.trim() === '') empty([...path, language]);
	});
	walkStrings(flow, [], (value, path) => {
		const match = CONTROL.exec(value);
		if (match) {
			const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
			const name =
				match[0] === '\u001b'
					? 'an ESC byte (U+001B), which starts terminal escape sequences'
					: `the control character U+${code}`;
			at(
				'W365E041',
				[...path],
				`${path.join('.')} contains ${name}: remove it; flow text is plain text (newlines are fine)`,
			);
		}
	});

	for (const [id, node] of Object.entries(flow.nodes)) {
		if (node.kind !== 'detect') continue;
		node.rules.forEach((rule, ruleIndex) => {
			rule.when.forEach((condition, index) => {
				const path = ['nodes', id, 'rules', ruleIndex, 'when', index];
				if ('in' in condition && condition.in.length === 0) {
					at(
						'W365E043',
						[...path, 'in'],
						`in: [] matches no value, so this rule can never apply: list the values (e.g. in: ["23H2", "24H2"]) or remove the condition`,
					);
				}
				if ('contains' in condition && condition.contains === '') {
					at(
						'W365E043',
						[...path, 'contains'],
						`contains: "" matches every value, so it checks nothing: write the text to look for (e.g. contains: KB5077744) or use known: true`,
					);
				}
			});
		});
	}
}

export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isHttpsUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (
			url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
		);
	} catch {
		return false;
	}
}

/** Control characters replaced by their code, so the message itself is safe to print. */
function printable(value: string): string {
	const short = value.length > 80 ? `${value.slice(0, 77)}...` : value;
	return short.replace(
		new RegExp(CONTROL.source, 'g'),
		(char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`,
	);
}

/** Calls `visit` with every string in `value` and its path. The path is one array, extended and
 * shortened on the way (a copy per string would be most of the walk): copy it to keep it. */
function walkStrings(
	value: unknown,
	path: PathSegment[],
	visit: (value: string, path: readonly PathSegment[]) => void,
) {
	if (typeof value === 'string') visit(value, path);
	else if (Array.isArray(value)) {
		value.forEach((item, index) => {
			path.push(index);
			walkStrings(item, path, visit);
			path.pop();
		});
	} else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			path.push(key);
			walkStrings(item, path, visit);
			path.pop();
		}
	}
}
