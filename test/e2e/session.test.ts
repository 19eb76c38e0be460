/** The session log end to end: the real binary writes it, survives signals and kill -9, resumes,
 * replays, exports and is watched live. */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {
	copyFileSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {BINARY, runBinary} from '../helpers/run-binary.js';
import {sessionEvents, sessionFile} from '../helpers/session-logs.js';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'w365-session-')), 'logs');
const events = (dir: string) => sessionEvents(sessionFile(dir));

/** A live process answering line by line, so a test can stop it wherever it likes. */
function startWalk(args: string[]): {
	child: ChildProcessWithoutNullStreams;
	output: () => string;
	waitFor: (text: string) => Promise<void>;
	exit: Promise<number | null>;
} {
	const child = spawn(process.execPath, [BINARY, ...args], {
		env: {...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1'},
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return {
		child,
		output: () => output,
		async waitFor(text) {
			const deadline = Date.now() + 8000;
			while (!output.includes(text)) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
		exit,
	};
}

describe('session log (real binary)', () => {
	it('logs every step to a 0600 file in a 0700 directory and names it at the end', async () => {
		const dir = freshDir();
		const result = await runBinary(
			['--flow', EXAMPLE_FLOW, '--lang', 'en', '--log-dir', dir, '--no-detect'],
			{input: '2\n1\n'},
		);
		expect(result.code).toBe(0);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		const [file] = readdirSync(dir);
		expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
		expect(result.stdout).toContain(`Session log: ${join(dir, file!)}`);
		expect(events(dir).map((event) => event.type)).toEqual([
			'start',
			'answer',
			'answer',
			'outcome',
		]);
		expect(events(dir)[0]).toMatchObject({flow: {id: 'example', version: '1.0.0'}, language: 'en'});
	});

	it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)(
		'%s writes an interrupted event and exits 130',
		async (signal) => {
			const dir = freshDir();
			const walk = startWalk(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect']);
			walk.child.stdin.write('2\n');
			await walk.waitFor('Step 2 · spooler');
			walk.child.kill(signal);
			expect(await walk.exit).toBe(130);
			expect(events(dir).at(-1)).toMatchObject({
				type: 'interrupted',
				reason: signal,
				step: 2,
				node: 'spooler',
			});
		},
	);

	it('after kill -9, --resume continues from the same step; export has every step and acknowledgement', async () => {
		const dir = freshDir();
		const walk = startWalk(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect', '--plain']);
		walk.child.stdin.write('2\n2\nack:files\n');
		await walk.waitFor('Confirmed 1 of 3');
		walk.child.kill('SIGKILL');
		await walk.exit;
		expect(events(dir).at(-1)).toMatchObject({type: 'ack', item: 'files'});

		const resumed = await runBinary(['--resume', '--log-dir', dir, '--lang', 'en'], {
			input: 'ack:restore-point\nack:power\nproceed\n1\n',
		});
		expect(resumed.code).toBe(0);
		expect(resumed.stdout).toContain('── Step 3 · backup ──');
		expect(resumed.stdout).toContain('[x] 1.');
		expect(resumed.stdout).toContain('Outcome: Resolved');
		expect(events(dir).filter((event) => event.type === 'start')).toHaveLength(1);

		const exported = await runBinary([
			'export',
			readdirSync(dir)[0]!.replace('.jsonl', ''),
			'--log-dir',
			dir,
			'--format',
			'md',
		]);
		expect(exported.code).toBe(0);
		for (const text of [
			'Print jobs stay stuck in the queue',
			'files',
			'restore-point',
			'power',
			'Outcome',
		])
			expect(exported.stdout).toContain(text);
		expect(exported.stderr).toMatch(/personal data/i);
	});

	it('refuses to resume or replay when the flow changed since, and says how to start over', async () => {
		const dir = freshDir();
		const flow = join(mkdtempSync(join(tmpdir(), 'w365-flow-')), 'flow.yaml');
		copyFileSync(EXAMPLE_FLOW, flow);
		await runBinary(['--flow', flow, '--log-dir', dir, '--no-detect'], {input: '2\n'});
		writeFileSync(flow, `${readFileSync(flow, 'utf8')}\n# edited\n`);
		const resumed = await runBinary(['--resume', '--log-dir', dir]);
		expect(resumed.code).toBe(1);
		expect(resumed.stderr).toMatch(/changed/);
		expect(resumed.stderr).not.toMatch(/^\s+at /m);
		const replayed = await runBinary(['--replay', readdirSync(dir)[0]!, '--log-dir', dir]);
		expect(replayed.code).toBe(1);
	});

	it('--replay walks the same path and stops at a gate with exit 3 instead of confirming it', async () => {
		const dir = freshDir();
		await runBinary([
			'--flow',
			EXAMPLE_FLOW,
			'--log-dir',
			dir,
			'--no-detect',
			'--answers',
			'stuck,still-broken,ack:files,ack:restore-point,ack:power,proceed,printed',
		]);
		const id = readdirSync(dir)[0]!.replace('.jsonl', '');
		const replay = await runBinary(['--replay', id, '--log-dir', dir, '--lang', 'en']);
		expect(replay.code).toBe(3);
		expect(replay.stdout).toContain('── Step 3 · backup ──');
		expect(replay.stdout).toContain('a person must confirm each backup');
		expect(replay.stdout).not.toContain('Step 4 · uninstall');
	});

	it('lists sessions newest first, with where each stopped', async () => {
		const dir = freshDir();
		await runBinary(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect'], {input: '3\n'});
		await runBinary(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect'], {input: '2\n'});
		const listed = await runBinary(['sessions', '--log-dir', dir, '--lang', 'en']);
		expect(listed.code).toBe(0);
		const lines = listed.stdout.trim().split('\n').slice(1);
		expect(lines[0]).toMatch(/Step 2 · spooler\s+interrupted/);
		expect(lines[1]).toMatch(/escalate/);
	});

	it('watch follows a running session live and ends with it', async () => {
		const dir = freshDir();
		const walk = startWalk(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect', '--plain']);
		await walk.waitFor('Step 1 · symptom');
		const watch = startWalk(['watch', '--log-dir', dir, '--lang', 'ja']);
		await watch.waitFor('ステップ 1 · symptom');
		walk.child.stdin.write('2\n');
		await watch.waitFor('ステップ 2 · spooler');
		walk.child.stdin.write('1\n');
		await watch.waitFor('ステップ 3 · fixed');
		expect(await watch.exit).toBe(0);
		expect(await walk.exit).toBe(0);
	});

	it('watch --wait waits for the next session to start, follows it, and ends when its program does', async () => {
		const dir = freshDir();
		const watch = startWalk(['watch', '--wait', '--log-dir', dir, '--lang', 'en']);
		await watch.waitFor('Waiting for the next session of this user to start in');
		const walk = startWalk([
			'--flow',
			EXAMPLE_FLOW,
			'--log-dir',
			dir,
			'--no-detect',
			'--plain',
			'--lang',
			'en',
		]);
		await watch.waitFor('Step 1 · symptom');
		walk.child.stdin.write('2\n');
		await watch.waitFor('Step 2 · spooler');
		walk.child.stdin.write('1\n');
		expect(await walk.exit).toBe(0);
		expect(await watch.exit).toBe(0);
		expect(watch.output()).toContain('The session ended: Resolved.');
	});

	it('export with no session names the newest, in local time with the zone, as plain text for a ticket', async () => {
		const dir = freshDir();
		expect(
			(
				await runBinary(['--flow', EXAMPLE_FLOW, '--lang', 'en', '--log-dir', dir, '--no-detect'], {
					input: '3\n',
				})
			).code,
		).toBe(0);
		const exported = await runBinary(
			['export', '--log-dir', dir, '--format', 'text', '--lang', 'en'],
			{env: {TZ: 'Asia/Tokyo'}},
		);
		expect(exported.code).toBe(0);
		expect(exported.stderr).toMatch(
			/Exporting the newest session, \d{8}-\d{6}-[0-9a-f]+ \(started .* \+09:00\)/,
		);
		expect(exported.stdout).toMatch(/^Summary:\n.*Outcome: Contact the helpdesk\./m);
		expect(exported.stdout).toMatch(/^Started: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00$/m);
		expect(exported.stdout).not.toMatch(/\*\*|`/);
	});

	it('an unfinished quit prints the build it knows and the exact --resume command, which goes on from there', async () => {
		const dir = join(freshDir(), "it's here");
		const quit = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--lang',
				'en',
				'--log-dir',
				dir,
				'--no-detect',
				'--fact',
				'os.product=Windows 11',
				'--fact',
				'os.build=26100.3000',
			],
			{input: '1\nq\n'},
		);
		expect(quit.code).toBe(130);
		expect(quit.stdout).toContain(
			'For the record: Windows 11, build 26100.3000 → install the fixed update or later (26100.4000+).',
		);
		const command = /To continue where you stopped: (w365-triage --resume .*)$/m.exec(
			quit.stdout,
		)?.[1];
		expect(command).toBe(
			`w365-triage --resume ${readdirSync(dir)[0]!.replace('.jsonl', '')} --log-dir '${dir.replace("'", "'\\''")}'`,
		);
		// The printed command, as a POSIX shell reads it, resumes the same session at the same step.
		const args = [...command!.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)]
			.map((match) => (match[1] !== undefined ? match[1].replaceAll("'\\''", "'") : match[2]!))
			.slice(1);
		const resumed = await runBinary([...args, '--lang', 'en'], {input: '1\n'});
		expect(resumed.stdout).toContain('── Step 4 · spooler ──');
		expect(resumed.stdout).toContain('Outcome: Resolved');
		expect(resumed.code).toBe(0);
	});

	it('names the build it knows on the outcome screen', async () => {
		const result = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--lang',
				'en',
				'--log-dir',
				freshDir(),
				'--no-detect',
				'--fact',
				'os.product=Windows 11',
				'--fact',
				'os.build=26100.4100',
			],
			{input: '1\n1\n'},
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/Outcome: Resolved[\s\S]*For the record: Windows 11, build 26100\.4100 → the fix is already installed \(26100\.4000\+\)\./,
		);
		expect(result.stdout).not.toContain('To continue where you stopped');
	});

	it('keeps going when the log directory cannot be written, and says where the log went', async () => {
		const blocker = join(mkdtempSync(join(tmpdir(), 'w365-ro-')), 'file.txt');
		writeFileSync(blocker, 'not a directory');
		const result = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--log-dir',
				join(blocker, 'sessions'),
				'--no-detect',
				'--lang',
				'en',
			],
			{input: '3\n'},
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Outcome: Contact the helpdesk');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/w365-triage-sessions-|off/);
	});

	it('shows the organisation helpdesk from the settings on the outcome', async () => {
		const home = mkdtempSync(join(tmpdir(), 'w365-home-'));
		const config = join(home, 'w365-triage-nodejs');
		const {mkdirSync} = await import('node:fs');
		mkdirSync(config, {recursive: true});
		writeFileSync(
			join(config, 'config.json'),
			JSON.stringify({helpdesk: {name: 'IT Service Desk', phone: '+81 3-0000-0000'}}),
		);
		const result = await runBinary(['--flow', EXAMPLE_FLOW, '--no-detect', '--lang', 'en'], {
			input: '3\n',
			env: {XDG_CONFIG_HOME: home},
		});
		expect(result.stdout).toContain('Helpdesk: IT Service Desk · +81 3-0000-0000');
		writeFileSync(join(config, 'config.json'), '{broken');
		const corrupt = await runBinary(['--flow', EXAMPLE_FLOW, '--no-detect', '--lang', 'en'], {
			input: '3\n',
			env: {XDG_CONFIG_HOME: home},
		});
		expect(corrupt.code).toBe(0);
		expect(corrupt.stderr).toMatch(/config\.json/);
		expect(corrupt.stderr).not.toMatch(/^\s+at /m);
	});
});
