/**
 * A flow's text is parsed once, findings or not: what keeps a flow with findings as cheap to
 * validate as a clean one (a second parse with yaml's document model for the positions cost a
 * 100,000-node flow 7 × the time and 5 × the memory). yaml's parseDocument is counted here; it
 * still does the real work.
 */
import {describe, expect, it, vi} from 'vitest';
import {generateFlow} from '../../scripts/generate-flow.js';
import {loadFlowText} from '../../source/flow/load-flow.js';

const counted = vi.hoisted(() => ({documents: 0}));
vi.mock('yaml', async (importOriginal) => {
	const yaml = await importOriginal<typeof import('yaml')>();
	return {
		...yaml,
		parseDocument: (...args: Parameters<typeof yaml.parseDocument>) => {
			counted.documents++;
			return yaml.parseDocument(...args);
		},
	};
});

/** Loads `text`, returning its findings as file:line:column codes and how many documents yaml built. */
function load(text: string) {
	counted.documents = 0;
	const loaded = loadFlowText(text, 'big.yaml');
	return {
		findings: loaded.findings.map(
			(finding) => `${finding.position?.line}:${finding.position?.column} ${finding.code}`,
		),
		documents: counted.documents,
	};
}

/** 1-based line and column of `needle` (its first occurrence after `after`) in `text`. */
function where(text: string, needle: string, after = ''): string {
	const at = text.indexOf(needle, text.indexOf(after));
	const before = text.slice(0, at).split('\n');
	return `${before.length}:${before.at(-1)!.length + 1}`;
}

const position = (at: string) => {
	const [line, column] = at.split(':').map(Number);
	return {line, column};
};

const clean = generateFlow(2000);
const last = 'Question 1998 — after KB5074109, can you sign in on build 26100.7623?';

describe('parsing a flow once', () => {
	it('builds no yaml document for a clean flow in plain YAML, nor for its positions', () => {
		expect(load(clean)).toEqual({findings: [], documents: 0});
		counted.documents = 0;
		const {locator} = loadFlowText(clean, 'big.yaml');
		expect(locator!.value(['nodes', 'q1998', 'text', 'en'])).toEqual(
			position(where(clean, 'Question 1998')),
		);
		expect(counted.documents).toBe(0);
	});

	it('builds none for findings of every stage either, each at its exact line and column', () => {
		const mismatch = generateFlow(2000, {oneFinding: true});
		expect(load(mismatch)).toEqual({
			findings: [`${where(mismatch, 'Question 1998')} W365E029`],
			documents: 0,
		});
		const wrongNext = clean.replace('next: q1998', 'next: q-1998');
		expect(load(wrongNext)).toEqual({
			findings: [
				`${where(wrongNext, 'q-1998')} W365E020`,
				`${where(wrongNext, 'q1998:')} W365E021`,
			],
			documents: 0,
		});
		const unknownKey = clean.replace(
			'    kind: question\n',
			'    kind: question\n    colour: red\n',
		);
		expect(load(unknownKey)).toEqual({
			findings: [`${where(unknownKey, 'colour')} W365E010`],
			documents: 0,
		});
		const repeated = clean.replace('  q1998:\n', '  q1997:\n');
		expect(load(repeated)).toEqual({
			// The second q1997 (the first is followed by its question text).
			findings: [`${where(repeated, 'q1997:', 'Question 1997')} W365E002`],
			documents: 0,
		});
		const number = clean.replace('version: "1.0.0"', 'version: 1.0');
		expect(load(number)).toEqual({
			findings: [`${where(number, '1.0')} W365E011`],
			documents: 0,
		});
		const wrongType = clean.replace('languages: [ja, en]', 'languages: ja');
		expect(load(wrongType).documents).toBe(0);
		expect(load(wrongType).findings[0]).toBe(`${where(wrongType, 'ja', 'languages:')} W365E011`);
	});

	it('builds exactly one for YAML only the document model reads, findings included', () => {
		const anchored = clean
			.replace('  q0:\n    kind: question', '  q0:\n    kind: &kind question')
			.replace(last, last.replace('26100.7623', '26100.7624'));
		expect(load(anchored)).toEqual({
			findings: [`${where(anchored, 'Question 1998')} W365E029`],
			documents: 1,
		});
	});
});
