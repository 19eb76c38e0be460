/**
 * The shipped flow's build table through the real binary (line mode, --json): every OS row before,
 * at and after its fix, with the product given, answered or wrong, lands on the row's advice;
 * and no entry point (--answers, --replay, --resume) shows a destructive step before its gate.
 */
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';

const logDir = mkdtempSync(join(tmpdir(), 'w365-build-table-'));
afterAll(() => rmSync(logDir, {recursive: true, force: true}));

type Case = {
	name: string;
	facts: string[];
	answers: string[];
	node: string;
	says: string[];
	never?: string[] /** said where the facts are shown */;
	notice?: string;
};

const TO_OS = ['auth-failure', 'after-update'];
const fact = (name: string, value: string) => ['--fact', `${name}=${value}`];

const CASES: Case[] = [
	// Windows 11 24H2: before the January update, at it, at the fix, later; with a wrong product.
	{
		name: '24H2 before the January update',
		facts: [...fact('os.product', 'Windows 11'), ...fact('os.build', '26100.999')],
		answers: TO_OS,
		node: 'not-the-cause',
		says: ['KB5074109', 'Settings > Windows Update'],
	},
	{
		name: '24H2 at the broken build',
		facts: [
			...fact('os.product', 'Windows 11'),
			...fact('os.version', '24H2'),
			...fact('os.build', '26100.7623'),
		],
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077744', '26100.7627', 'Settings > Windows Update > Check for updates'],
		never: ['KB5077793'],
	},
	{
		name: '24H2 given as Server 2025 is never sent a Server KB',
		facts: [...fact('os.product', 'Windows Server 2025'), ...fact('os.build', '26100.7623')],
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077744'],
		never: ['KB5077793'],
		notice: 'Build 26100.7623 is Windows 11 24H2, not Windows Server 2025',
	},
	{
		name: '24H2 at the fix',
		facts: fact('os.build', '26100.7627'),
		answers: TO_OS,
		node: 'already-fixed',
		says: ['26100.7627'],
	},
	// Server 2025 shares 26100: given as Windows 11 24H2 it is still Server 2025, never "fixed".
	{
		name: 'Server 2025 given as Windows 11 24H2',
		facts: [
			...fact('os.product', 'Windows 11'),
			...fact('os.version', '24H2'),
			...fact('os.build', '26100.32230'),
		],
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077793', '26100.32234'],
		never: ['KB5077744 '],
		notice: 'Build 26100.32230 is Windows Server 2025, not Windows 11 24H2',
	},
	{
		name: 'Server 2025 later',
		facts: fact('os.build', '26100.32236'),
		answers: TO_OS,
		node: 'already-fixed',
		says: ['26100.32234'],
	},
	// Windows 10: the Update & Security path.
	{
		name: 'Windows 10 22H2 below the fix',
		facts: [...fact('os.product', 'Windows 10'), ...fact('os.build', '19045.6809')],
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077796', 'Settings > Update & Security > Windows Update > Check for updates'],
	},
	{
		name: 'Windows 10 22H2 without ESU',
		facts: fact('os.build', '19045.6456'),
		answers: TO_OS,
		node: 'not-the-cause',
		says: ['KB5073724', 'without Extended Security Updates (ESU)'],
	},
	{
		name: 'Windows 10 21H2 at the fix',
		facts: fact('os.build', '19044.6811'),
		answers: TO_OS,
		node: 'already-fixed',
		says: ['19044.6811'],
	},
	{
		name: 'Windows 11 23H2 below the fix',
		facts: fact('os.build', '22631.6491'),
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077797', '22631.6494'],
	},
	{
		name: 'Windows 11 25H2 below the fix',
		facts: fact('os.build', '26200.7623'),
		answers: TO_OS,
		node: 'fix',
		says: ['KB5077744', '26200.7627'],
	},
	// Rows without a confirmed fix.
	{
		name: 'Server 2022 later',
		facts: fact('os.build', '20348.4651'),
		answers: TO_OS,
		node: 'no-known-fix',
		says: ['On Windows Server 2022', 'Settings > Update & Security > Windows Update'],
		never: ['KB5077800'],
	},
	{
		name: 'Server 2019 at the broken build',
		facts: fact('os.build', '17763.8276'),
		answers: TO_OS,
		node: 'no-known-fix',
		says: ['On Windows Server 2019'],
	},
	{
		name: 'Server 2016',
		facts: fact('os.build', '14393.8000'),
		answers: TO_OS,
		node: 'no-known-fix',
		says: ['On Windows Server 2016'],
	},
	// Answered: nothing given, the OS picked, the build asked.
	{
		name: 'answered: Server 2025, below the fix',
		facts: ['--no-detect'],
		answers: [...TO_OS, 'server', 'server-2025', 'below'],
		node: 'fix',
		says: ['KB5077793', 'Settings > Windows Update > Check for updates'],
	},
	{
		name: 'answered: Windows 10 21H2, at or above',
		facts: ['--no-detect'],
		answers: [...TO_OS, 'win10-21h2', 'at-or-above'],
		node: 'already-fixed',
		says: ['19044.6811'],
	},
	{
		name: 'a build in no row',
		facts: fact('os.build', '22621.4000'),
		answers: TO_OS,
		node: 'other-windows',
		says: ['not in this guide'],
	},
];

/** What the screen said at `node` (the last time it was shown). */
function section(transcript: string, node: string): string {
	const from = transcript.lastIndexOf(` · ${node} ──`);
	expect(from, node).toBeGreaterThan(-1);
	const end = transcript.indexOf('── Step', from + 1);
	return transcript.slice(transcript.lastIndexOf('──', from - 1) - 1, end === -1 ? undefined : end);
}

