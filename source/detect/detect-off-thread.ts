/**
 * Detection off the main thread, so it never blocks input. On Windows, systeminformation's
 * osInfo() starts several PowerShell commands the app cannot reach and runs `chcp` through
 * execSync, which stops the event loop of the thread it runs on for as long as it takes. Here it
 * runs in a worker thread with one time limit over everything: when the limit passes (or the user
 * quits), every process the worker started and has not seen exit is killed, and the worker is
 * terminated; the walk goes on with what it has (nothing), one line saying so.
 *
 * Elsewhere (an admin's Linux or macOS box) detection spawns nothing and runs in-thread.
 */
import {Worker} from 'node:worker_threads';
import {DEFAULT_TIMEOUTS, type Detection, detectFacts} from './detect-facts.js';
import {CANCELLED, NOT_READ} from './detection-words.js';
import {DETECT_WORKER_SOURCE} from './detect-worker-source.js';
import type {WorkerInput} from './detect-worker.js';
import {type ChildProcessEvent, formatDuration} from './run-probe.js';

/** Above every probe's own limit: reached only when the worker itself is stuck. */
export const DETECTION_LIMIT_MS = Math.max(...Object.values(DEFAULT_TIMEOUTS)) + 2000;

/**
 * Milliseconds the worker blocks its thread before detecting: a stand-in for a stuck probe, with
 * which tests measure that the screen still answers (on any platform: it forces the worker).
 */
export const STAND_IN_VARIABLE = 'W365_TRIAGE_DETECT_STAND_IN_MS';

type Message = ChildProcessEvent | {type: 'done'; detection: Detection};

export type OffThreadOptions = {
	signal?: AbortSignal;
	limitMs?: number;
	env?: NodeJS.ProcessEnv;
	platform?: NodeJS.Platform;
	/** The worker's script (tests); default: the bundled detect-worker.ts. */
	workerSource?: string;
};

export function detectOffThread(options: OffThreadOptions = {}): Promise<Detection> {
	const {
		signal,
		limitMs = DETECTION_LIMIT_MS,
		env = process.env,
		platform = process.platform,
		workerSource = DETECT_WORKER_SOURCE,
	} = options;
	const standInMs = Number(env[STAND_IN_VARIABLE]) || 0;
	if ((platform !== 'win32' && standInMs <= 0) || workerSource === undefined)
		return detectFacts({signal});
	const source = workerSource;
	if (signal?.aborted) return Promise.resolve({facts: {}, problems: [CANCELLED]});

	return new Promise((resolve) => {
		const input: WorkerInput = {standInMs};
		let worker: Worker;
		try {
			worker = new Worker(source, {eval: true, workerData: input, stdout: true, stderr: true});
		} catch (error) {
			resolve({
				facts: {},
				problems: [
					`detection failed: its thread could not start (${(error as Error).message.split(/\r?\n/)[0]!.slice(0, 160)}): ${NOT_READ}`,
				],
			});
			return;
		}
		const running = new Set<number>();
		let settled = false;
		// Also after a result: what is still running then is a probe past its own limit.
		const finish = (detection: Detection) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			for (const pid of running) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// it exited meanwhile
				}
			}
			// A thread stuck in a synchronous call cannot be stopped; it must not hold the exit.
			worker.unref();
			void worker.terminate();
			resolve(detection);
		};
		const onAbort = () => finish({facts: {}, problems: [CANCELLED]});
		const timer = setTimeout(
			() =>
				finish({
					facts: {},
					problems: [
						`detection did not finish within ${formatDuration(limitMs)} and was stopped: ${NOT_READ}`,
					],
				}),
			limitMs,
		);
		signal?.addEventListener('abort', onAbort, {once: true});
		worker.on('message', (message: Message) => {
			if (message.type === 'started') running.add(message.pid);
			else if (message.type === 'exited') running.delete(message.pid);
			else if (message.type === 'done') finish(message.detection);
		});
		worker.on('error', (error) =>
			finish({
				facts: {},
				problems: [`detection failed: ${error.message.split(/\r?\n/)[0]!.slice(0, 160)}`],
			}),
		);
		worker.on('exit', () =>
			finish({facts: {}, problems: [`detection failed: it ended without a result: ${NOT_READ}`]}),
		);
	});
}
