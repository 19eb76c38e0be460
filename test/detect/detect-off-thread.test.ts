/**
 * The detection worker's time limit and cancellation, with stand-in workers that misbehave the
 * ways a Windows probe can: a child process that never ends, a thread that never yields, a crash.
 * (The real worker, bundled, is measured on Windows under Wine: test/windows.)
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {CANCELLED} from '../../source/detect/detection-words.js';
import {detectOffThread} from '../../source/detect/detect-off-thread.js';

const windows = {platform: 'win32' as const, env: {}};

/** A worker that starts `sleep 60` and reports it as the real one does (and to the test, in a file), then hangs. */
const hangingChild = (pidFile: string) => `
const {parentPort} = require('node:worker_threads');
const child = require('node:child_process').spawn('sleep', ['60'], {stdio: 'ignore'});
require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
parentPort.postMessage({type: 'started', pid: child.pid});
`;

/** Running, not just a zombie left for a parent that is gone (the terminated worker's loop). */
const alive = (pid: number) => {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
};

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'w365-worker-'));
});
afterEach(() => {
	const file = join(dir, 'pid');
	if (existsSync(file)) {
		const pid = Number(readFileSync(file, 'utf8'));
		if (alive(pid)) process.kill(pid, 'SIGKILL');
	}
	rmSync(dir, {recursive: true, force: true});
});

/** The child the worker started, once it is gone (or after 1 s): whether it is still alive. */
async function childStillAlive(): Promise<boolean> {
	const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
	for (let tries = 0; tries < 50 && alive(pid); tries++)
		await new Promise((resolve) => setTimeout(resolve, 20));
	return alive(pid);
}

describe.skipIf(process.platform !== 'linux')('detection off the main thread', () => {
	it('at the time limit: kills the processes the worker started, stops it, and says so in one line', async () => {
		const started = performance.now();
		const result = await detectOffThread({
			...windows,
			workerSource: hangingChild(join(dir, 'pid')),
			limitMs: 500,
		});
		expect(performance.now() - started).toBeLessThan(2000);
		expect(result).toEqual({
			facts: {},
			problems: [
				'detection did not finish within 500 ms and was stopped: the Windows version, build and updates were not read',
			],
		});
		expect(await childStillAlive()).toBe(false);
	});

	it('stops a worker whose thread never yields, and the caller is answered on time', async () => {
		const started = performance.now();
		const result = await detectOffThread({...windows, workerSource: 'for (;;) {}', limitMs: 300});
		expect(performance.now() - started).toBeLessThan(1500);
		expect(result.problems).toEqual([
			'detection did not finish within 300 ms and was stopped: the Windows version, build and updates were not read',
		]);
	});

	it('on quit (abort): kills and resolves at once as cancelled', async () => {
		const controller = new AbortController();
		const pending = detectOffThread({
			...windows,
			workerSource: hangingChild(join(dir, 'pid')),
			signal: controller.signal,
		});
		while (!existsSync(join(dir, 'pid'))) await new Promise((resolve) => setTimeout(resolve, 20));
		await new Promise((resolve) => setTimeout(resolve, 50)); // its message on the way
		const aborted = performance.now();
		controller.abort();
		expect(await pending).toEqual({facts: {}, problems: [CANCELLED]});
		expect(performance.now() - aborted).toBeLessThan(100);
		expect(await childStillAlive()).toBe(false);
	});

	it('passes the worker result through, and turns a crash into one line', async () => {
		const done = `require('node:worker_threads').parentPort.postMessage({type: 'done', detection: {facts: {'os.build': {value: '26100.7623', origin: 'detected', via: 'reg query'}}, problems: []}});`;
		expect(await detectOffThread({...windows, workerSource: done})).toEqual({
			facts: {'os.build': {value: '26100.7623', origin: 'detected', via: 'reg query'}},
			problems: [],
		});
		const crash = await detectOffThread({
			...windows,
			workerSource: `throw new Error('WMI is broken\\nat somewhere')`,
		});
		expect(crash.problems).toEqual(['detection failed: WMI is broken']);
	});

	it('elsewhere (not Windows, no stand-in) detects in-thread and starts no worker', async () => {
		const result = await detectOffThread({
			platform: 'linux',
			env: {},
			workerSource: 'throw new Error("must not run")',
		});
		expect(result.problems).toEqual([]);
		expect(result.facts['app.role']?.value).toBe('admin-box');
	});
});
