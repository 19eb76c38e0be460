/**
 * Limits the writer and the readers agree on, a follower's memory, signals during a long scripted
 * walk, a refused script that leaves no log, and error texts that say what really happened.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {MAX_LINE_BYTES, MAX_SESSION_BYTES} from '../../source/session/limits.js';
import {MAX_SESSION_BYTES as READER_MAX} from '../../source/session/read-session.js';
import {readSessionFile} from '../../source/session/read-session.js';
import {openSessionLog} from '../../source/session/session-log.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {scratchSpace} from '../helpers/scratch.js';
import {BINARY, runBinary} from '../helpers/run-binary.js';
import {sessionEvents} from '../helpers/session-logs.js';
import {buildSession, EXAMPLE, START_FACTS} from '../session/session-fixtures.js';

const IS_ROOT = process.getuid?.() === 0;
const {scratch, mountTmpfs} = scratchSpace('w365-limits-');
const env = (base: string) => ({XDG_CONFIG_HOME: join(base, 'config')});

describe('limits the writer and the readers share', () => {
	it("the reader's limit is the writer's; an event past it stops logging with a notice, and the log stays readable", () => {
		expect(READER_MAX).toBe(MAX_SESSION_BYTES);
		const dir = join(scratch(), 'logs');
		const notices: string[] = [];
		const log = openSessionLog({
			logDir: dir,
			flow: EXAMPLE.flow,
			flowFile: EXAMPLE.file,
			flowHash: EXAMPLE.hash,
			language: 'en',
			facts: START_FACTS,
			appVersion: '0.1.0',
			onNotice: (line) => notices.push(line),
		});
		log.record({type: 'answer', step: 1, node: 'symptom', answer: 'stuck', next: 'spooler'});
		log.record({
			type: 'fact',
			step: 2,
			node: 'spooler',
			name: 'os.version',
			value: 'x'.repeat(MAX_LINE_BYTES),
			origin: 'corrected',
		});
		log.record({type: 'restart', step: 2, node: 'spooler'});
		const path = join(dir, `${log.id}.jsonl`);
		log.close();
		expect(notices).toEqual([
			expect.stringMatching(
				/^The session log could not be written anywhere \(the log reached its size limit .*\); logging is off for this session\.$/,
			),
		]);
		expect(readSessionFile(path).events.map((event) => event.type)).toEqual(['start', 'answer']);
	});

	it('watch skips a line that never ends instead of holding it: bounded memory, and it goes on with the next event', async () => {
		const base = scratch();
		const dir = join(base, 'logs');
		mkdirSync(dir, {mode: 0o700});
		const {events} = buildSession((t, state) => t.answer(state, 'stuck'), {file: EXAMPLE_FLOW});
		const file = join(dir, '20260120-091500-ab12.jsonl');
		writeFileSync(file, `${JSON.stringify(events[0])}\n`, {mode: 0o600});
		const child = spawn(process.execPath, [BINARY, 'watch', file, '--lang', 'en'], {
			env: {...process.env, NO_COLOR: '1', ...env(base)},
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		const waitFor = async (text: string) => {
			const deadline = Date.now() + 15_000;
			while (!output.includes(text)) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		};
		try {
			await waitFor('symptom');
			// 48 MB without a newline, written while it watches (more than the reader would ever read).
			const chunk = 'x'.repeat(1024 * 1024);
			for (let index = 0; index < 48; index++) {
				appendFile(file, chunk);
				if (index % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 100));
			}
			appendFile(file, `\n${JSON.stringify(events[1])}\n`);
			await waitFor('line 2 is not a valid event');
			await waitFor('spooler');
			const peak = Number(
				/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1],
			);
			expect(peak).toBeLessThan(160 * 1024);
		} finally {
			child.kill('SIGKILL');
		}
	}, 60_000);
});

/** The private directory a notice says the log went to (the test's to clean up). */
function removeFallback(stderr: string): void {
	const moved = /logged to (\S+\.jsonl) instead/.exec(stderr)?.[1];
	if (moved) rmSync(join(moved, '..'), {recursive: true, force: true});
}

