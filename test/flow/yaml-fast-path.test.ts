/**
 * The loader's fast reader (source/flow/yaml-fast-path.ts) may give up on anything, but whatever
 * it accepts must be exactly what `yaml` makes of it, and `yaml` must find nothing wrong with it.
 * Checked on every flow and fixture, on small cases at the edges of what it accepts, and on
 * thousands of random edits of real flows.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parseDocument} from 'yaml';
import {generateFlow} from '../../scripts/generate-flow.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {parseYamlFast} from '../../source/flow/yaml-fast-path.js';
import {EXAMPLE_FLOW, INCIDENT_FLOW} from '../helpers/flows.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/flows/', import.meta.url));
const fixtures = readdirSync(FIXTURES).map((name) => join(FIXTURES, name));

/** 'accepted' (and equal to yaml's data) or 'declined'; fails the test on any disagreement. */
function compare(text: string, name = 'text'): 'accepted' | 'declined' {
	const fast = parseYamlFast(text);
	if (fast === undefined) return 'declined';
	const document = parseDocument(text, {uniqueKeys: true, logLevel: 'silent'});
	expect(
		document.errors.map((error) => error.message),
		`${name}: accepted what yaml rejects:\n${text}`,
	).toEqual([]);
	expect(
		document.warnings.map((warning) => warning.message),
		`${name}: accepted what yaml warns about:\n${text}`,
	).toEqual([]);
	expect(fast, `${name}:\n${text}`).toStrictEqual(document.toJS({maxAliasCount: 100}));
	return 'accepted';
}

