/**
 * Exactly one program writes a session at a time. A resumed session is claimed with a lock file
 * beside its log (`<id>.jsonl.lock`, created with O_EXCL, holding the writer's pid), taken before
 * the log is read and given up when the writer closes it. A second `--resume` finds the claim and
 * refuses; a claim whose process is gone (kill -9, a crash, a power cut) is stale and taken over.
 * `sessions` and `watch` read the claim too, so a resumed session shows as in progress from the
 * moment it resumes, before its first new event.
 */
import {
	closeSync,
	constants,
	fstatSync,
	linkSync,
	openSync,
	readSync,
	renameSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import {currentUid, LOG_FILE_MODE} from './log-file.js';
import {SessionInUseError} from './session-error.js';
import {randomHex} from './session-id.js';
import {processAlive} from './writer-alive.js';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export type Claim = {readonly path: string; release(): void};

export const claimPath = (logPath: string) => `${logPath}.lock`;

type Holder = {pid: number; uid?: number; text: string};

/** What the claim file says (undefined when there is none or it cannot be read as one). */
function readClaim(path: string): Holder | undefined {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
	} catch {
		return undefined;
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile() || stat.size > 4096) return {pid: -1, uid: stat.uid, text: ''};
		const buffer = Buffer.alloc(stat.size);
		const count = readSync(fd, buffer, 0, stat.size, 0);
		const text = buffer.subarray(0, count).toString('utf8');
		const pid = Number(/^pid (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
		return {pid: Number.isSafeInteger(pid) ? pid : -1, uid: stat.uid, text};
	} finally {
		closeSync(fd);
	}
}

/** The live process holding the session's claim, if any (not this one). */
export function claimHolder(
	logPath: string,
	isAlive: (pid: number) => boolean = processAlive,
): number | undefined {
	const holder = readClaim(claimPath(logPath));
	if (!holder || holder.pid <= 0 || holder.pid === process.pid) return undefined;
	return isAlive(holder.pid) ? holder.pid : undefined;
}

/** Claims the session whose log is `logPath`; throws SessionInUseError when a live one holds it. */
export function claimSession(
	logPath: string,
	id: string,
	isAlive: (pid: number) => boolean = processAlive,
): Claim {
	const path = claimPath(logPath);
	const text = `pid ${process.pid}\ntoken ${randomHex(8)}\n`;
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			const fd = openSync(
				path,
				constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW,
				LOG_FILE_MODE,
			);
			try {
				writeSync(fd, text);
			} finally {
				closeSync(fd);
			}
			return {path, release: () => release(path, text)};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = readClaim(path);
		if (!holder) continue; // released in the meantime: try again
		const uid = currentUid();
		if (holder.pid > 0 && holder.pid !== process.pid && isAlive(holder.pid))
			throw inUse(id, holder.pid);
		if (uid !== undefined && holder.uid !== undefined && holder.uid !== uid) {
			throw new SessionInUseError(
				`session ${id} is claimed by another user's file ${path}: it is not continued; start a new session (or ask the owner of that file to remove it)`,
			);
		}
		breakStale(path, holder.text, id);
	}
	throw new SessionInUseError(
		`session ${id} could not be claimed (others kept claiming it): try again in a moment`,
	);
}

/**
 * Removes a stale claim without removing a fresh one that another resume took a moment ago: the
 * claim is moved aside first, and put back if it is not the stale one that was read.
 */
function breakStale(path: string, staleText: string, id: string): void {
	const aside = `${path}.stale-${process.pid}-${randomHex(4)}`;
	try {
		renameSync(path, aside);
	} catch {
		return; // someone else moved or released it: try again
	}
	const moved = readClaim(aside);
	if (moved && moved.text !== staleText) {
		try {
			linkSync(aside, path);
		} catch {
			// Another claim took its place meanwhile: that one stands.
		}
		unlinkQuietly(aside);
		throw inUse(id, moved.pid);
	}
	unlinkQuietly(aside);
}

function release(path: string, text: string): void {
	// Only our own claim: after a takeover of a stale one, the file may be another writer's.
	if (readClaim(path)?.text === text) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone.
	}
}

function inUse(id: string, pid: number): SessionInUseError {
	return new SessionInUseError(
		`session ${id} is being continued by another running w365-triage (process ${pid}): finish or quit that one first`,
	);
}
