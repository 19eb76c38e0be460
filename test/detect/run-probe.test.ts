/** The probe runner with real child processes: Node itself stands in for reg.exe and PowerShell. */
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {formatDuration, type Probe, runProbe} from '../../source/detect/run-probe.js';

const node = (script: string, ...args: string[]): Probe => ({
	name: 'test probe',
	program: 'Node',
	file: process.execPath,
	args: ['-e', script, ...args],
	consequence: 'nothing was read',
});

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

/** A probe that writes its pid to a file, then hangs for a minute. */
function hangingProbe() {
	const folder = mkdtempSync(join(tmpdir(), 'w365-probe-'));
	folders.push(folder);
	const pidFile = join(folder, 'pid');
	const probe = node(
		"require('fs').writeFileSync(process.argv[1], String(process.pid)); setTimeout(() => {}, 60000)",
		pidFile,
	);
	return {
		probe,
		started: () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '',
		pid: () => Number(readFileSync(pidFile, 'utf8')),
	};
}

/** This process's children, from /proc (Linux only; elsewhere the pid check has to do). */
function children(): number[] {
	if (process.platform !== 'linux') return [];
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (comm) state ppid …": comm may hold spaces, so read after the last ")".
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid)
				pids.push(Number(entry));
		} catch {
			// The process ended while we looked.
		}
	}
	return pids;
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitFor(condition: () => boolean) {
	for (let tries = 0; tries < 500 && !condition(); tries++)
		await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('runProbe', () => {
	it('returns what the probe printed', async () => {
		expect(
			await runProbe(node("process.stdout.write('UBR    REG_DWORD    0x1dc7\\r\\n')"), {
				timeoutMs: 5000,
			}),
		).toEqual({
			ok: true,
			stdout: 'UBR    REG_DWORD    0x1dc7\r\n',
		});
	});

	it('cuts off a probe that hangs at its timeout, and leaves no process behind', async () => {
		const {probe, started: ran, pid} = hangingProbe();
		expect(children()).toEqual([]);
		const started = Date.now();
		const result = await runProbe(probe, {timeoutMs: 200});
		const elapsed = Date.now() - started;
		expect(result).toEqual({
			ok: false,
			reason: 'timeout',
			problem: 'test probe timed out after 200 ms: nothing was read',
		});
		expect(elapsed).toBeGreaterThanOrEqual(190);
		expect(elapsed).toBeLessThan(1500);
		// Gone by the time runProbe returns: not merely signalled, but exited and reaped.
		expect(children()).toEqual([]);
		// On a loaded machine Node may not have reached the pid line within 200 ms.
		if (ran()) expect(isRunning(pid())).toBe(false);
	});

	it('stops a probe at once when cancelled, and leaves no process behind', async () => {
		const {probe, started: ran, pid} = hangingProbe();
		const controller = new AbortController();
		const pending = runProbe(probe, {timeoutMs: 60_000, signal: controller.signal});
		await waitFor(ran);
		expect(ran()).toBe(true);
		if (process.platform === 'linux') expect(children()).toEqual([pid()]);
		const started = Date.now();
		controller.abort();
		const result = await pending;
		expect(Date.now() - started).toBeLessThan(1000);
		expect(result).toEqual({
			ok: false,
			reason: 'cancelled',
			problem: 'test probe was cancelled: nothing was read',
		});
		expect(isRunning(pid())).toBe(false);
		expect(children()).toEqual([]);
	});

	it('starts nothing when already cancelled', async () => {
		const result = await runProbe(node('process.exit(0)'), {
			timeoutMs: 1000,
			signal: AbortSignal.abort(),
		});
		expect(result).toMatchObject({ok: false, reason: 'cancelled'});
	});

	it('names a missing program in one line', async () => {
		const probe: Probe = {
			name: 'Get-HotFix',
			program: 'PowerShell',
			file: join(tmpdir(), 'no-such-folder', 'powershell.exe'),
			args: [],
			consequence: 'installed updates were not read',
		};
		expect(await runProbe(probe, {timeoutMs: 1000})).toEqual({
			ok: false,
			reason: 'missing',
			problem: 'PowerShell is not available: installed updates were not read',
		});
	});

	it('reports a failing probe with its exit code and a readable first line of stderr', async () => {
		const result = await runProbe(
			node("process.stderr.write('ERROR: Access is denied.\\r\\nmore\\r\\n'); process.exit(1)"),
			{timeoutMs: 5000},
		);
		expect(result).toEqual({
			ok: false,
			reason: 'failed',
			problem: 'test probe failed (exit code 1: ERROR: Access is denied.): nothing was read',
		});
	});

	it('leaves out stderr that is not plain text (a localized code page)', async () => {
		const result = await runProbe(
			node(
				'process.stderr.write(Buffer.from([0x83, 0x47, 0x83, 0x89, 0x81, 0x5b])); process.exit(1)',
			),
			{timeoutMs: 5000},
		);
		expect(result).toEqual({
			ok: false,
			reason: 'failed',
			problem: 'test probe failed (exit code 1): nothing was read',
		});
	});

	it('passes arguments as they are, with no shell to interpret them', async () => {
		const result = await runProbe(
			node(
				'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
				'a & echo b',
				'$(id)',
				'"quoted"',
			),
			{timeoutMs: 5000},
		);
		expect(result).toEqual({ok: true, stdout: JSON.stringify(['a & echo b', '$(id)', '"quoted"'])});
	});

	it('stops a probe that prints far more than any probe should', async () => {
		const result = await runProbe(
			node('const b = Buffer.alloc(1 << 20, 65); (function w() { process.stdout.write(b, w); })()'),
			{timeoutMs: 10_000},
		);
		expect(result).toMatchObject({ok: false, reason: 'too-large'});
	});
});

describe('formatDuration', () => {
	it('says ms below a second, s from there', () => {
		expect(formatDuration(200)).toBe('200 ms');
		expect(formatDuration(3000)).toBe('3 s');
		expect(formatDuration(2500)).toBe('2.5 s');
	});
});
