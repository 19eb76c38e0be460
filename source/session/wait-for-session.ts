/**
 * `watch --wait`: support staff start watching before the user starts the triage. Waits for a
 * session file that was not in the log directory when waiting began, owned by the user running
 * the watch (a shared log directory holds other people's sessions, and a neighbour could plant a
 * file there to be watched instead), and returns its path.
 */
import {lstatSync} from 'node:fs';
import {sessionFiles} from './read-session.js';

export type WaitOptions = {
	signal?: AbortSignal;
	pollMs?: number;
	/** Whose sessions count (default: this process's user, where the platform has one). */
	uid?: number;
};

/** The new session's path, or undefined when `signal` stopped the wait. */
export function waitForNewSession(
	logDir: string,
	{signal, pollMs = 250, uid = process.getuid?.()}: WaitOptions = {},
): Promise<string | undefined> {
	// Files already there are not the next session; neither is one that belongs to someone else.
	const seen = new Set(sessionFiles(logDir));
	return new Promise((resolve, reject) => {
		const stop = (result: string | undefined) => {
			clearInterval(timer);
			signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};
		const onAbort = () => stop(undefined);
		const check = () => {
			let files: string[];
			try {
				files = sessionFiles(logDir);
			} catch (error) {
				clearInterval(timer);
				signal?.removeEventListener('abort', onAbort);
				reject(error);
				return;
			}
			// Oldest first: if two start in one interval, the first one is the next session.
			for (const file of files.reverse()) {
				if (seen.has(file)) continue;
				seen.add(file);
				const stat = lstatSync(file, {throwIfNoEntry: false});
				if (!stat?.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
				stop(file);
				return;
			}
		};
		const timer = setInterval(check, pollMs);
		if (signal?.aborted) onAbort();
		else signal?.addEventListener('abort', onAbort, {once: true});
	});
}
