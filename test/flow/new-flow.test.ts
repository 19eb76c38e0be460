/**
 * `w365-triage new FILE`: the starting point of a new flow is valid as written (both languages, a
 * gate before the destructive step, a recovery end, a source, dates), and `new` never replaces a
 * file or follows a symlink, and leaves nothing half-written.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {flowIdFromFile, newFlowText} from '../../source/flow/new-flow.js';
import {runBinary} from '../helpers/run-binary.js';

const scratch = mkdtempSync(join(tmpdir(), 'w365-new-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

describe('the new flow', () => {
	it.each(['2026-01-31', '2026-11-30', '2028-02-29', '2026-12-02'])(
		'is valid when written on %s, with review-by three months later',
		(today) => {
			const {flow, findings} = loadFlowText(
				newFlowText('new-incident', today, './flow.schema.json'),
				'new.yaml',
			);
			expect(findings).toEqual([]);
			expect(flow!.languages).toEqual(['ja', 'en']);
			expect(flow!['review-by']! > today).toBe(true);
			const kinds = Object.values(flow!.nodes).map((node) => node.kind);
			for (const kind of ['question', 'step', 'gate', 'end']) expect(kinds).toContain(kind);
			expect(Object.values(flow!.nodes).some((node) => node.destructive)).toBe(true);
			expect(
				Object.values(flow!.nodes).some(
					(node) => node.kind === 'end' && node.outcome === 'recovery',
				),
			).toBe(true);
			expect(Object.keys(flow!.sources!)).not.toHaveLength(0);
		},
	);

	it.each([
		['flows/2026-03 Outlook.yaml', '2026-03-outlook'],
		['C:\\flows\\Printing_Broken.YML', 'printing-broken'],
		['flows/日本語.yaml', 'new-incident'],
	])('takes its id from the file name: %s → %s', (file, id) => {
		expect(flowIdFromFile(file)).toBe(id);
	});
});

describe('w365-triage new', () => {
	it('writes a flow validate accepts, with a modeline that finds the schema', async () => {
		const file = join(scratch, 'march.yaml');
		const result = await runBinary(['new', file]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('written');
		const text = readFileSync(file, 'utf8');
		const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)![1]!;
		expect(JSON.parse(readFileSync(join(scratch, schema), 'utf8')).title).toBe('w365-triage flow');
		expect(text).toMatch(/^id: march$/m);
		const validate = await runBinary(['validate', file]);
		expect(validate.stdout).toContain(`${file}: ok`);
		expect(validate.code).toBe(0);
	});

	it('never replaces a file, nor writes through a symlink, and leaves no temporary file', async () => {
		const existing = join(scratch, 'existing.yaml');
		writeFileSync(existing, 'mine\n');
		const target = join(scratch, 'target.txt');
		const link = join(scratch, 'link.yaml');
		symlinkSync(target, link); // dangling: new must not create target.txt through it
		for (const file of [existing, link]) {
			const result = await runBinary(['new', file]);
			expect(result.code).toBe(1);
			expect(result.stderr).toContain('already exists: new never replaces a file');
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
		expect(readFileSync(existing, 'utf8')).toBe('mine\n');
		expect(readdirSync(scratch)).not.toContain('target.txt');
		const missing = await runBinary(['new', join(scratch, 'no-such-folder', 'x.yaml')]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('its folder does not exist');
		expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
	});

	it('is a usage error without exactly one .yaml file', async () => {
		expect((await runBinary(['new'])).code).toBe(2);
		expect((await runBinary(['new', join(scratch, 'flow.txt')])).code).toBe(2);
	});
});