function appendFile(file: string, text: string): void {
	writeFileSync(file, text, {flag: 'a'});
}

describe('exits', () => {
	it('a script refused on a usage error (exit 2) leaves no session for --resume', async () => {
		const base = scratch();
		const dir = join(base, 'logs');
		const result = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--no-detect',
				'--plain',
				'--lang',
				'en',
				'--log-dir',
				dir,
				'--answers',
				'1,zzz',
			],
			{env: env(base)},
		);
		expect(result.code).toBe(2);
		expect(result.stdout).not.toContain('Session log:');
		expect(readdirSync(dir).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
		const resume = await runBinary(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], {
			input: '1\n',
			env: env(base),
		});
		expect(resume.code).toBe(1);
		expect(resume.stderr).toContain('there is no unfinished session to resume');
	});

	it('a resumed session is never removed by a refused script: it stays as it was', async () => {
		const base = scratch();
		const dir = join(base, 'logs');
		await runBinary(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--plain', '--lang', 'en', '--log-dir', dir],
			{input: '2\n', env: env(base)},
		);
		const [name] = readdirSync(dir);
		const result = await runBinary(
			['--resume', '--log-dir', dir, '--plain', '--lang', 'en', '--answers', 'zzz'],
			{env: env(base)},
		);
		expect(result.code).toBe(2);
		expect(sessionEvents(join(dir, name!)).map((event) => event.type)).toEqual([
			'start',
			'answer',
			'interrupted',
		]);
	});

	it('SIGTERM during a long scripted walk is honoured at once and logged', async () => {
		const base = scratch();
		const dir = join(base, 'logs');
		const answers = Array.from({length: 20_000}, (_, index) => (index % 2 === 0 ? '2' : 'b')).join(
			',',
		);
		const child = spawn(
			process.execPath,
			[
				BINARY,
				'--flow',
				EXAMPLE_FLOW,
				'--no-detect',
				'--plain',
				'--lang',
				'en',
				'--log-dir',
				dir,
				'--answers',
				answers,
			],
			{
				env: {...process.env, ...env(base)},
				stdio: ['ignore', 'ignore', 'pipe'],
			},
		);
		const exit = new Promise<number | null>((resolve) =>
			child.on('close', (code) => resolve(code)),
		);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const sent = Date.now();
		child.kill('SIGTERM');
		expect(await exit).toBe(130);
		expect(Date.now() - sent).toBeLessThan(2000);
		const [name] = readdirSync(dir);
		expect(sessionEvents(join(dir, name!)).at(-1)).toMatchObject({
			type: 'interrupted',
			reason: 'SIGTERM',
		});
	}, 30_000);
});

describe.skipIf(!IS_ROOT)('error texts say what happened (mounting needs root)', () => {
	it('a log directory on a read-only file system says EROFS, not ENOENT; a file as the log directory says so', async () => {
		const base = scratch();
		const mount = join(base, 'ro');
		mountTmpfs(mount, 'size=64k,ro');
		const readOnly = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--no-detect',
				'--plain',
				'--lang',
				'en',
				'--log-dir',
				join(mount, 'a', 'b'),
			],
			{input: '3\n', env: env(base)},
		);
		expect(readOnly.code).toBe(0);
		expect(readOnly.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(
				/^The session log could not be written \(EROFS: read-only file system\); this session is logged to \S+ instead\.$/,
			),
		]);
		removeFallback(readOnly.stderr);

		const file = join(base, 'not-a-dir');
		writeFileSync(file, '');
		const asFile = await runBinary(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--plain', '--lang', 'en', '--log-dir', file],
			{input: '3\n', env: env(base)},
		);
		expect(asFile.stderr.trim().split('\n')).toEqual([
			expect.stringContaining(`(ENOTDIR: ${file} is a file, not a directory)`),
		]);
		removeFallback(asFile.stderr);
		expect(existsSync(file)).toBe(true);
	});
});
