/**
 * The one module that starts child processes (a test checks that nothing else in source/ imports
 * child_process). It runs a fixed, read-only probe — program and arguments are constants in
 * windows-probes.ts, never text from a flow or from the user — without a shell, with a hidden
 * window, a time limit and a size limit, and it never throws: every failure becomes one line
 * that says what was not read.
 */
import childProcesses from 'node:child_process';
import {spawn} from 'node:child_process';

export type Probe = {
	/** How people know the probe, e.g. "reg query", "Get-HotFix"; also the fact's `via`. */
	readonly name: string;
	/** The program as people know it, for "… is not available", e.g. "reg.exe", "PowerShell". */
	readonly program: string;
	/** An absolute path, so a file named like the program in the current directory is never run. */
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd?: string;
	/** What is missing when the probe fails, e.g. "installed updates were not read". */
	readonly consequence: string;
};

export type ProbeFailure = 'missing' | 'timeout' | 'failed' | 'too-large' | 'cancelled';

export type ProbeResult =
	| {ok: true; stdout: string}
	| {ok: false; reason: ProbeFailure; problem: string};

export type ProbeOptions = {timeoutMs: number; signal?: AbortSignal};

export type ProbeRunner = (probe: Probe, options: ProbeOptions) => Promise<ProbeResult>;

/** Far above what `reg query` or Get-HotFix print; a probe printing more is not what we think. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
/** After a kill, how long to wait for the exit before giving up on it (never hold up quitting). */
const EXIT_GRACE_MS = 2000;

export function formatDuration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** Only plain ASCII from stderr: a localized Windows writes its code page, which would show as mojibake. */
function printableDetail(stderr: string): string {
	const line = stderr
		.split(/\r?\n/)
		.map((text) => text.trim())
		.find(Boolean);
	return line && /^[\x20-\x7e]{1,160}$/.test(line) ? `: ${line}` : '';
}

export const runProbe: ProbeRunner = (probe, {timeoutMs, signal}) =>
	new Promise((resolve) => {
		const fail = (reason: ProbeFailure, what: string): ProbeResult => ({
			ok: false,
			reason,
			problem: `${what}: ${probe.consequence}`,
		});
		if (signal?.aborted) {
			resolve(fail('cancelled', `${probe.name} was cancelled`));
			return;
		}

		let child: ReturnType<typeof spawn>;
		try {
			child = spawn(probe.file, [...probe.args], {
				cwd: probe.cwd,
				shell: false,
				windowsHide: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch {
			// spawn throws synchronously only for bad arguments (e.g. a cwd that is not a string).
			resolve(fail('missing', `${probe.program} is not available`));
			return;
		}

		const stdout: Buffer[] = [];
		let stdoutBytes = 0;
		let stderr = '';
		let settled: ProbeResult | undefined;
		let killTimer: NodeJS.Timeout | undefined;

		const finish = (result: ProbeResult) => {
			if (settled) return;
			settled = result;
			clearTimeout(timer);
			clearTimeout(killTimer);
			signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};
		// Kill, then report once the process has really exited, so nothing is left running;
		// 'exit' (not 'close') because a grandchild could hold the pipes open.
		let pending: ProbeResult | undefined;
		const stop = (result: ProbeResult) => {
			if (settled || pending) return;
			pending = result;
			clearTimeout(timer);
			child.kill('SIGKILL');
			if (child.exitCode !== null || child.signalCode !== null) finish(result);
			else killTimer = setTimeout(() => finish(result), EXIT_GRACE_MS);
		};
		const onAbort = () => stop(fail('cancelled', `${probe.name} was cancelled`));
		const timer = setTimeout(
			() => stop(fail('timeout', `${probe.name} timed out after ${formatDuration(timeoutMs)}`)),
			timeoutMs,
		);
		signal?.addEventListener('abort', onAbort, {once: true});

		child.stdout?.on('data', (chunk: Buffer) => {
			stdoutBytes += chunk.length;
			if (stdoutBytes > MAX_OUTPUT_BYTES) {
				stop(
					fail('too-large', `${probe.name} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB`),
				);
				return;
			}
			stdout.push(chunk);
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			if (stderr.length < 4096) stderr += chunk.toString('utf8');
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			if (pending) return finish(pending);
			const missing =
				error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'ENOTDIR';
			finish(
				missing
					? fail('missing', `${probe.program} is not available`)
					: fail('failed', `${probe.name} could not start (${error.code ?? 'error'})`),
			);
		});
		child.on('exit', (code, exitSignal) => {
			if (pending) return finish(pending);
			// Wait for the pipes to drain before reading the output.
			child.once('close', () => {
				if (code === 0) finish({ok: true, stdout: Buffer.concat(stdout).toString('utf8')});
				else
					finish(
						fail(
							'failed',
							`${probe.name} failed (${code === null ? `signal ${exitSignal}` : `exit code ${code}`}${printableDetail(stderr)})`,
						),
					);
			});
		});
	});

export type ChildProcessEvent = {type: 'started' | 'exited'; pid: number};

/**
 * In the detection worker (detect-off-thread.ts): reports every process started from that thread,
 * systeminformation's PowerShell commands included, and its exit, so that the main thread can kill
 * what is still running when detection is stopped. Call it before systeminformation loads: the
 * library keeps its own references to these functions.
 */
export function reportChildProcesses(report: (event: ChildProcessEvent) => void): void {
	const exports = childProcesses as unknown as Record<
		string,
		(...args: unknown[]) => ReturnType<typeof spawn>
	>;
	for (const name of ['spawn', 'execFile', 'exec']) {
		const original = exports[name]!;
		exports[name] = function (this: unknown, ...args: unknown[]) {
			const child = original.apply(this, args);
			const {pid} = child;
			if (pid !== undefined) {
				report({type: 'started', pid});
				child.once('exit', () => report({type: 'exited', pid}));
			}
			return child;
		};
	}
}
