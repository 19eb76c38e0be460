/**
 * Reads a session log. A log may be cut short at any byte (kill -9, power loss, a full disk), so
 * a torn last line is expected and ignored with a warning, never an error; a bad line in the
 * middle (a hand edit, a disk fault) is skipped with a warning too.
 */
import {closeSync, readdirSync, statSync} from 'node:fs';
import {basename, join, sep} from 'node:path';
import type {SessionEvent, StartEvent} from './events.js';
import {parseEvent} from './event-schema.js';
import {SessionError} from './session-error.js';
import {SESSION_FILE_EXTENSION} from './session-id.js';
import {MAX_SESSION_BYTES} from './limits.js';
import {describeErrno, logDirProblem, openLog, readAll, UnsafeLogError} from './log-file.js';

export {MAX_SESSION_BYTES} from './limits.js';

export type SessionWarning =
	/** The last line has no newline and is not valid JSON: the writer was stopped mid-line. */
	| {code: 'torn-last-line'; line: number}
	/** A complete line that is not a valid event. */
	| {code: 'bad-line'; line: number};

export type ParsedSession = {
	events: SessionEvent[];
	warnings: SessionWarning[];
	/** Bytes up to the end of the last complete line (a resume truncates a torn tail to this). */
	completeBytes: number;
};

export type ReadSession = ParsedSession & {
	id: string;
	path: string;
	start: StartEvent;
};

export function parseSessionText(text: string): ParsedSession {
	const events: SessionEvent[] = [];
	const warnings: SessionWarning[] = [];
	const lines = text.split('\n');
	// After the last newline: '' for a complete file, or whatever a stopped writer left.
	const tail = lines.pop()!;
	lines.forEach((line, index) => {
		if (line.trim() === '') return;
		const event = parseLine(line);
		if (event) events.push(event);
		else warnings.push({code: 'bad-line', line: index + 1});
	});
	let completeBytes = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8');
	if (tail.trim() !== '') {
		// A line the writer finished except for its newline still counts; anything else was torn.
		const event = parseLine(tail);
		if (event) {
			events.push(event);
			completeBytes += Buffer.byteLength(tail, 'utf8');
		} else {
			warnings.push({code: 'torn-last-line', line: lines.length + 1});
		}
	}
	return {events, warnings, completeBytes};
}

function parseLine(line: string): SessionEvent | undefined {
	try {
		return parseEvent(JSON.parse(line));
	} catch {
		return undefined;
	}
}

/** The error for a file far larger than any session log (so nothing reads it whole). */
export function sessionTooLarge(path: string, size: number): SessionError | undefined {
	if (size <= MAX_SESSION_BYTES) return undefined;
	return new SessionError(
		`${path} is ${Math.round(size / 1024 / 1024)} MB, far larger than any session log: check that this is the right file`,
	);
}

/**
 * Reads a session log, opened once through log-file.ts (no symbolic link followed, no FIFO
 * waited on). `own`: only the current user's file (what `--resume` and `watch` choose from).
 */
export function readSessionFile(path: string, {own = false}: {own?: boolean} = {}): ReadSession {
	const {fd} = openLog(path, 'read', {own});
	try {
		return readSessionFd(fd, path);
	} finally {
		closeSync(fd);
	}
}

/** Reads and parses a session log from an open descriptor (the writer's, on --resume). */
export function readSessionFd(fd: number, path: string): ReadSession {
	let text: string;
	try {
		text = readAll(fd, path);
	} catch (error) {
		if (error instanceof SessionError) throw error;
		throw new SessionError(`the session log ${path} cannot be read (${describeErrno(error)})`);
	}
	const parsed = parseSessionText(text);
	const start = parsed.events[0];
	if (start?.type !== 'start') {
		const why =
			parsed.events.length === 0
				? 'holds no complete event (the program stopped before writing its first line)'
				: 'does not begin with a start event';
		throw new SessionError(`${path} is not a usable session log: it ${why}`);
	}
	return {...parsed, id: start.session, path, start};
}

/**
 * Session files in a log directory, newest first (ids sort by time). A directory where other users
 * could swap files (log-file.ts) is refused with the fix.
 */
export function sessionFiles(logDir: string): string[] {
	const problem = logDirProblem(logDir);
	if (problem) throw new UnsafeLogError(problem);
	let names: string[];
	try {
		names = readdirSync(logDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw new SessionError(
			`the log directory ${logDir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
		);
	}
	return names
		.filter((name) => name.endsWith(SESSION_FILE_EXTENSION) && !name.startsWith('.'))
		.sort()
		.reverse()
		.map((name) => join(logDir, name));
}

/**
 * The file a session reference names: a path to a file (anything with a slash or the .jsonl
 * ending, or an existing file), else a session id or an unambiguous start of one in `logDir`.
 */
export function resolveSession(reference: string, logDir: string): string {
	const looksLikePath =
		reference.includes('/') ||
		reference.includes(sep) ||
		reference.endsWith(SESSION_FILE_EXTENSION);
	if (looksLikePath || isFile(reference)) {
		if (!isFile(reference))
			throw new SessionError(
				`no session log at ${reference}: check the path, or give a session id (w365-triage sessions lists them)`,
			);
		return reference;
	}
	const files = sessionFiles(logDir);
	const exact = files.find((file) => basename(file) === `${reference}${SESSION_FILE_EXTENSION}`);
	if (exact) return exact;
	const matches = files.filter((file) => basename(file).startsWith(reference));
	if (matches.length === 1) return matches[0]!;
	if (matches.length > 1) {
		const ids = matches.slice(0, 5).map((file) => basename(file, SESSION_FILE_EXTENSION));
		throw new SessionError(
			`"${reference}" matches ${matches.length} sessions (${ids.join(', ')}${matches.length > 5 ? ', …' : ''}): give more of the id`,
		);
	}
	throw new SessionError(
		`no session "${reference}" in ${logDir}: w365-triage sessions lists them (add --log-dir DIR if the logs are elsewhere)`,
	);
}

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}
