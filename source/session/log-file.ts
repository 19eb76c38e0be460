/**
 * The one way a session log (and its directory) is opened. A log directory may be shared (a
 * helpdesk's /var/log/w365-triage) and the program may run as root, so a name in it is never
 * trusted twice: each log is opened once, by descriptor, without following a symbolic link and
 * without blocking on a FIFO, its owner and link count are checked on that descriptor, and every
 * later read, truncation and append goes through it. A directory the program did not create is
 * used only when no other user can swap the names in it.
 */
import {
	closeSync,
	constants,
	fstatSync,
	lstatSync,
	mkdirSync,
	openSync,
	readSync,
	statSync,
	type Stats,
} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {SessionError} from './session-error.js';
import {MAX_SESSION_BYTES} from './limits.js';
import {sessionStrings} from './session-strings.js';

export const LOG_FILE_MODE = 0o600;
export const LOG_DIR_MODE = 0o700;

// Absent on Windows (0 there): the owner and mode checks below are POSIX-only as well.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** The user the program runs as (undefined on Windows, where files have no POSIX owner). */
export function currentUid(): number | undefined {
	return typeof process.geteuid === 'function' ? process.geteuid() : undefined;
}

/** A log directory or file that must not be used; the message is one sentence with the fix. */
export class UnsafeLogError extends SessionError {
	override name = 'UnsafeLogError';
	/** For a directory: what is wrong, to word it in the user's language. */
	problem?: DirProblem;
}

const unsafeDir = (problem: DirProblem) =>
	Object.assign(new UnsafeLogError(sessionStrings('en').dirProblem(problem)), {problem});

/** A session file that belongs to another user (skipped where sessions are chosen for you). */
export class OtherUsersLogError extends UnsafeLogError {
	override name = 'OtherUsersLogError';
}

const writableByOthers = (stat: Stats) => (stat.mode & 0o022) !== 0;
const sticky = (stat: Stats) => (stat.mode & 0o1000) !== 0;

/** Why a directory must not hold session logs (worded by session-strings.ts in each language). */
export type DirProblem =
	| {kind: 'symlink' | 'file' | 'part-file' | 'writable'; dir: string}
	| {kind: 'other-owner'; dir: string; uid: number}
	| {kind: 'unusable'; dir: string; reason: string};

/**
 * Why `dir` must not hold session logs, or undefined when it may (or does not exist yet). Safe:
 * a real directory (not a symbolic link), owned by the current user or by root, and not writable
 * by group or others unless it has the sticky bit (like /tmp: nobody can then rename or remove
 * another user's file, and each file's owner is checked when it is opened).
 */
