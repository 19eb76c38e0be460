/**
 * docs/validation-codes.md explains every code in CODES and nothing else, and its examples are
 * real: each YAML example triggers its code, and each printed finding is what validate prints.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {type Code, CODES, formatFinding} from '../../source/flow/findings.js';
import {loadFlowText} from '../../source/flow/load-flow.js';

const DOC = readFileSync(new URL('../../docs/validation-codes.md', import.meta.url), 'utf8');

/** Codes whose problem lives in the file itself (bytes, size, path), not in YAML text. */
const NO_YAML_EXAMPLE = new Set<string>(['W365E003', 'W365E004', 'W365E006', 'W365E007']);

type Section = {code: string; title: string; anchor: string | undefined; body: string};

function sections(): Section[] {
	const headings = [...DOC.matchAll(/^(?:<a id="([^"]*)"><\/a>\n)?## (.+)\n/gm)];
	return headings.map((heading, index) => {
		const match = /^(\S+) — (.+)$/.exec(heading[2]!);
		expect(match, heading[2]).not.toBeNull();
		const end = headings[index + 1]?.index ?? DOC.length;
		return {
			anchor: heading[1],
			code: match![1]!,
			title: match![2]!,
			body: DOC.slice(heading.index + heading[0].length, end),
		};
	});
}

const blocks = (body: string, language: string) =>
	[...body.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
		(match) => match[1]!,
	);

describe('docs/validation-codes.md', () => {
	it('has one section per code in CODES, in order, titled as in CODES, with a stable anchor', () => {
		const found = sections();
		expect(found.map((section) => section.code)).toEqual(Object.keys(CODES));
		for (const section of found) {
			expect(section.title, section.code).toBe(CODES[section.code as Code]);
			expect(section.anchor, section.code).toBe(section.code);
		}
	});

	it('says what each code means and how to fix it', () => {
		for (const section of sections()) {
			expect(section.body, section.code).toContain('**What it means.**');
			expect(section.body, section.code).toContain('**Example.**');
			expect(section.body, section.code).toContain('**Fix.**');
		}
	});

	it('gives a YAML example that triggers each code (or says why there cannot be one)', () => {
		for (const section of sections()) {
			const [example] = blocks(section.body, 'yaml');
			if (NO_YAML_EXAMPLE.has(section.code)) {
				expect(example, section.code).toBeUndefined();
				continue;
			}
			expect(example, `${section.code} has no yaml example`).toBeDefined();
			const codes = loadFlowText(example!, 'example.yaml').findings.map((finding) => finding.code);
			expect(codes, section.code).toContain(section.code);
		}
	});

	it('prints the findings of an example exactly as validate does', () => {
		let checked = 0;
		for (const section of sections()) {
			const [example] = blocks(section.body, 'yaml');
			const printed = blocks(section.body, 'text').find((block) =>
				block.startsWith('example.yaml:'),
			);
			if (!example || !printed) continue;
			const actual = loadFlowText(example, 'example.yaml').findings.map(formatFinding);
			expect(actual, section.code).toEqual(printed.trimEnd().split('\n'));
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(3);
	});
});