describe('the fast YAML reader', () => {
	it('reads the shipped flows, the example and a generated flow exactly as yaml does', () => {
		for (const file of [INCIDENT_FLOW, EXAMPLE_FLOW])
			expect(compare(readFileSync(file, 'utf8'), file)).toBe('accepted');
		expect(compare(generateFlow(200))).toBe('accepted');
		expect(compare(readFileSync(INCIDENT_FLOW, 'utf8').replaceAll('\n', '\r\n'), 'CRLF')).toBe(
			'accepted',
		);
	});

	it('never disagrees with yaml on a fixture', () => {
		for (const file of fixtures) compare(readFileSync(file, 'utf8'), file);
	});

	it('gives up on what it does not handle, whatever yaml would make of it', () => {
		const declined = [
			'a: &x b\nc: *x\n', // anchors, aliases
			'a: !!str b\n', // tags
			'a: >\n  folded\n', // folded text
			'a: |+\n  kept\n\n', // keep chomping
			'a: |2\n   indented\n', // an indentation indicator
			'a: |\n\n  leading empty line\n', // empty lines before the text
			'a: |\n  no line break at the end', // the text ends the file
			'a: plain\n  continued\n', // multi-line plain
			'a: "quoted\n  continued"\n', // multi-line quoted
			'a: [1,\n  2]\n', // multi-line flow
			'a:\n', // empty: null
			'404: a\n', // a numeric key
			'true: a\n', // a boolean key
			'"a": b\n', // a quoted key
			'a: b\na: c\n', // a duplicate key
			'{a: b}\n', // a flow map at the top
			'a: {b: c, b: d}\n',
			'__proto__: a\n', // reserved keys
			'a: {constructor: b}\n',
			'a:\n\tb: c\n', // a tab
			'a: "\\x41"\n', // an escape it does not decode
			'a: b # c\n---\nd: e\n', // a second document
			'%YAML 1.1\n---\na: b\n', // a directive
			'a: b: c\n', // a nested map on one line
			'a: [b: c]\n', // a pair in a list
			'a: {url: https://x}\n', // a colon in a flow scalar
			'a: [b, c,]\n', // a trailing comma
			'a: "b"c\n', // text after a quoted scalar
			'a: [b]#c\n', // a comment without white space
			'- a\n- b\n', // a list at the top
			'a:\n- - b\n', // a compact nested list
			'a: b\n  c: d\n', // deeper indentation after a value
			'a: "\u0085"\n', // NEL
			'a: b\rc: d\n', // a bare CR
			`a: ${'['.repeat(40)}b${']'.repeat(40)}\n`, // deep nesting
			'a: \ud800\n', // a lone surrogate
		];
		for (const text of declined) expect(parseYamlFast(text), JSON.stringify(text)).toBeUndefined();
	});

	it('accepts the plain YAML flows are made of, and reads it as yaml does', () => {
		const accepted = [
			'a: b\n',
			'a: b   # comment\n# another\nc: "d # not a comment"\n',
			'a: \'it\'\'s\'\nb: "say \\"hi\\"\\n"\n',
			'a: [x, "y", \'z\', [p, q], {r: s}]\nb: {}\nc: []\n',
			'a:\n  - x\n  -   y\n  - k: v\n    l: w\n  -\n    m: n\n',
			'a:\n- x\n- y\nb: z\n',
			'a: |-\n  line one\n\n    indented # not a comment\n  last\nb: |\n  clip\n\n\nc: d\n',
			'a: True\nb: FALSE\nc: yes\nd: no\ne: on\nf: 2026-01-15\nh: 1.2.3\n',
			'a: b\u00a0\nc: 日本語\u3000\nd: x:y\ne: https://example.com/a?b=c#d\n',
			'a: "C#"\nb: C#\n',
			'os.version: 24H2\nreview-by: "2027-05-25"\n',
			// Numbers and nulls, which a flow holds only by mistake: the same values as yaml's.
			'a: 1\nc: +12\nd: 0x1F\ne: 0o17\nf: .inf\ng: +.Inf\nh: .NaN\ni: 1.50\nj: 2e3\nk: .5\n',
			'a: ~\nb: null\nc: NULL\nd: [1, ~, 2.5]\ne: {f: 12345678901234567890, g: Null}\n',
			'\n# leading comment\n\na:\n\n  b: c\n\n',
		];
		for (const text of accepted) expect(compare(text), JSON.stringify(text)).toBe('accepted');
	});

	it('agrees with yaml on thousands of random edits of real flows', () => {
		let seed = 7;
		const random = (below: number) => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed % below;
		};
		const pieces = [
			' ',
			'  ',
			'\n',
			':',
			': ',
			'- ',
			'#',
			' #',
			'"',
			"'",
			'[',
			']',
			'{',
			'}',
			',',
			'|',
			'|-',
			'>',
			'&a',
			'*a',
			'!',
			'%',
			'@',
			'`',
			'\t',
			'\r\n',
			'\\',
			'\\n',
			'true',
			'null',
			'~',
			'1',
			'0x1',
			'.5',
			'yes',
			'__proto__',
			'?',
			'  - ',
			'\u00a0',
			'\u3000',
			'日本',
			'---',
			'...',
			'"a"',
			'x: y',
			'a: |',
			'  ',
		];
		const bases = [INCIDENT_FLOW, EXAMPLE_FLOW, ...fixtures].map((file) =>
			readFileSync(file, 'utf8'),
		);
		const counts = {accepted: 0, declined: 0};
		for (let round = 0; round < 3000; round++) {
			let text = bases[random(bases.length)]!;
			for (let edit = 1 + random(3); edit > 0; edit--) {
				const at = random(text.length);
				const lines = text.split('\n');
				const line = random(lines.length);
				switch (random(4)) {
					case 0:
						text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
						break;
					case 1:
						text = text.slice(0, at) + text.slice(at + 1 + random(3));
						break;
					case 2:
						lines.splice(line, 0, lines[random(lines.length)]!);
						text = lines.join('\n');
						break;
					default:
						lines[line] = ' '.repeat(random(3)) + lines[line]!.replace(/^ {0,2}/, '');
						text = lines.join('\n');
				}
			}
			counts[compare(text, `edit ${round}`)]++;
		}
		// Both ways are exercised: edits that keep the YAML plain, and edits it must leave to yaml.
		expect(counts.accepted).toBeGreaterThan(300);
		expect(counts.declined).toBeGreaterThan(300);
	});
});

describe('loading through the fast path', () => {
	it('gives the same flow, and the same findings, as the full parser', () => {
		// A tab (here in a comment) is fine for yaml but sends the loader down the full path.
		const text = readFileSync(EXAMPLE_FLOW, 'utf8');
		const viaFast = loadFlowText(text, 'example.yaml');
		const viaFull = loadFlowText(`${text}#\tcomment\n`, 'example.yaml');
		expect(parseYamlFast(`${text}#\tcomment\n`)).toBeUndefined();
		expect(viaFast.findings).toEqual([]);
		expect(viaFast.flow).toEqual(viaFull.flow);
		expect(viaFast.source).toBe(text);
		// A clean flow still has a locator (on the fast reader's offsets), as exact as the full one.
		expect(viaFast.locator!.value(['nodes', 'symptom', 'kind'])).toEqual(
			viaFull.locator!.value(['nodes', 'symptom', 'kind']),
		);
	});

	it('loads a 2,000-node flow with no findings and every node', () => {
		const {flow, findings} = loadFlowText(generateFlow(2000), 'generated.yaml');
		expect(findings).toEqual([]);
		expect(Object.keys(flow!.nodes)).toHaveLength(2000);
	});
});
