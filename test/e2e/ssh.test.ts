/**
 * Over a real SSH link: a throwaway sshd on 127.0.0.1 (test/helpers/sshd.ts), `ssh -tt` inside
 * tmux, the terminal UI on the far side. A walk to an outcome, a resize mid-flow, and a dropped
 * link: the ssh client is killed, so the far side's terminal hangs up and the app gets SIGHUP, as
 * when a laptop lid closes or Wi-Fi drops. The session must be logged as interrupted, nothing may
 * be left running, and --resume over a new SSH session must go on from the same step.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {readSessionFile} from '../../source/session/read-session.js';
import {commandLine, descendants, isRunning, waitUntilGone} from '../helpers/processes.js';
import {type Sshd, sshUnavailable, startSshd} from '../helpers/sshd.js';
import {shellQuote, startShellTerminal, type Terminal} from '../helpers/tmux.js';

const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';

const scratch = mkdtempSync(join(tmpdir(), 'w365-ssh-test-'));
let sshd: Sshd | undefined;
let terminal: Terminal | undefined;

beforeAll(async () => {
	// CI installs OpenSSH (.ci/run); a machine without it cannot run this test at all, and says why.
	const missing = sshUnavailable();
	if (missing) throw new Error(`the SSH test needs OpenSSH: ${missing}`);
	sshd = await startSshd();
}, 30_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

afterAll(async () => {
	await sshd?.stop();
	rmSync(scratch, {recursive: true, force: true});
});

/** The command the far side runs: the checkout's binary, by absolute paths, with its own env. */
function remote(args: string[], extra = ''): string {
	const env = ['LANG=en_US.UTF-8', 'LC_ALL=', `XDG_CONFIG_HOME=${join(scratch, 'config')}`]
		.map(shellQuote)
		.join(' ');
	return `cd ${shellQuote(CHECKOUT)} && env ${env} ${shellQuote(process.execPath)} bin/w365-triage.cjs ${args.map(shellQuote).join(' ')}${extra}`;
}

function overSsh(
	remoteCommand: string,
	size = {columns: 80, rows: 24},
	pidFile?: string,
): Terminal {
	const ssh = sshd!.sshCommand(remoteCommand);
	// `exec` keeps the pid written the ssh client's own, so the test can kill exactly it.
	const line = pidFile
		? `sh -c ${shellQuote(`echo $$ > ${shellQuote(pidFile)}; exec ${ssh}`)}`
		: ssh;
	return startShellTerminal(line, size);
}

const sessionFile = (dir: string) =>
	join(dir, readdirSync(dir).find((name) => name.endsWith('.jsonl'))!);
const lastEvent = (file: string) =>
	JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const count = (screen: string, text: string) => screen.split(text).length - 1;

