/** Runs the built binary as a user would, with stdin from a pipe, and collects what it prints. */
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const BINARY = fileURLToPath(new URL('../../bin/w365-triage.cjs', import.meta.url));

export type RunResult = {
	code: number | null;
	stdout: string;
	stderr: string /** killed at timeoutMs */;
	timedOut?: boolean;
};

export function runBinary(
	args: string[],
	{
		input = '',
		env = {},
		timeoutMs,
		cwd,
	}: {
		input?: string;
		env?: NodeJS.ProcessEnv /** kill it (SIGKILL) after this long: a hang fails instead of stalling the run */;
		timeoutMs?: number;
		cwd?: string;
	} = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BINARY, ...args], {
			env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NO_COLOR: '1', ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
			...(cwd ? {cwd} : {}),
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const timer =
			timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						timedOut = true;
						child.kill('SIGKILL');
					}, timeoutMs);
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, ...(timedOut ? {timedOut} : {})});
		});
		child.stdin.end(input);
	});
}