async function run(args: string[]) {
	return runBinary([...args, '--lang', 'en', '--json', '--log-dir', logDir]);
}

describe('the build table through the binary', () => {
	it.each(CASES)('$name → $node', async ({facts, answers, node, says, never = [], notice}) => {
		// One answer past the advice would be needed to go on: the walk stops there (input ended).
		const result = await run([...facts, '--answers', answers.join(',')]);
		const state = JSON.parse(result.stdout);
		// A step with no choices goes on by itself in a scripted run (fix → fix-confirm).
		const nodes = state.path.map((step: {node: string}) => step.node);
		expect(nodes.at(-1)).toBe(node === 'fix' ? 'fix-confirm' : node);
		expect(nodes).toContain(node);
		const shown = section(result.stderr, node);
		for (const text of says) expect(shown).toContain(text);
		for (const text of never) expect(shown).not.toContain(text);
		if (notice) expect(section(result.stderr, 'detect-os')).toContain(notice);
	});

	it('a --facts file routes the same way as --fact', async () => {
		const file = join(logDir, 'facts.json');
		writeFileSync(
			file,
			JSON.stringify({'os.product': 'Windows 11', 'os.version': '24H2', 'os.build': '26100.32230'}),
		);
		const result = await run(['--facts', file, '--answers', TO_OS.join(',')]);
		expect(JSON.parse(result.stdout).path.map((step: {node: string}) => step.node)).toContain(
			'fix',
		);
		expect(section(result.stderr, 'fix')).toContain('KB5077793');
	});
});

describe('no entry point shows a destructive step before its gate', () => {
	const TO_GATE = ['rollback', 'continue'];
	const DESTRUCTIVE = /Step \d+ · (uninstall-update|system-restore|winre-uninstall) ──/;

	it('--answers stops at the gate with exit 3, even with proceed and later answers', async () => {
		for (const answers of [
			[...TO_GATE, 'proceed', 'uninstall'],
			['wont-start', 'winre', 'proceed'],
			[...TO_GATE, '2', '2'],
		]) {
			const result = await run([...fact('os.build', '26100.7623'), '--answers', answers.join(',')]);
			expect(result.code, answers.join(',')).toBe(3);
			expect(result.stderr).not.toMatch(DESTRUCTIVE);
		}
	});

	it('piped yes lines do not confirm a gate', async () => {
		const result = await runBinary(
			['--plain', '--lang', 'en', '--log-dir', logDir, ...fact('os.build', '26100.7623')],
			{input: '7\n4\nyes\nyes\nyes\n2\n2\n'},
		);
		expect(result.stdout).not.toMatch(DESTRUCTIVE);
	});

	it('uninstalling is not offered away from the broken build', async () => {
		const fixed = await run([...fact('os.build', '26100.7628'), '--answers', TO_GATE.join(',')]);
		expect(JSON.parse(fixed.stdout).path.at(-1).node).toBe('rollback-no-help');
		const before = await run([...fact('os.build', '26100.999'), '--answers', TO_GATE.join(',')]);
		expect(JSON.parse(before.stdout).path.at(-1).node).toBe('not-the-cause');
	});

	it('--replay of a session that passed the gate stops at the gate; --resume continues at it', async () => {
		const dir = mkdtempSync(join(logDir, 'replay-'));
		const acks = ['ack:external-drive', 'ack:cloud-storage', 'ack:windows-backup'];
		const walked = await runBinary([
			'--lang',
			'en',
			'--json',
			'--log-dir',
			dir,
			...fact('os.build', '26100.7623'),
			'--answers',
			[...TO_GATE, ...acks, 'proceed', 'uninstall'].join(','),
		]);
		expect(JSON.parse(walked.stdout).path.at(-1).node).toBe('uninstall-update');
		const session = readdirSync(dir)[0]!.replace(/\.jsonl$/, '');
		const replay = await runBinary(['--replay', session, '--lang', 'en', '--log-dir', dir]);
		expect(replay.code).toBe(3);
		expect(replay.stdout).not.toMatch(DESTRUCTIVE);

		const stopped = mkdtempSync(join(logDir, 'resume-'));
		await runBinary([
			'--lang',
			'en',
			'--log-dir',
			stopped,
			...fact('os.build', '26100.7623'),
			'--answers',
			TO_GATE.join(','),
		]);
		const resumed = await runBinary(['--resume', '--plain', '--lang', 'en', '--log-dir', stopped], {
			input: '',
		});
		expect(resumed.stdout).toContain('backup-gate');
		expect(resumed.stdout).not.toMatch(DESTRUCTIVE);
	});
});

describe('"not applicable here" is never given by a script', () => {
	it('piped na lines and --answers na stop at the gate with exit 3', async () => {
		const piped = await runBinary(
			[
				'--plain',
				'--lang',
				'en',
				'--log-dir',
				logDir,
				...fact('os.build', '26100.7623'),
				'--answers',
				'rollback,continue',
			],
			{
				input:
					'na\n3\nIT turned Windows Backup off\nna\n1\nno external drive here\nna\n2\nnothing in the cloud\n2\n',
			},
		);
		expect(piped.code).toBe(3);
		expect(piped.stdout).not.toMatch(/Step \d+ · rollback-choice ──/);
		const scripted = await run([
			...fact('os.build', '26100.7623'),
			'--answers',
			'rollback,continue,na,3,IT turned it off,proceed',
		]);
		expect(scripted.code).toBe(3);
		expect(JSON.parse(scripted.stdout).path.at(-1).node).toBe('backup-gate');
	});
});
