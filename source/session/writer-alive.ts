/**
 * Whether the program that last wrote a session is still running: tells "in progress" from
 * "unfinished" (killed, crashed, power lost), and keeps two programs from appending to one log.
 * A process id can be reused after a reboot, so this can err towards "in progress"; the log on
 * its own cannot do better, and `--resume SESSION` with force can override it.
 */
import type {SessionEvent} from './events.js';

export function writerAlive(
	events: readonly SessionEvent[],
	isAlive: (pid: number) => boolean = processAlive,
): boolean {
	const pid = lastPid(events);
	if (pid === undefined || pid === process.pid) return false;
	const last = events.at(-1);
	if (last?.type === 'outcome' || last?.type === 'interrupted') return false;
	return isAlive(pid);
}

export function processAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The process that wrote the latest event that names one. */
export function lastPid(events: readonly SessionEvent[]): number | undefined {
	for (let index = events.length - 1; index >= 0; index--) {
		const pid = events[index]!.pid;
		if (pid !== undefined) return pid;
	}
	return undefined;
}
