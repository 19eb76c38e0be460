/**
 * `validate` on one small bad flow per finding code: the exact findings (code, line, column, a key
 * word of the message), reported all at once, never a throw, never a stack trace.
 */
import {
	chmodSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	truncateSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {type Code, CODES, type Finding, formatFinding} from '../../source/flow/findings.js';
import {loadFlowFile, loadFlowText} from '../../source/flow/load-flow.js';
import {MAX_FLOW_BYTES} from '../../source/flow/read-flow-file.js';
import {MAX_DEPTH} from '../../source/flow/yaml-safety.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/flows/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

/** [code, line, column, a word or phrase the message must contain] */
type Expected = [Code, number, number, string];

const summary = (findings: Finding[]) =>
	findings.map((finding) => [finding.code, finding.position?.line, finding.position?.column]);

function expectFindings(findings: Finding[], expected: Expected[]) {
	expect(summary(findings)).toEqual(expected.map(([code, line, column]) => [code, line, column]));
	findings.forEach((finding, index) => expect(finding.message).toContain(expected[index]![3]));
}

const CASES: Record<string, Expected[]> = {
	'e001-syntax-error.yaml': [['W365E001', 4, 12, 'this [ is never closed']],
	'e001-tab-indent.yaml': [
		['W365E001', 7, 1, 'tab'],
		['W365E001', 8, 1, 'tab'],
		['W365E001', 9, 1, 'tab'],
		['W365E001', 10, 1, 'tab'],
	],
	'e002-duplicate-key.yaml': [['W365E002', 21, 3, 'duplicate key']],
	'e005-alias-bomb.yaml': [['W365E005', 7, 8, 'aliases']],
	'e007-too-deep.yaml': [['W365E007', 10, 73, `deeper than ${MAX_DEPTH}`]],
	'e010-unknown-key.yaml': [
		['W365E010', 6, 1, 'unknown key "reviewby" in the flow'],
		['W365E011', 12, 9, 'missing "next" in nodes.ask.choices.0'],
		['W365E010', 14, 9, 'unknown key "nxt" in nodes.ask.choices.0'],
		['W365E010', 22, 5, 'unknown key "colour" in nodes.done'],
	],
	'e011-wrong-type.yaml': [
		['W365E011', 2, 10, 'version is a string'],
		['W365E011', 8, 5, 'missing "text" in nodes.ask'],
		['W365E011', 18, 14, 'an outcome is one of'],
	],
	'e012-duplicate-id.yaml': [
		['W365E012', 14, 13, 'id "a" is used twice in nodes.ask.choices'],
		['W365E012', 23, 13, 'id "files" is used twice in nodes.backup.items'],
	],
	'e020-every-next-wrong.yaml': [
		['W365E022', 7, 3, '"ask"'],
		['W365E020', 13, 15, '"detct" is not a node'],
		['W365E020', 16, 15, '"stepp" is not a node'],
		['W365E021', 17, 3, '"detect" cannot be reached'],
		['W365E022', 17, 3, '"detect"'],
		['W365E020', 25, 15, '"gat" is not a node'],
		['W365E020', 26, 16, '"ask-again" is not a node'],
		['W365E021', 27, 3, '"step" cannot be reached'],
		['W365E022', 27, 3, '"step"'],
		['W365E020', 30, 11, '"gone" is not a node'],
		['W365E021', 31, 3, '"gate" cannot be reached'],
		['W365E022', 31, 3, '"gate"'],
		['W365E020', 37, 11, '"nowhere" is not a node'],
		['W365E020', 38, 13, '"dne" is not a node'],
		['W365E021', 39, 3, '"done" cannot be reached'],
	],
	'e020-missing-start.yaml': [['W365E020', 5, 8, 'start names "begin"']],
	'e021-unreachable.yaml': [['W365E021', 17, 3, '"orphan" cannot be reached from start "ask"']],
	'e022-no-end.yaml': [
		['W365E022', 17, 3, 'no path from "loop" leads to an end'],
		['W365E022', 21, 3, 'no path from "again" leads to an end'],
	],
	'e023-detect-cycle.yaml': [['W365E023', 7, 3, 'product → build → product']],
	'e024-missing-language.yaml': [
		['W365E024', 12, 7, 'nodes.ask.text has no "en" text'],
		['W365E024', 18, 11, '"fr" is not one of the flow\'s languages'],
		['W365E024', 27, 7, 'nodes.done.text has no "ja" text'],
	],
	'e025-unknown-source.yaml': [['W365E025', 15, 22, 'source "giude"']],
	'e026-step-next-and-choices.yaml': [
		['W365E026', 7, 3, 'step "both" has both next and choices'],
		['W365E026', 18, 3, 'step "neither" has neither next nor choices'],
		['W365E022', 18, 3, '"neither"'],
	],
	'e027-unguarded-destructive.yaml': [['W365E027', 16, 15, 'symptom → uninstall;']],
	'e027-gate-bypassed-downstream.yaml': [
		['W365E027', 32, 11, 'symptom → check → restore → reset;'],
	],
	'e028-no-recovery.yaml': [['W365E028', 17, 18, 'outcome: recovery']],
	'e029-language-mismatch.yaml': [
		['W365E029', 14, 11, '"ja" has 26100.7623 that "en" lacks; "en" has 26100.7632'],
		['W365E029', 17, 11, 'https://example.com/hepl'],
	],
	'e030-destructive-gate.yaml': [
		['W365E030', 27, 18, 'a gate node cannot be destructive'],
		['W365E030', 36, 18, 'an end node cannot be destructive'],
	],
	'proto-keys.yaml': [
		['W365E010', 6, 1, '"__proto__" cannot be used'],
		['W365E010', 12, 5, '"__proto__" cannot be used'],
		['W365E010', 21, 3, '"constructor" cannot be used'],
	],
	'proto-next.yaml': [
		['W365E020', 13, 15, '"constructor" is not a node'],
		['W365E020', 16, 15, '"prototype" is not a node'],
		['W365E021', 20, 3, '"check"'],
		['W365E022', 20, 3, '"check"'],
		['W365E020', 28, 15, '"hasownproperty" is not a node'],
		['W365E020', 29, 16, '"valueof" is not a node'],
	],
	'proto-next-dunder.yaml': [['W365E011', 13, 15, 'nodes.ask.choices.0.next: an id is']],
	'e031-rows-overlap.yaml': [['W365E031', 22, 20, 'rows "win11-24h2" (26100 to below 26101)']],
	'e032-fixed-not-above-broken.yaml': [
		['W365E032', 15, 20, 'row "win11-24h2": the fixed build 26100.'],
	],
	'e033-build-outside-row.yaml': [['W365E033', 15, 20, 'the fixed build 26100.32234 of row "win1']],
	'e034-product-without-row.yaml': [
		['W365E034', 25, 61, 'choice "w23" offers Windows 11 23H2, whi'],
	],
	'e035-unknown-placeholder.yaml': [
		['W365E035', 29, 11, '{fix.kb} is not a placeholder the app fi'],
	],
	'e036-row-before-known.yaml': [['W365E036', 29, 11, 'node "fix" names values of the build tab']],
	'e037-table-routes.yaml': [['W365E037', 22, 5, 'row "server-2016" has no fixed build, so']],
};

/** Files that cannot be committed sensibly (huge, binary, missing) are made here per run. */
const scratch = mkdtempSync(join(tmpdir(), 'w365-validate-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

const MINIMAL =
	'id: x\nversion: "1"\ntitle: T\nlanguages: [en]\nstart: done\nnodes:\n  done:\n    kind: end\n    outcome: resolved\n    text: Done\n';

type Generated = {name: string; make: () => string; expected: Expected[]};
const GENERATED: Generated[] = [
	// Values the types let through (more cases, with exact positions, in validate-values.test.ts).
	{
		name: 'an impossible date',
		make: () =>
			write('date.yaml', MINIMAL.replace('start: done', 'start: done\nreview-by: "2027-02-30"')),
		expected: [['W365E038', 6, 12, 'not a date in the calendar']],
	},
	{
		name: 'an http source',
		make: () =>
			write(
				'http.yaml',
				MINIMAL.replace(
					'start: done',
					'start: done\nsources:\n  kb: {title: KB, url: "http://example.com/kb"}',
				),
			),
		expected: [['W365E039', 7, 24, 'starts with https://']],
	},
	{
		name: 'an empty text',
		make: () => write('empty.yaml', MINIMAL.replace('text: Done', 'text: ""')),
		expected: [['W365E040', 10, 11, 'is empty']],
	},
	{
		name: 'an ESC byte in a text',
		make: () => write('esc.yaml', MINIMAL.replace('text: Done', 'text: "Done\u001b[2J"')),
		expected: [['W365E041', 10, 11, 'ESC']],
	},
	{
		name: 'a language twice',
		make: () => write('languages.yaml', MINIMAL.replace('[en]', '[en, en]')),
		expected: [['W365E042', 4, 17, 'listed twice']],
	},
	{
		name: 'contains ""',
		make: () =>
			write(
				'contains.yaml',
				MINIMAL.replace('start: done', 'start: os').replace(
					'nodes:',
					'nodes:\n  os:\n    kind: detect\n    text: T\n    facts: [hotfixes]\n    rules: [{when: [{fact: hotfixes, contains: ""}], next: done}]\n    otherwise: done',
				),
			),
		expected: [['W365E043', 11, 48, 'matches every value']],
	},
	{
		name: 'not UTF-8 (Latin-1 é)',
		make: () =>
			write(
				'latin1.yaml',
				Buffer.concat([Buffer.from('id: x\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
			),
		expected: [['W365E003', 2, 11, 'byte 0xe9, which is not valid UTF-8']],
	},
	{
		name: 'UTF-16 with a byte order mark',
		make: () => write('utf16.yaml', Buffer.from(`\uFEFF${MINIMAL}`, 'utf16le')),
		expected: [['W365E003', 1, 1, 'UTF-16 byte order mark']],
	},
	{
		name: 'cut off inside a character at the end of the file',
		make: () => write('cut.yaml', Buffer.from('id: x\ntitle: 日本語').subarray(0, -1)),
		expected: [['W365E003', 2, 10, 'byte 0xe8']],
	},
	{
		name: 'a NUL byte after Japanese text (column counts characters, not bytes)',
		make: () => write('nul.yaml', Buffer.from('id: x\ntitle: 日本語\0\n')),
		expected: [['W365E003', 2, 11, 'NUL byte (this looks like a binary file)']],
	},
	{
		name: 'a binary file',
		make: () =>
			write(
				'binary.yaml',
				Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe]),
			),
		expected: [['W365E003', 1, 8, 'NUL byte']],
	},
	{
		name: 'a 50 MB file (sparse, never read)',
		make: () => sparse('huge.yaml', 50 * 1024 * 1024),
		expected: [['W365E004', 1, 1, 'is 50.0 MB; flow files are limited to 8.0 MB']],
	},
	{
		name: 'one byte over the limit',
		make: () => sparse('over.yaml', MAX_FLOW_BYTES + 1),
		expected: [['W365E004', 1, 1, 'limited to 8.0 MB']],
	},
];

function write(name: string, content: string | Buffer): string {
	const file = join(scratch, name);
	writeFileSync(file, content);
	return file;
}

/** A file of `size` bytes that takes no disk space: the size is real for stat, the content holes. */
function sparse(name: string, size: number): string {
	const file = write(name, '');
	truncateSync(file, size);
	return file;
}

describe('validate: one bad flow per finding code', () => {
	it.each(Object.entries(CASES))('%s', (name, expected) => {
		const loaded = loadFlowFile(fixture(name));
		expect(loaded.flow).toBeUndefined();
		expectFindings(loaded.findings, expected);
		for (const finding of loaded.findings) expect(finding.file).toBe(fixture(name));
	});

	it.each(GENERATED)('$name', ({make, expected}) => {
		const loaded = loadFlowFile(make());
		expect(loaded.flow).toBeUndefined();
		expectFindings(loaded.findings, expected);
	});

	it('a missing file and a directory: W365E006 without a position', () => {
		const missing = loadFlowFile(join(scratch, 'no-such-flow.yaml'));
		expect(missing.findings).toEqual([
			{
				file: join(scratch, 'no-such-flow.yaml'),
				code: 'W365E006',
				message: 'no such file: check the path and permissions',
				position: undefined,
			},
		]);
		expect(formatFinding(missing.findings[0]!)).toBe(
			`${join(scratch, 'no-such-flow.yaml')}: W365E006 no such file: check the path and permissions`,
		);
		const directory = loadFlowFile(scratch);
		expect(directory.findings.map((finding) => [finding.code, finding.position])).toEqual([
			['W365E006', undefined],
		]);
		expect(directory.findings[0]!.message).toContain('is not a file');
	});

	it.skipIf(process.getuid?.() === 0)('an unreadable file: W365E006', () => {
		const file = write('unreadable.yaml', MINIMAL);
		chmodSync(file, 0o000);
		const loaded = loadFlowFile(file);
		expect(loaded.findings.map((finding) => finding.code)).toEqual(['W365E006']);
	});

	it('has a case for every code in CODES', () => {
		const covered = new Set<string>(
			[...Object.values(CASES), ...GENERATED.map((item) => item.expected)]
				.flat()
				.map(([code]) => code),
		);
		covered.add('W365E006'); // the missing-file test above
		expect([...covered].sort()).toEqual(Object.keys(CODES).sort());
	});

	it('never throws and never prints a stack trace, for any fixture', () => {
		const files = [...readdirSync(FIXTURES).map(fixture), ...GENERATED.map((item) => item.make())];
		expect(files.length).toBeGreaterThan(25);
		for (const file of files) {
			let loaded: ReturnType<typeof loadFlowFile> | undefined;
			expect(() => (loaded = loadFlowFile(file)), file).not.toThrow();
			expect(loaded!.findings.length, file).toBeGreaterThan(0);
			for (const finding of loaded!.findings) {
				const line = formatFinding(finding);
				expect(line).toMatch(/^.+:\d+:\d+: W365E\d{3} \S/);
				expect(line).not.toContain('\n');
				expect(line).not.toMatch(/\bat \S+ \(|\.[jt]s:\d+|Error:/);
				expect(Object.keys(CODES)).toContain(finding.code);
			}
		}
	});
});

describe('validate: all findings at once', () => {
	it('reports every wrong next in one run, one finding per reference, each where it is written', () => {
		const references = loadFlowFile(fixture('e020-every-next-wrong.yaml')).findings.filter(
			(finding) => finding.code === 'W365E020',
		);
		expect(references.map((finding) => finding.message.split(' ')[0])).toEqual([
			'"detct"',
			'"stepp"',
			'"gat"',
			'"ask-again"',
			'"gone"',
			'"nowhere"',
			'"dne"',
		]);
	});

	it('reports every unknown key of one map, not only the first', () => {
		const text = `${MINIMAL}    outcom: x\n    txt: y\n    colour: z\n`;
		const {findings} = loadFlowText(text, 'typos.yaml');
		expectFindings(findings, [
			['W365E010', 11, 5, '"outcom"'],
			['W365E010', 12, 5, '"txt"'],
			['W365E010', 13, 5, '"colour"'],
		]);
	});

	it('reports schema problems across the whole file in one run', () => {
		const text = [
			'id: Bad_Id',
			'version: "1"',
			'title: 5',
			'languages: [en, fr]',
			'start: done',
			'sources:',
			'  guide:',
			'    title: G',
			'    url: not a url',
			'nodes:',
			'  done:',
			'    kind: end',
			'    outcome: resolved',
			'    text: Done',
			'    verified: 2026/01/20',
			'  check:',
			'    kind: detect',
			'    text: t',
			'    facts: [os.colour]',
			'    rules:',
			'      - when:',
			'          - {fact: os.build, gte: "26100.x"}',
			'        next: done',
			'    otherwise: done',
			'  run:',
			'    kind: step',
			'    text: t',
			'    next: done',
			'    commands:',
			'      - {shell: bash, run: ""}',
			'',
		].join('\n');
		expectFindings(loadFlowText(text, 'many.yaml').findings, [
			['W365E011', 1, 5, 'id: an id is lower-case letters'],
			['W365E011', 3, 8, 'title: text is a string or a map'],
			['W365E011', 4, 17, 'languages.1: a language is ja or en'],
			['W365E011', 9, 10, 'sources.guide.url: a source url is a full URL'],
			['W365E011', 15, 15, 'nodes.done.verified: a date is written YYYY-MM-DD'],
			['W365E011', 19, 13, 'nodes.check.facts.0: a fact is one of'],
			['W365E011', 22, 35, 'nodes.check.rules.0.when.0.gte: a build is written like'],
			['W365E011', 30, 17, 'nodes.run.commands.0.shell: a shell is one of'],
			['W365E011', 30, 28, 'nodes.run.commands.0.run: a command cannot be empty'],
		]);
	});
});

describe('validate: hostile input', () => {
	it('does not let __proto__ or constructor reach Object.prototype', () => {
		for (const name of ['proto-keys.yaml', 'proto-next.yaml', 'proto-next-dunder.yaml']) {
			loadFlowFile(fixture(name));
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			expect(Object.prototype).not.toHaveProperty('polluted');
		}
	});

	it("does not resolve a next to a built-in of a valid flow's node map", () => {
		const {flow} = loadFlowFile(EXAMPLE_FLOW);
		expect(flow).toBeDefined();
		for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
			expect(flow!.nodes[name], name).toBeUndefined();
			expect(name in flow!.nodes, name).toBe(false);
		}
	});

	it('refuses "constructor" and "prototype" as node ids instead of dropping them silently', () => {
		const text = MINIMAL.replace('start: done', 'start: prototype').replace(
			'  done:',
			'  prototype:',
		);
		expectFindings(loadFlowText(text, 'prototype.yaml').findings, [
			['W365E010', 7, 3, '"prototype" cannot be used as a key or an id'],
		]);
	});

	it('keeps the other findings of a map whose first key is reserved', () => {
		const text = MINIMAL.replace('  done:\n', '  done:\n    __proto__: {polluted: true}\n').replace(
			'    text: Done\n',
			'',
		);
		expectFindings(loadFlowText(text, 'first-key.yaml').findings, [
			['W365E010', 8, 5, '"__proto__" cannot be used'],
			['W365E011', 8, 5, 'missing "text" in nodes.done'],
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('stops the billion laughs at the first alias, quickly', () => {
		const started = performance.now();
		const {findings} = loadFlowFile(fixture('e005-alias-bomb.yaml'));
		expect(findings.map((finding) => finding.code)).toEqual(['W365E005']);
		expect(performance.now() - started).toBeLessThan(5000);
	});

	it('reports nesting far deeper than the parser can follow as W365E007, not as a crash', () => {
		const depth = 20_000;
		const text = `id: x\ntitle: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
		const {findings} = loadFlowText(text, 'deep.yaml');
		expect(findings.map((finding) => finding.code)).toEqual(['W365E007']);
		expect(findings[0]!.position!.line).toBe(2);
	});

	it('counts depth by collections, so nested lists and nested maps have the same limit', () => {
		const nested = (open: string, close: string, depth: number) =>
			`${MINIMAL.replace('text: Done', `text: ${open.repeat(depth)}x${close.repeat(depth)}`)}`;
		// The document, nodes and done maps are 3 levels; the text adds the rest.
		for (const [open, close] of [
			['[', ']'],
			['{a: ', '}'],
		] as const) {
			expect(
				loadFlowText(nested(open, close, MAX_DEPTH - 3), 'ok.yaml').findings.map(
					(finding) => finding.code,
				),
			).not.toContain('W365E007');
			expect(
				loadFlowText(nested(open, close, MAX_DEPTH - 2), 'deep.yaml').findings.map(
					(finding) => finding.code,
				),
			).toEqual(['W365E007']);
		}
	});

	it('says what is wrong with an empty file, a list, or a lone string', () => {
		for (const [text, what] of [
			['', 'is empty'],
			['# only a comment\n', 'is empty'],
			['- a\n- b\n', 'holds a list'],
			['hello\n', 'holds a single string'],
		] as const) {
			expectFindings(loadFlowText(text, 'odd.yaml').findings, [
				['W365E011', 1, 1, `the file ${what}: a flow is a map`],
			]);
		}
	});

	it('points at the opening quote of an unclosed string, and names a second document', () => {
		expectFindings(loadFlowText('id: x\ntitle: "unterminated\nstart: a\n', 'quote.yaml').findings, [
			['W365E001', 2, 8, 'quoted text is never closed'],
		]);
		expectFindings(loadFlowText(`${MINIMAL}---\n${MINIMAL}`, 'two.yaml').findings, [
			['W365E001', 11, 1, 'a second YAML document starts here'],
		]);
	});

	it('treats keys that become the same string as duplicates (404 and "404"), in flow maps too', () => {
		const text = MINIMAL.replace(
			'nodes:\n',
			'nodes:\n  404: {kind: end, outcome: resolved, text: A, text: B}\n  "404": {kind: end, outcome: resolved, text: C}\n',
		);
		expectFindings(loadFlowText(text, 'dup.yaml').findings, [
			['W365E002', 7, 48, 'duplicate key "text"'],
			['W365E002', 8, 3, 'duplicate key "404"'],
		]);
	});

	it('points at a numeric node id where it is written', () => {
		const text = MINIMAL.replace(
			'nodes:\n',
			'nodes:\n  404:\n    kind: step\n    text: Lost\n    next: done\n',
		);
		expectFindings(loadFlowText(text, 'numeric.yaml').findings, [
			['W365E021', 7, 3, 'node "404" cannot be reached'],
		]);
	});

	it('accepts a UTF-8 byte order mark', () => {
		expect(loadFlowFile(write('bom.yaml', `\uFEFF${MINIMAL}`)).findings).toEqual([]);
	});
});

describe('validate: the gate rule is a dominator check', () => {
	it('names the unguarded path when one branch passes the gate and another does not', () => {
		const {findings} = loadFlowFile(fixture('e027-unguarded-destructive.yaml'));
		expect(findings).toHaveLength(1);
		expect(findings[0]!.message).toBe(
			'destructive node "uninstall" is reachable without passing a gate: symptom → uninstall; route this path through a backup gate first',
		);
	});

	it('is satisfied once every path passes a gate, even through different gates', () => {
		const text = [
			'id: two-gates',
			'version: "1"',
			'title: T',
			'languages: [en]',
			'start: ask',
			'nodes:',
			'  ask: {kind: question, text: Q, choices: [{id: a, label: A, next: g1}, {id: b, label: B, next: g2}]}',
			'  g1: {kind: gate, text: G, items: [{id: i, text: I}], next: wipe, cancel: bail}',
			'  g2: {kind: gate, text: G, items: [{id: i, text: I}], next: wipe, cancel: bail}',
			'  wipe: {kind: step, destructive: true, text: W, choices: [{id: ok, label: OK, next: done}, {id: bad, label: Bad, next: back}]}',
			'  done: {kind: end, outcome: resolved, text: D}',
			'  bail: {kind: end, outcome: escalate, text: E}',
			'  back: {kind: end, outcome: recovery, text: R}',
			'',
		].join('\n');
		expect(loadFlowText(text, 'two-gates.yaml').findings).toEqual([]);
		// Taking a gate's cancel (the safe way out) to the destructive step is not passing the gate.
		const viaCancel = text.replace('cancel: bail}\n  wipe', 'cancel: wipe}\n  wipe');
		expectFindings(loadFlowText(viaCancel, 'cancel.yaml').findings, [
			['W365E027', 9, 76, 'ask → g2 → wipe'],
		]);
	});

	it('reports a destructive start node', () => {
		const text = MINIMAL.replace('start: done', 'start: wipe').replace(
			'nodes:\n',
			'nodes:\n  wipe:\n    kind: step\n    destructive: true\n    text: Wipe\n    next: back\n  back:\n    kind: end\n    outcome: recovery\n    text: Restore\n',
		);
		expectFindings(loadFlowText(text, 'start.yaml').findings, [
			['W365E027', 5, 8, 'destructive node "wipe" is the start node'],
			['W365E021', 16, 3, '"done"'],
		]);
	});

	it('also catches a detect node routing to itself', () => {
		const text = MINIMAL.replace('start: done', 'start: check').replace(
			'nodes:\n',
			'nodes:\n  check:\n    kind: detect\n    text: C\n    facts: [os.build]\n    rules:\n      - when: [{fact: os.build, known: true}]\n        next: check\n    otherwise: done\n',
		);
		expectFindings(loadFlowText(text, 'self.yaml').findings, [['W365E023', 7, 3, 'check → check']]);
	});
});

describe('the example flow', () => {
	const loaded = loadFlowFile(EXAMPLE_FLOW);
	const flow = loaded.flow!;
	const nodes = Object.values(flow?.nodes ?? {});

	it('loads with zero findings', () => {
		expect(loaded.findings.map(formatFinding)).toEqual([]);
		expect(flow).toBeDefined();
	});

	it('starts with a question of at least three choices and uses every node kind and outcome', () => {
		const start = flow.nodes[flow.start]!;
		expect(start.kind).toBe('question');
		expect(start.kind === 'question' && start.choices.length).toBeGreaterThanOrEqual(3);
		expect(new Set(nodes.map((node) => node.kind))).toEqual(
			new Set(['question', 'detect', 'step', 'gate', 'end']),
		);
		expect(new Set(nodes.flatMap((node) => (node.kind === 'end' ? [node.outcome] : [])))).toEqual(
			new Set(['resolved', 'workaround', 'escalate', 'recovery']),
		);
		expect(nodes.length).toBeGreaterThanOrEqual(10);
		expect(nodes.length).toBeLessThanOrEqual(14);
	});

	it('uses every kind of detect condition on os.product and os.build, commands for both shells, a 3-item gate', () => {
		const conditions = nodes.flatMap((node) =>
			node.kind === 'detect' ? node.rules.flatMap((rule) => rule.when) : [],
		);
		const operators = new Set(
			conditions.flatMap((condition) => Object.keys(condition).filter((key) => key !== 'fact')),
		);
		expect(operators).toEqual(new Set(['equals', 'in', 'gte', 'lt', 'known']));
		expect(new Set(conditions.map((condition) => condition.fact))).toEqual(
			new Set(['os.product', 'os.build']),
		);
		const shells = new Set(
			nodes.flatMap((node) =>
				node.kind === 'step' ? (node.commands ?? []).map((command) => command.shell) : [],
			),
		);
		expect(shells).toEqual(new Set(['powershell', 'cmd']));
		expect(nodes.some((node) => node.kind === 'step' && node.choices && node.commands)).toBe(true);
		expect(nodes.some((node) => node.kind === 'step' && node.next)).toBe(true);
		expect(
			nodes
				.filter((node) => node.kind === 'gate')
				.map((node) => node.kind === 'gate' && node.items.length),
		).toEqual([3]);
	});

	it('names sources and a verified date on every node, and a review-by date', () => {
		expect(flow['review-by']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(flow.languages).toEqual(['ja', 'en']);
		for (const [id, node] of Object.entries(flow.nodes)) {
			expect(node.sources?.length, id).toBeGreaterThan(0);
			expect(node.verified, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	it('puts its destructive step behind the gate, with a way to recovery', () => {
		expect(
			Object.entries(flow.nodes)
				.filter(([, node]) => node.destructive)
				.map(([id]) => id),
		).toEqual(['uninstall']);
		const gate = flow.nodes.backup!;
		expect(gate.kind === 'gate' && gate.next).toBe('uninstall');
		const uninstall = flow.nodes.uninstall!;
		const outcomes = (uninstall.kind === 'step' ? (uninstall.choices ?? []) : []).map((choice) => {
			const target = flow.nodes[choice.next]!;
			return target.kind === 'end' ? target.outcome : target.kind;
		});
		expect(outcomes).toContain('recovery');
	});

	it('starts with the schema comment that editors use', () => {
		expect(readFileSync(EXAMPLE_FLOW, 'utf8').split('\n')[0]).toBe(
			'# yaml-language-server: $schema=./flow.schema.json',
		);
	});
});