export function logDirIssue(dir: string): DirProblem | undefined {
	let stat: Stats;
	try {
		stat = lstatSync(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ENOTDIR') return {kind: 'part-file', dir};
		return {kind: 'unusable', dir, reason: describeErrno(error)};
	}
	if (stat.isSymbolicLink()) return {kind: 'symlink', dir};
	if (!stat.isDirectory()) return {kind: 'file', dir};
	const uid = currentUid();
	if (uid === undefined) return undefined;
	if (stat.uid !== uid && stat.uid !== 0) return {kind: 'other-owner', dir, uid: stat.uid};
	if (writableByOthers(stat) && !sticky(stat)) return {kind: 'writable', dir};
	return undefined;
}

/** The same, as one English sentence with the fix (for errors; notices are worded in the user's language). */
export function logDirProblem(dir: string): string | undefined {
	const issue = logDirIssue(dir);
	return issue && sessionStrings('en').dirProblem(issue);
}

/** Creates `dir` (mode 0700) if it is missing; refuses (UnsafeLogError) one that is not safe. */
export function prepareLogDir(dir: string): void {
	const before = logDirIssue(dir);
	if (before) throw unsafeDir(before);
	makeDirs(dir);
	// Checked again: it may have appeared between the two calls.
	const after = logDirIssue(dir);
	if (after) throw unsafeDir(after);
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports a read-only file system as
 * ENOENT and a file in the way as EEXIST, and the user is owed the true reason.
 */
function makeDirs(dir: string): void {
	const missing: string[] = [];
	for (let path = resolve(dir); ; path = dirname(path)) {
		try {
			if (!lstatSync(path).isDirectory() && !statIsDirectory(path)) {
				throw Object.assign(new Error(`ENOTDIR: ${path} is a file, not a directory`), {
					code: 'ENOTDIR',
				});
			}
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			missing.unshift(path);
			if (dirname(path) === path) break;
		}
	}
	for (const path of missing) {
		try {
			mkdirSync(path, {mode: LOG_DIR_MODE});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statIsDirectory(path)) throw error;
		}
	}
}

function statIsDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

export type OpenedLog = {fd: number; stat: Stats};

/**
 * How a log is opened:
 * - 'create': a new file (never an existing one, never through a symbolic link);
 * - 'append': an existing log of the current user to continue (--resume): read and write;
 * - 'read': read only; `own` also requires the current user's file.
 */
export function openLog(
	path: string,
	how: 'create' | 'append' | 'read',
	{own = how !== 'read'}: {own?: boolean} = {},
): OpenedLog {
	const flags =
		how === 'create'
			? constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | NOFOLLOW
			: how === 'append'
				? constants.O_RDWR | constants.O_APPEND | NOFOLLOW | NONBLOCK
				: constants.O_RDONLY | NOFOLLOW | NONBLOCK;
	let fd: number;
	try {
		fd = openSync(path, flags, LOG_FILE_MODE);
	} catch (error) {
		if (how === 'create') throw error;
		throw new SessionError(openProblem(path, error));
	}
	try {
		const stat = fstatSync(fd);
		const problem = fileProblem(path, stat, own);
		if (problem) throw problem;
		return {fd, stat};
	} catch (error) {
		closeSync(fd);
		throw error;
	}
}

function fileProblem(path: string, stat: Stats, own: boolean): SessionError | undefined {
	if (!stat.isFile()) return new SessionError(`${path} is not a session log (not a regular file)`);
	const uid = currentUid();
	if (!own || uid === undefined) return undefined;
	if (stat.uid !== uid)
		return new OtherUsersLogError(
			`${path} belongs to another user (uid ${stat.uid}), not to you: it is not used; resume or watch your own sessions (w365-triage sessions lists them)`,
		);
	// A second name for the file (a hard link planted elsewhere) would let a write land in it.
	if (stat.nlink !== 1)
		return new UnsafeLogError(
			`${path} has ${stat.nlink} names (hard links), so writing to it could change another file: it is not used; start a new session`,
		);
	return undefined;
}

function openProblem(path: string, error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return `the session log ${path} does not exist`;
	if (code === 'ELOOP' || code === 'EMLINK')
		return `${path} is a symbolic link, not a session log: it is not followed; give the log file itself`;
	if (code === 'EACCES' || code === 'EPERM')
		return `the session log ${path} cannot be read (permission denied)`;
	if (code === 'ENXIO') return `${path} is not a session log (not a regular file)`;
	if (code === 'EROFS')
		return `the session log ${path} is on a read-only file system, so it cannot be continued; export it instead`;
	return `the session log ${path} cannot be read (${describeErrno(error)})`;
}

/** Reads the whole file from its descriptor (at most MAX_SESSION_BYTES). */
export function readAll(fd: number, path: string): string {
	const {size} = fstatSync(fd);
	if (size > MAX_SESSION_BYTES) {
		throw new SessionError(
			`${path} is ${Math.round(size / 1024 / 1024)} MB, far larger than any session log: check that this is the right file`,
		);
	}
	return readText(fd, size);
}

/** The first `size` bytes of an open file (fewer if it is shorter; a file that grows meanwhile
 * is cut at `size`). */
export function readBytes(fd: number, size: number): Buffer {
	const buffer = Buffer.alloc(size);
	let read = 0;
	while (read < size) {
		const count = readSync(fd, buffer, read, size - read, read);
		if (count === 0) break;
		read += count;
	}
	return buffer.subarray(0, read);
}

/** The first `size` bytes of an open file as UTF-8 text (fewer if it is shorter). */
export function readText(fd: number, size: number): string {
	return readBytes(fd, size).toString('utf8');
}

export function describeErrno(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const known: Record<string, string> = {
		EACCES: 'permission denied',
		EPERM: 'not permitted',
		EROFS: 'read-only file system',
		ENOSPC: 'disk full',
		EDQUOT: 'disk quota exceeded',
		ENOTDIR: 'a path component is not a directory',
		EEXIST: 'the file already exists',
		EIO: 'input/output error',
		EISDIR: 'is a directory',
		ELOOP: 'a symbolic link',
	};
	if (code && known[code]) return `${code}: ${known[code]}`;
	if (error instanceof Error && error.message) return error.message;
	return code ?? (error instanceof Error ? error.message : String(error));
}