describe('over SSH (sshd on 127.0.0.1, ssh -tt in tmux)', () => {
	it('walks the example flow to an outcome, re-laying out when the window is resized mid-flow', async () => {
		const logDir = join(scratch, 'walk');
		terminal = overSsh(remote(['--flow', 'flows/example.yaml', '--log-dir', logDir]));
		await terminal.waitFor('Step 1 · symptom', 15_000);
		terminal.keys('2');
		const wide = await terminal.waitFor('Step 2 · spooler');
		expect(wide.split('\n')).toContain('Restart-Service -Name Spooler -Force');

		// ssh forwards the new size (window-change); the app redraws for 40 columns.
		terminal.resize(40, 20);
		const narrow = await terminal.waitFor(/Run one of these commands as an\n/);
		expect(count(narrow, 'Step 2 · spooler'), narrow).toBe(1);
		expect(narrow.split('\n')[1]).toMatch(/^Step 2 · spooler · /);
		for (const line of terminal.joinedScreen().split('\n'))
			expect(stringWidth(line), line).toBeLessThanOrEqual(40);
		// A command is never wrapped (it is cut with a note that p prints it whole).
		expect(narrow).not.toMatch(/^Spooler -Force$/m);

		terminal.resize(100, 30);
		const again = await terminal.waitFor(
			'Run one of these commands as an administrator, then print a test page.',
		);
		expect(count(again, 'Step 2 · spooler'), again).toBe(1);
		for (const line of terminal.joinedScreen().split('\n'))
			expect(stringWidth(line), line).toBeLessThanOrEqual(100);

		terminal.keys('1');
		await terminal.waitFor('Outcome: Resolved');
		terminal.keys('q');
		const {exitCode} = await terminal.afterExit();
		expect(exitCode).toBe(0); // ssh passes on the far side's exit code
		const raw = terminal.raw();
		expect(raw.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(raw.lastIndexOf(HIDE_CURSOR));
		const session = readSessionFile(sessionFile(logDir));
		expect(session.warnings).toEqual([]);
		expect(session.events.map((event) => event.type).filter((type) => type !== 'fact')).toEqual([
			'start',
			'answer',
			'answer',
			'outcome',
		]);
	}, 40_000);

	it('a dropped link (the ssh client killed) gives the far side SIGHUP: logged, nothing left running, --resume goes on', async () => {
		const logDir = join(scratch, 'drop');
		const pidFile = join(scratch, 'ssh.pid');
		const stderrFile = join(scratch, 'remote-stderr.txt');
		// The far side's stderr goes to a file: after the link drops, it must hold no crash.
		terminal = overSsh(
			remote(
				['--flow', 'flows/example.yaml', '--log-dir', logDir],
				` 2> ${shellQuote(stderrFile)}`,
			),
			{columns: 80, rows: 24},
			pidFile,
		);
		await terminal.waitFor('Step 1 · symptom', 15_000);
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		const file = sessionFile(logDir);
		const appPid = (JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {pid: number}).pid;
		expect(isRunning(appPid)).toBe(true);
		expect(commandLine(appPid)).toContain('w365-triage');

		const sshPid = Number(readFileSync(pidFile, 'utf8').trim());
		expect(commandLine(sshPid)).toMatch(/^ssh /);
		process.kill(sshPid, 'SIGKILL');

		const last = await until('the interrupted event', () => {
			const event = lastEvent(file);
			return event.type === 'interrupted' ? event : undefined;
		});
		expect(last).toMatchObject({
			type: 'interrupted',
			reason: 'SIGHUP',
			step: 2,
			node: 'spooler',
			pid: appPid,
		});
		expect(await waitUntilGone(appPid, 5000)).toBe(true);
		// Nothing else of that connection is left either (sshd's session process, the shell).
		const left = await until(
			'the connection to close',
			() => {
				const running = descendants(sshd!.pid).filter(isRunning);
				return running.length === 0 ? running : undefined;
			},
			5000,
		).catch(() => descendants(sshd!.pid).map((pid) => `${pid} ${commandLine(pid)}`));
		expect(left).toEqual([]);
		expect(readFileSync(stderrFile, 'utf8')).toBe('');
		terminal.close();

		terminal = overSsh(remote(['--resume', '--log-dir', logDir]));
		await terminal.waitFor('Step 2 · spooler', 15_000);
		terminal.keys('1');
		await terminal.waitFor('Outcome: Resolved');
		// The path may go to a line of its own (it is never split), so look for it without the label.
		expect(terminal.screen()).toContain('Session log:');
		expect(terminal.screen().replace(/\s+/g, ' ')).toContain(file);
		terminal.keys('q');
		expect((await terminal.afterExit()).exitCode).toBe(0);
		const session = readSessionFile(file);
		expect(session.warnings).toEqual([]);
		expect(session.events.map((event) => event.type).filter((type) => type !== 'fact')).toEqual([
			'start',
			'answer',
			'interrupted',
			'answer',
			'outcome',
		]);
	}, 60_000);
});
