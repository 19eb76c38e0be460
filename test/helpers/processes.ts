/** Looking at processes through /proc (Linux), for tests that must prove nothing was left behind. */
import {readdirSync, readFileSync} from 'node:fs';

type ProcStat = {pid: number; ppid: number; state: string};

function stat(pid: number): ProcStat | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return {pid, state: fields[0]!, ppid: Number(fields[1])};
	} catch {
		return undefined;
	}
}

/** Running (or stopped), not gone and not a zombie waiting to be reaped: a zombie runs no code. */
export function isRunning(pid: number): boolean {
	const found = stat(pid);
	return found !== undefined && found.state !== 'Z' && found.state !== 'X';
}

/** The command line of a process, '' when it is gone. */
export function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

/** Every process below `root` (children, their children, …), found through parent ids. */
export function descendants(root: number): number[] {
	const all = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((name) => stat(Number(name)))
		.filter((found): found is ProcStat => found !== undefined);
	const found: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const parent = queue.shift()!;
		for (const child of all.filter((candidate) => candidate.ppid === parent)) {
			found.push(child.pid);
			queue.push(child.pid);
		}
	}
	return found;
}

/** Waits until `pid` no longer runs; false if it still does after `timeoutMs`. */
export async function waitUntilGone(pid: number, timeoutMs = 5000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (isRunning(pid)) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
	try {
		process.kill(pid, signal);
	} catch {
		// already gone
	}
}
