/**
 * A flows directory as the app reads it: the valid flows offered after the shipped one, each
 * invalid, linked or foreign file listed with its first finding or why, never offered; the menu
 * titles in the session language, sanitized; the first answer picks by number or id.
 */
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {discoverFlows, MAX_DIR_FLOWS, offeredFlows} from '../../source/session/flows-dir.js';
import {flowMenu, flowMenuLines, pickFlow} from '../../source/view/flow-menu.js';
import {INCIDENT_FLOW, loadValidFlowFile} from '../helpers/flows.js';

const EXAMPLE = fileURLToPath(
	new URL('../../docs/examples/start-menu-2026-03.yaml', import.meta.url),
);
const scratch = mkdtempSync(join(tmpdir(), 'w365-flows-dir-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const shipped = loadValidFlowFile(INCIDENT_FLOW);

function flowsDir(name: string): string {
	const dir = join(scratch, name);
	mkdirSync(dir, {mode: 0o700});
	return dir;
}

describe('discoverFlows', () => {
	const dir = flowsDir('mixed');
	copyFileSync(EXAMPLE, join(dir, 'a-start-menu.yaml'));
	writeFileSync(
		join(dir, 'b-printing.yml'),
		readFileSync(EXAMPLE, 'utf8')
			.replace('id: start-menu-2026-03', 'id: printing-2026-04')
			.replace(/\(Example\) Start menu[^\n]*/, 'Printing stopped after the April update'),
	);
	// A file name may carry terminal escapes: the menu shows it sanitized.
	writeFileSync(
		join(dir, 'c-broken\u001b]0;owned\u0007.yaml'),
		'id: broken\nversion: "1"\nnodes: [\n',
	);
	writeFileSync(join(dir, 'notes.txt'), 'not a flow');
	symlinkSync(join(dir, 'a-start-menu.yaml'), join(dir, 'd-link.yaml'));
	mkdirSync(join(dir, 'e-folder.yaml'));
	const found = discoverFlows(dir);

	it('loads the regular *.yaml / *.yml files in name order and validates each', () => {
		expect(found.problem).toBeUndefined();
		expect(found.entries.map((entry) => [entry.file.slice(dir.length + 1), entry.ok])).toEqual([
			['a-start-menu.yaml', true],
			['b-printing.yml', true],
			['c-broken\u001b]0;owned\u0007.yaml', false],
			['d-link.yaml', false],
			['e-folder.yaml', false],
		]);
	});

	it('lists an invalid file with its first finding as file:line:column, and never follows a link', () => {
		const problems = found.entries
			.filter((entry) => !entry.ok)
			.map((entry) => (entry.ok ? '' : entry.problem));
		expect(problems[0]).toMatch(/c-broken\u001b\]0;owned\u0007\.yaml:3:\d+: W365E001 /);
		expect(problems[1]).toContain('d-link.yaml: is a symbolic link');
		expect(problems[2]).toContain('e-folder.yaml: is not a regular file');
	});

	it('offers the shipped flow first; the menu shows titles in the language, sanitized, and the problems', () => {
		const menu = flowMenu(offeredFlows(shipped, found.entries), 'en');
		expect(menu.question).toBe('What is the problem?');
		expect(menu.items.map((item) => item.flow.id)).toEqual([
			'w365-avd-2026-01',
			'start-menu-2026-03',
			'printing-2026-04',
		]);
		expect(menu.items[2]!.label).toBe(
			'Printing stopped after the April update (printing-2026-04 1.0.0)',
		);
		expect(menu.problems).toHaveLength(3);
		const ja = flowMenu(offeredFlows(shipped, found.entries), 'ja');
		expect(ja.question).toBe('どのような問題ですか？');
		expect(ja.items[0]!.label).toContain('Windows 365 / AVD に接続できない');
		const lines = flowMenuLines(menu, 'en').join('\n');
		expect(lines).toMatch(/c-broken.*\.yaml:3:\d+: W365E001 /);
		expect(lines).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
		expect(lines).toMatch(/ {2}1\. Can't connect[^\n]*\n {2}2\. \(Example\) Start menu/);
	});

	it('picks by number or flow id, nothing else', () => {
		const menu = flowMenu(offeredFlows(shipped, found.entries), 'en');
		expect(pickFlow(menu, '2')?.flow.id).toBe('start-menu-2026-03');
		expect(pickFlow(menu, ' printing-2026-04 ')?.flow.id).toBe('printing-2026-04');
		for (const answer of ['0', '4', 'broken', '', '1.5'])
			expect(pickFlow(menu, answer)).toBeUndefined();
	});

	it('does not offer a flow whose id is already offered (a copy of the shipped flow)', () => {
		const copy = flowsDir('copy');
		copyFileSync(INCIDENT_FLOW, join(copy, 'incident.yaml'));
		const entries = offeredFlows(shipped, discoverFlows(copy).entries);
		expect(entries.map((entry) => entry.ok)).toEqual([true, false]);
		expect(entries[1]!.ok ? '' : entries[1]!.problem).toContain(
			'flow id "w365-avd-2026-01" is already offered by',
		);
	});
});

describe('an untrusted flows directory', () => {
	it('names a missing directory instead of failing', () => {
		expect(discoverFlows(join(scratch, 'nope')).problem).toContain('no such directory');
	});

	it('does not offer a file others can change', () => {
		const dir = flowsDir('writable');
		copyFileSync(EXAMPLE, join(dir, 'flow.yaml'));
		chmodSync(join(dir, 'flow.yaml'), 0o666);
		const [entry] = discoverFlows(dir).entries;
		expect(entry).toMatchObject({ok: false});
		expect(entry!.ok ? '' : entry!.problem).toContain('can be changed by other users');
	});

	it(`reads at most ${MAX_DIR_FLOWS} files and says how many were left`, () => {
		const dir = flowsDir('many');
		for (let index = 0; index < MAX_DIR_FLOWS + 5; index++)
			writeFileSync(join(dir, `f${String(index).padStart(3, '0')}.yaml`), 'x: 1\n');
		const {entries} = discoverFlows(dir);
		expect(entries).toHaveLength(MAX_DIR_FLOWS + 1);
		const last = entries.at(-1)!;
		expect(last.ok ? '' : last.problem).toContain('5 more flow file(s) not read');
	});
});
