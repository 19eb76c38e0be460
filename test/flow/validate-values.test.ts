/**
 * Values the types let through but that are never right in a flow (issue: impossible dates,
 * non-https links, empty texts, control characters, a language twice, empty conditions), and
 * conditions and tabs reported where the mistake is: at the key or value, one finding each.
 */
import {describe, expect, it} from 'vitest';
import {formatFinding} from '../../source/flow/findings.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {FACT_NAMES} from '../../source/flow/schema.js';

const flow = (lines: string) => `id: t
version: "1"
title: T
languages: [en]
start: os
${lines}
nodes:
  os:
    kind: detect
    text: Checking.
    facts: [os.build]
    rules: []
    otherwise: done
  done:
    kind: end
    outcome: resolved
    text: Done.
`;

const printed = (text: string) => loadFlowText(text, 'f.yaml').findings.map(formatFinding);

describe('validate refuses values that are never right', () => {
	it.each([
		['review-by: "2027-02-30"', 'f.yaml:6:12: W365E038 "2027-02-30" is not a date'],
		['review-by: "2026-13-45"', 'f.yaml:6:12: W365E038 "2026-13-45"'],
		['review-by: "2026-04-31"', 'f.yaml:6:12: W365E038'],
		['review-by: "2100-02-29"', 'f.yaml:6:12: W365E038'],
	])('%s', (line, expected) => {
		expect(printed(flow(line)).join('\n')).toContain(expected);
	});

	it('accepts real dates, including 29 February of a leap year', () => {
		expect(printed(flow('review-by: "2028-02-29"'))).toEqual([]);
	});

	it.each([
		'javascript:alert(1)',
		'ftp://files.example.com/kb',
		'http://support.example.com/kb',
		'file:///etc/passwd',
		'https://user:pw@example.com/',
	])('source url %s', (url) => {
		const text = flow(`sources:\n  kb:\n    title: KB\n    url: "${url}"`);
		const found = printed(text);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/^f\.yaml:9:10: W365E039 source "kb" links to/);
	});

	it('accepts an https source', () => {
		expect(
			printed(
				flow('sources:\n  kb:\n    title: KB\n    url: https://support.microsoft.com/help/5077744'),
			),
		).toEqual([]);
	});

	it('empty texts, in one language or all', () => {
		const text = flow('')
			.replace('languages: [en]', 'languages: [ja, en]')
			.replace('title: T', 'title: {ja: "", en: T}')
			.replace('text: Done.', 'text: "   "');
		expect(printed(text)).toEqual([
			'f.yaml:3:13: W365E040 title.ja is empty: write the text people should read here (or remove the key if it is optional)',
			'f.yaml:17:11: W365E040 nodes.done.text is empty: write the text people should read here (or remove the key if it is optional)',
		]);
	});

	it('a language listed twice, at the second one', () => {
		expect(printed(flow('').replace('languages: [en]', 'languages: [ja, en, en]'))).toEqual([
			'f.yaml:4:21: W365E042 "en" is listed twice in languages: list each language once',
		]);
	});

	it.each([
		['\\e[31m', 'an ESC byte'],
		['\\x07', 'U+0007'],
		['\\x9b', 'U+009B'],
		['\\u202e', 'U+202E'],
	])('control character %s in a text or a command', (escaped, name) => {
		const text = flow('').replace('text: Done.', `text: "Done.${escaped}"`);
		const found = printed(text);
		expect(found).toHaveLength(1);
		expect(found[0]).toContain('f.yaml:17:11: W365E041 nodes.done.text contains');
		expect(found[0]).toContain(name);
		// The finding itself is safe to print.
		expect(found[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
	});

	it('allows newlines and tabs in a block text', () => {
		expect(
			printed(
				flow('').replace(
					'text: Done.',
					'text: |\n      Done.\n      \tindented with a tab inside the text',
				),
			),
		).toEqual([]);
	});

	it('in: [] and contains: "" at the operator value', () => {
		const text = flow('').replace(
			'rules: []',
			'rules:\n      - when: [{fact: os.version, in: []}]\n        next: done\n      - when:\n          - {fact: hotfixes, contains: ""}\n        next: done',
		);
		const found = printed(text);
		expect(found.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
			'f.yaml:13:39: W365E043',
			'f.yaml:16:40: W365E043',
		]);
	});
});

describe('a bad condition is reported at the key or value, with what is allowed', () => {
	const rule = (condition: string) =>
		flow('').replace(
			'rules: []',
			`rules:\n      - when:\n          - ${condition}\n        next: done`,
		);

	it('an unknown fact at its name, listing the facts', () => {
		const [finding, ...rest] = printed(rule('{fact: os.bild, equals: "1"}'));
		expect(rest).toEqual([]);
		expect(finding).toMatch(
			/^f\.yaml:14:20: W365E011 nodes\.os\.rules\.0\.when\.0: "os\.bild" is not a fact: use one of: /,
		);
		for (const fact of FACT_NAMES) expect(finding).toContain(fact);
	});

	it.each([
		['{fact: os.build, gte: 26100}', 14, 35, 'gte takes a build'],
		['{fact: os.remoteSession, known: "yes"}', 14, 45, 'known takes true or false'],
		['{fact: os.version, equals: [a]}', 14, 40, 'equals takes a string'],
		['{fact: os.version, in: "24H2"}', 14, 36, 'in takes a list'],
		['{fact: os.version, in: ["24H2", {a: 1}]}', 14, 45, 'each value in in:'],
		['{fact: os.version, is: "24H2"}', 14, 32, '"is" is not part of a condition'],
		['{fact: os.version, equals: "a", in: [b]}', 14, 45, 'exactly one operator'],
		['{equals: "a"}', 14, 13, 'names no fact'],
	])('%s', (condition, line, column, words) => {
		const found = loadFlowText(rule(condition), 'f.yaml').findings;
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({code: 'W365E011', position: {line, column}});
		expect(found[0]!.message).toContain(words);
	});
});

describe('tabs', () => {
	it('one tab used as indentation gives one finding', () => {
		const text = flow('').replace('    kind: end', '\tkind: end');
		expect(printed(text)).toEqual([
			'f.yaml:15:1: W365E001 a tab is used for indentation: YAML allows only spaces; replace the tab with spaces',
		]);
	});
});
