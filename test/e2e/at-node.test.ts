/**
 * `--at NODE` from the command line: a walk begun at a step (plain and terminal UI), refused for a
 * destructive step or a step past a gate with a clear sentence and no session left behind, and a
 * session begun with --at resumes where it was, but never from a log edited to begin past a gate.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

const FLOW = fileURLToPath(new URL('../../docs/examples/start-menu-2026-03.yaml', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'w365-at-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const base = (dir: string) => [
	'--flow',
	FLOW,
	'--plain',
	'--no-detect',
	'--lang',
	'en',
	'--log-dir',
	join(scratch, dir),
];

describe('--at NODE', () => {
	it.each([
		[
			'uninstall',
			'"uninstall" is a destructive step: it is only ever shown after its backup gate is confirmed in the same session; begin at its backup gate instead (--at backup) and confirm it',
		],
		['recovery', '"recovery" comes after a backup gate'],
		['nope', 'the flow has no node "nope"'],
	])('refuses %s with one sentence, exit 2, and no session', async (node, sentence) => {
		const result = await runBinary([...base(`refused-${node}`), '--at', node]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`--at ${node}: ${sentence}`);
		expect(result.stdout).not.toContain('Uninstall the update');
		expect(() => readdirSync(join(scratch, `refused-${node}`))).toThrow();
	});

	it("refuses the shipped flow's uninstall and System Restore steps", async () => {
		for (const node of ['uninstall-update', 'system-restore', 'winre-uninstall']) {
			const result = await runBinary([
				'--plain',
				'--no-detect',
				'--at',
				node,
				'--log-dir',
				join(scratch, 'shipped'),
			]);
			expect(result.code, node).toBe(2);
			expect(result.stderr).toMatch(
				/is a destructive step.*--at [a-z-]+-gate|is a destructive step/,
			);
		}
	});

	it('begins at the gate, which must still be confirmed item by item', async () => {
		const stopped = await runBinary([
			...base('gate'),
			'--at',
			'backup',
			'--answers',
			'proceed,failed',
		]);
		expect(stopped.code).toBe(3);
		expect(stopped.stdout).toContain('── Step 1 · backup ──');
		expect(stopped.stdout).not.toContain('Step 2 · uninstall');
		const walked = await runBinary([
			...base('gate'),
			'--at',
			'backup',
			'--answers',
			'ack:files-saved,proceed,failed',
			'--json',
		]);
		expect(JSON.parse(walked.stdout)).toMatchObject({
			outcome: 'recovery',
			path: [{node: 'backup'}, {node: 'uninstall'}, {node: 'recovery'}],
		});
	});

	it('cannot be combined with --resume or --replay', async () => {
		const result = await runBinary([...base('combined'), '--at', 'backup', '--resume']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--at begins a new session');
	});

	it('a session begun with --at resumes there; a log edited to begin past the gate is refused', async () => {
		const dir = join(scratch, 'resume');
		const first = await runBinary([
			...base('resume'),
			'--at',
			'workaround-restart',
			'--answers',
			'still-broken',
		]);
		expect(first.code).toBe(3);
		const resumed = await runBinary([
			...base('resume'),
			'--resume',
			'--answers',
			'ack:files-saved,proceed,worked',
			'--json',
		]);
		expect(JSON.parse(resumed.stdout)).toMatchObject({
			outcome: 'resolved',
			path: [
				{node: 'workaround-restart'},
				{node: 'backup'},
				{node: 'uninstall'},
				{node: 'resolved'},
			],
		});

		const [name] = readdirSync(dir);
		const forged = join(dir, '20260301-090000-abcd.jsonl');
		const lines = readFileSync(join(dir, name!), 'utf8').split('\n');
		const start = JSON.parse(lines[0]!);
		writeFileSync(
			forged,
			`${JSON.stringify({...start, session: '20260301-090000-abcd', node: 'uninstall'})}\n`,
		);
		const refused = await runBinary([...base('resume'), '--resume', '20260301-090000-abcd']);
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toContain('began at a node it cannot begin at');
		expect(refused.stdout).not.toContain('Uninstall the update');
	});

	describe('terminal UI', () => {
		let terminal: Terminal | undefined;
		afterEach(() => terminal?.close());

		it('opens at the step, numbered from 1', async () => {
			terminal = startTerminal(
				[
					'--flow',
					FLOW,
					'--no-detect',
					'--at',
					'workaround-restart',
					'--log-dir',
					join(scratch, 'ink'),
				],
				{columns: 80, rows: 24},
			);
			const screen = await terminal.waitFor('Press Ctrl + Shift + Esc');
			expect(screen).toContain('Step 1');
			terminal.keys('q');
		});
	});
});
