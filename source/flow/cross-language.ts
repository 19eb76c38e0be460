/**
 * Translations may word things differently, but a KB number, a build, a URL or a command must be
 * the same in every language: a typo in one of them sends someone to the wrong patch.
 */
import {forEachText} from './text.js';
import type {Flow} from './schema.js';
import type {PathSegment} from './yaml-positions.js';

const TOKEN_PATTERNS: {kind: string; pattern: RegExp}[] = [
	// URLs stop at whitespace, quotes, brackets and Japanese punctuation.
	{
		kind: 'URL',
		pattern:
			/https?:\/\/[^\s"'<>()[\]{}「」『』（）、。，]+[^\s"'<>()[\]{}「」『』（）、。，.,;:!?]/g,
	},
	{kind: 'KB', pattern: /\bKB\d{6,8}\b/gi},
	{kind: 'build', pattern: /(?<![\d.])\d{5}\.\d{1,5}(?!\d|\.\d)/g},
	{kind: 'command', pattern: /`[^`\n]+`/g},
];

/** Every token needs a digit, a backtick or a URL; most labels have none, and skip the patterns. */
const MAY_HAVE_TOKENS = /[0-9`]|https?:\/\//;

export function textTokens(text: string): string[] {
	if (!MAY_HAVE_TOKENS.test(text)) return [];
	const tokens: string[] = [];
	// Builds and KB numbers inside URLs belong to the URL token, not to a token of their own.
	const hasUrl = text.includes('http');
	const withoutUrls = hasUrl ? text.replace(TOKEN_PATTERNS[0]!.pattern, ' ') : text;
	for (const {kind, pattern} of TOKEN_PATTERNS) {
		// Patterns that cannot match are skipped: most texts have no URL and no command.
		if ((kind === 'URL' && !hasUrl) || (kind === 'command' && !text.includes('`'))) continue;
		const scope = kind === 'URL' || kind === 'command' ? text : withoutUrls;
		for (const match of scope.matchAll(pattern))
			tokens.push(`${kind} ${kind === 'KB' ? match[0].toUpperCase() : match[0]}`);
	}
	return tokens.sort();
}

export type Mismatch = {path: PathSegment[]; message: string};

export function crossLanguageMismatches(flow: Flow): Mismatch[] {
	const mismatches: Mismatch[] = [];
	forEachText(flow, (text, path) => {
		if (text === undefined || typeof text === 'string') return;
		const languages = flow.languages.filter((language) => typeof text[language] === 'string');
		if (languages.length < 2) return;
		const [first, ...others] = languages as [string, ...string[]];
		const reference = textTokens(text[first]!);
		for (const language of others) {
			const tokens = textTokens(text[language]!);
			// Both lists are sorted: equal lists are the common case, and need no counting.
			if (
				tokens.length === reference.length &&
				tokens.every((token, index) => token === reference[index])
			)
				continue;
			const missing = difference(reference, tokens);
			const extra = difference(tokens, reference);
			if (missing.length === 0 && extra.length === 0) continue;
			const parts = [
				missing.length > 0
					? `"${first}" has ${missing.map(show).join(', ')} that "${language}" lacks`
					: '',
				extra.length > 0
					? `"${language}" has ${extra.map(show).join(', ')} that "${first}" lacks`
					: '',
			].filter(Boolean);
			mismatches.push({
				path: [...path, language],
				message: `${parts.join('; ')}: KB numbers, builds, URLs and \`commands\` must be identical in every language`,
			});
		}
	});
	return mismatches;
}

function show(token: string): string {
	return token.slice(token.indexOf(' ') + 1);
}

/** Multiset difference of two sorted lists. */
function difference(a: string[], b: string[]): string[] {
	const counts = new Map<string, number>();
	for (const token of b) counts.set(token, (counts.get(token) ?? 0) + 1);
	return a.filter((token) => {
		const count = counts.get(token) ?? 0;
		if (count === 0) return true;
		counts.set(token, count - 1);
		return false;
	});
}
