/**
 * Positions without a second parse: the fast reader notes where each key and value starts, and
 * its locator must give exactly the line and column that yaml's document model gives for the
 * same path (source/flow/yaml-positions.ts), so a flow with findings loads through the fast
 * reader alone, with the same findings the full path would report.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument} from 'yaml';
import {generateFlow} from '../../scripts/generate-flow.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {readYamlFast} from '../../source/flow/yaml-fast-path.js';
import {createLocator, type PathSegment} from '../../source/flow/yaml-positions.js';
import {EXAMPLE_FLOW, INCIDENT_FLOW} from '../helpers/flows.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/flows/', import.meta.url));
const fixtures = readdirSync(FIXTURES).map((name) => join(FIXTURES, name));
const bases = [INCIDENT_FLOW, EXAMPLE_FLOW, ...fixtures].map((file) => readFileSync(file, 'utf8'));

/** Every path to a key or item of the document, and paths that lead nowhere from each. */
function pathsOf(node: Node | null | undefined, path: PathSegment[] = []): PathSegment[][] {
	const paths: PathSegment[][] = [path, [...path, 'missing'], [...path, 99], [...path, 0, 'x']];
	if (isMap(node)) {
		for (const pair of node.items) {
			if (isPair(pair) && isScalar(pair.key))
				paths.push(...pathsOf(pair.value as Node, [...path, String(pair.key.value)]));
		}
	} else if (isSeq(node)) {
		node.items.forEach((item, index) => {
			paths.push(...pathsOf(item as Node, [...path, index]));
		});
	}
	return paths;
}

/** Compares the two locators on `paths` (all of the document's when not given). */
function expectSamePositions(text: string, name: string, sample?: number): void {
	const fast = readYamlFast(text);
	if (!fast || !('locator' in fast)) throw new Error(`${name}: the fast reader should read this`);
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {uniqueKeys: false, lineCounter, logLevel: 'silent'});
	const full = createLocator(document, lineCounter);
	let paths = pathsOf(document.contents as Node);
	if (sample !== undefined) paths = paths.filter((_, index) => index % sample === 0);
	for (const path of paths) {
		expect(fast.locator.value(path), `${name}: value at ${path.join('.')}`).toEqual(
			full.value(path),
		);
		expect(fast.locator.key(path), `${name}: key at ${path.join('.')}`).toEqual(full.key(path));
	}
}

/** Whether the fast reader reads `text` into data (not declined, no repeated keys). */
const isRead = (text: string) => {
	const fast = readYamlFast(text);
	return fast !== undefined && 'locator' in fast;
};

/** The findings through the fast reader, and through yaml's document model: a tab in a comment
 * at the end is nothing to yaml, but the fast reader leaves any tab to it. */
function bothWays(text: string) {
	const forced = `${text}${text.endsWith('\n') ? '' : '\n'}#\tfull path\n`;
	expect(readYamlFast(forced)).toBeUndefined();
	return {fast: loadFlowText(text, 'flow.yaml'), full: loadFlowText(forced, 'flow.yaml')};
}

describe('the fast reader’s positions', () => {
	it('are yaml’s, for every key and value of the flows and fixtures it reads', () => {
		let read = 0;
		for (const [index, text] of bases.entries()) {
			if (!isRead(text)) continue;
			expectSamePositions(text, `base ${index}`);
			expectSamePositions(text.replaceAll('\n', '\r\n'), `base ${index} with CRLF`);
			read++;
		}
		expect(read).toBeGreaterThan(20);
		expectSamePositions(generateFlow(50), 'generated');
	});

	it('are yaml’s at the edges of what the fast reader accepts', () => {
		const texts = [
			'a: b\n',
			'\n# leading comment\n\na:\n\n  b: c\n\n',
			'a: [x, "y", \'z\', [p, q], {r: s, t: [u]}]\nb: {}\nc: []\n',
			'a:\n  - x\n  -   y\n  - k: v\n    l: w\n  -\n    m: n\n  - [p]\n  - {q: r}\n',
			'a:\n- x\n- y\nb: z\n',
			'a: # comment\n  b: c\n',
			'a: |-\n  line one\n\n    indented\n  last\nb: |\n  clip\n\n\nc: "d"\n',
			"a:   spaced   # comment\nb: 日本語 — 完了\nc: 'q'\n",
			'a:\n  -\n    - x\n',
		];
		for (const text of texts) expectSamePositions(text, JSON.stringify(text));
	});
});

describe('loading a flow with findings through the fast reader', () => {
	it('reports what the full path reports, for every fixture the fast reader reads', () => {
		let compared = 0;
		for (const text of bases) {
			if (readYamlFast(text) === undefined) continue;
			const {fast, full} = bothWays(text);
			expect(fast.findings).toEqual(full.findings);
			compared++;
		}
		expect(compared).toBeGreaterThan(20);
	});

	it('reports what the full path reports after hundreds of random edits of real flows', () => {
		let seed = 11;
		const random = (below: number) => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed % below;
		};
		// Edits that mostly keep the YAML plain but break the flow: wrong ids, missing or
		// repeated lines, unknown keys, wrong types, texts in one language only.
		const words = ['done', 'q1', 'kind', 'next', 'ja', 'en', 'true', 'step', 'x-y', '"1"', 'yes'];
		const lines = ['  extra: value', 'unknown: 1x', '    next: nowhere', '    destructive: true'];
		let compared = 0;
		let repeated = 0;
		for (let round = 0; round < 400; round++) {
			const rows = bases[random(bases.length)]!.split('\n');
			for (let edit = 1 + random(3); edit > 0; edit--) {
				const line = random(rows.length);
				switch (random(4)) {
					case 0:
						rows.splice(line, 1);
						break;
					case 1:
						rows.splice(line, 0, rows[random(rows.length)]!);
						break;
					case 2:
						rows.splice(line, 0, lines[random(lines.length)]!);
						break;
					default:
						rows[line] = rows[line]!.replace(/[\w-]+$/, words[random(words.length)]!);
				}
			}
			const text = rows.join('\n');
			if (readYamlFast(text) === undefined) continue;
			const {fast, full} = bothWays(text);
			expect(fast.findings, `edit ${round}:\n${text}`).toEqual(full.findings);
			if (fast.findings.some((finding) => finding.code === 'W365E002')) repeated++;
			if (round % 20 === 0 && isRead(text)) expectSamePositions(text, `edit ${round}`, 7);
			compared++;
		}
		expect(compared).toBeGreaterThan(100);
		// Repeated lines make repeated keys, which the fast reader reports itself.
		expect(repeated).toBeGreaterThan(10);
	});
});
