/**
 * Exactly one writer per session: two `--resume` of one session at once (two terminals, or a
 * dropped SSH link and a new login), a claim left by a killed writer, and a resumed session being
 * visibly live for `sessions` and `watch` before its first new event.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {BINARY, runBinary} from '../helpers/run-binary.js';
import {sessionEvents, sessionFile} from '../helpers/session-logs.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function setup(): {dir: string; env: NodeJS.ProcessEnv} {
	const base = mkdtempSync(join(tmpdir(), 'w365-claim-'));
	made.push(base);
	return {dir: join(base, 'logs'), env: {XDG_CONFIG_HOME: join(base, 'config')}};
}

/** A resumed walk kept open (its stdin stays open), so a second one can try the same session. */
function resumeLive(args: string[], env: NodeJS.ProcessEnv) {
	const child = spawn(process.execPath, [BINARY, ...args], {
		env: {...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1', ...env},
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return {
		child,
		exit,
		output: () => output,
		async waitFor(text: string) {
			const deadline = Date.now() + 10_000;
			while (!output.includes(text)) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
	};
}

async function interruptedSession(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
	const first = await runBinary(
		['--flow', EXAMPLE_FLOW, '--lang', 'en', '--log-dir', dir, '--no-detect', '--plain'],
		{input: '2\n', env},
	);
	expect(first.code).toBe(130);
	return sessionFile(dir);
}

describe('one writer per session (real binary)', () => {
	it('a second --resume of a session being continued refuses in one sentence; sessions and watch show it live at once', async () => {
		const {dir, env} = setup();
		const log = await interruptedSession(dir, env);
		const id = log.replace(/^.*\/(.*)\.jsonl$/, '$1');
		const first = resumeLive(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], env);
		try {
			await first.waitFor('spooler');
			const before = readFileSync(log, 'utf8');

			const second = await runBinary(
				['--resume', id, '--log-dir', dir, '--plain', '--lang', 'en'],
				{input: '1\n', env},
			);
			expect(second.code).toBe(1);
			const lines = second.stderr.trim().split('\n');
			expect(lines).toEqual([
				`w365-triage: session ${id} is being continued by another running w365-triage (process ${first.child.pid}): finish or quit that one first`,
			]);
			// The default (newest unfinished) is not the live one either.
			const third = await runBinary(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], {
				input: '1\n',
				env,
			});
			expect(third.code).toBe(1);
			expect(third.stdout).not.toContain('spooler');
			expect(third.stderr.trim().split('\n')).toEqual([
				`w365-triage: session ${id} is being continued by another running w365-triage: finish or quit that one first (there is no other unfinished session of yours to resume in ${dir})`,
			]);
			expect(readFileSync(log, 'utf8')).toBe(before);

			// Live before its first new event: "in progress", and what watch picks.
			const listed = await runBinary(['sessions', '--log-dir', dir, '--lang', 'en', '--json'], {
				env,
			});
			expect(JSON.parse(listed.stdout)).toEqual([
				expect.objectContaining({id, status: 'in-progress'}),
			]);

			const watched = await runBinary(['watch', '--log-dir', dir, '--lang', 'en'], {
				env,
				timeoutMs: 2500,
			});
			expect(watched.timedOut).toBe(true); // still following: the session is not over
			expect(watched.stdout).toContain(id);
			expect(watched.stdout).toContain('spooler');
			expect(watched.stdout).not.toMatch(/was interrupted|no longer running/);

			first.child.stdin.write('1\n');
			first.child.stdin.end();
			expect(await first.exit).toBe(0);
		} finally {
			first.child.kill('SIGKILL');
		}
		// One story: one start, the first resume's answer, and its outcome.
		const events = sessionEvents(log);
		expect(events.filter((event) => event.type === 'start')).toHaveLength(1);
		expect(events.map((event) => event.type)).toEqual([
			'start',
			'answer',
			'interrupted',
			'answer',
			'outcome',
		]);
		expect(existsSync(`${log}.lock`)).toBe(false);
	}, 40_000);

	it('many --resume started together: exactly one continues the session', async () => {
		const {dir, env} = setup();
		const log = await interruptedSession(dir, env);
		const runs = await Promise.all(
			Array.from({length: 4}, () =>
				runBinary(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], {input: '1\n', env}),
			),
		);
		expect(runs.map((run) => run.code).sort()).toEqual([0, 1, 1, 1]);
		for (const run of runs.filter((run) => run.code === 1)) {
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
			expect(run.stderr).toMatch(
				/is being continued by another running w365-triage|there is no unfinished session to resume|already reached its outcome/,
			);
		}
		expect(sessionEvents(log).map((event) => event.type)).toEqual([
			'start',
			'answer',
			'interrupted',
			'answer',
			'outcome',
		]);
	}, 40_000);

	it('a claim left by a writer killed with SIGKILL is stale: the next --resume takes the session over', async () => {
		const {dir, env} = setup();
		const log = await interruptedSession(dir, env);
		const first = resumeLive(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], env);
		await first.waitFor('spooler');
		expect(existsSync(`${log}.lock`)).toBe(true);
		first.child.kill('SIGKILL');
		await first.exit;
		const next = await runBinary(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], {
			input: '1\n',
			env,
		});
		expect(next.stderr).toBe('');
		expect(next.code).toBe(0);
		expect(sessionEvents(log).at(-1)).toMatchObject({type: 'outcome'});
		expect(existsSync(`${log}.lock`)).toBe(false);
	}, 40_000);
});
