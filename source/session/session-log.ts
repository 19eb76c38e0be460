/**
 * The session log writer. Each event is one JSON line, written with a single append and fsync'd
 * before `record` returns, so `kill -9` or a power cut loses at most the line being written, and a
 * signal handler can record "interrupted" and exit at once.
 *
 * Files are opened only through log-file.ts (once, by descriptor, never through a symbolic link,
 * owner and link count checked) and a resumed session is claimed first (session-claim.ts), so
 * exactly one program writes a session and nothing outside the user's own logs is ever written.
 *
 * Logging never stops a triage: when the log directory cannot be written (read-only, full disk,
 * not a directory, not safe to use) the log moves to a private temporary directory, and when that
 * fails too it is kept in memory only. Either way the caller is told once, in one line
 * (`notice`/`onNotice`). The copy left behind is renamed `*.jsonl.moved`, so nothing resumes it.
 */
import {
	closeSync,
	fstatSync,
	fsyncSync,
	lstatSync,
	mkdtempSync,
	renameSync,
	type Stats,
	unlinkSync,
	writeSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import type {Facts} from '../facts/fact-values.js';
import type {Flow, Language} from '../flow/schema.js';
import {isoTime} from './iso-time.js';
import type {SessionEvent, SessionEventInput, StartEvent} from './events.js';
import {MAX_LINE_BYTES, MAX_SESSION_BYTES} from './limits.js';
import {
	describeErrno,
	LOG_DIR_MODE,
	LOG_FILE_MODE,
	openLog,
	prepareLogDir,
	UnsafeLogError,
} from './log-file.js';
import type {Claim} from './session-claim.js';
import {newSessionId, sessionFileName} from './session-id.js';
import {sessionStrings} from './session-strings.js';

export {LOG_DIR_MODE, LOG_FILE_MODE};

export type SessionLog = {
	id: string;
	/** The file events go to now; undefined when logging is off. */
	readonly path: string | undefined;
	/** Adds the time (and pid), appends one line and fsyncs it. Never throws. */
	record(event: SessionEventInput): void;
	close(): void;
	/**
	 * Closes and removes the log of a new session that must leave nothing behind (a scripted run
	 * that stopped on a usage error, exit 2: no log for --resume to pick up). A resumed session's
	 * log is the user's and is only closed. Returns whether the log was removed.
	 */
	discard(): boolean;
	/** One line for the user when the log is not where it was asked to be (or is off). */
	readonly notice: string | undefined;
	/** Every event recorded (or, after a resume, read back) in this session, in order. */
	events(): readonly SessionEvent[];
};

/** The file operations the writer uses; tests replace some to simulate a full disk. */
export type LogIo = {
	/** Creates the log directory if needed; throws when it is not safe to use (log-file.ts). */
	prepareDir(dir: string): void;
	/** Creates a new log file (never an existing one, never through a symbolic link). */
	create(path: string): number;
	write(fd: number, text: string): void;
	fsync(fd: number): void;
	close(fd: number): void;
	/** A new private directory for a log that cannot go where it was asked to. */
	makeTempDir(): string;
};

export const nodeIo: LogIo = {
	prepareDir: prepareLogDir,
	create: (path) => openLog(path, 'create').fd,
	write: (fd, text) => {
		// One write call per line: the line is either wholly there or torn at the end of the file.
		const bytes = Buffer.from(text, 'utf8');
		let written = 0;
		while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
	},
	fsync: (fd) => fsyncSync(fd),
	close: (fd) => closeSync(fd),
	// mkdtemp creates the directory with mode 0700, under a random name nobody can pre-create.
	makeTempDir: () => mkdtempSync(join(tmpdir(), 'w365-triage-sessions-')),
};

export type CommonOptions = {
	now?: () => Date;
	/** Told (once per change) when the log moves or stops after it was opened. */
	onNotice?: (line: string) => void;
	io?: Partial<LogIo>;
};

export type OpenSessionLogOptions = CommonOptions & {
	/** The directory for session files: --log-dir, else the settings' logDir, else settings.sessionsDir. */
	logDir: string;
	flow: Flow;
	/** The flow file (stored as an absolute path, so `watch` can load it from anywhere). */
	flowFile: string;
	/** The hash of the flow file's text (flow-hash.ts): the session is pinned to it. */
	flowHash: string;
	language: Language;
	/** Detected and given facts at the start, with where each came from. */
	facts: Facts;
	appVersion: string;
	/** Normally generated from the clock. */
	id?: string;
	/** The node the walk begins at when not the flow's start (--at). */
	startNode?: string;
};

/** The first event of a session (exported so tests and tools can build logs without a file). */
export function startEvent(
	options: Omit<OpenSessionLogOptions, 'logDir' | keyof CommonOptions> & {id: string; time: string},
): StartEvent {
	const facts = Object.fromEntries(
		Object.entries(options.facts).filter(
			([, fact]) => fact !== undefined && fact.origin !== 'answered',
		),
	);
	return {
		type: 'start',
		time: options.time,
		step: 1,
		node: options.startNode ?? options.flow.start,
		session: options.id,
		app: {name: 'w365-triage', version: options.appVersion},
		flow: {
			id: options.flow.id,
			version: options.flow.version,
			hash: options.flowHash,
			file: resolve(options.flowFile),
		},
		language: options.language,
		facts,
	};
}

/** Creates a session file in `logDir` and writes the start event. Call it after the flow loaded. */
export function openSessionLog(options: OpenSessionLogOptions): SessionLog {
	const now = options.now ?? (() => new Date());
	const io = {...nodeIo, ...options.io};
	let id = options.id ?? newSessionId(now());
	let opened: Opened | undefined;
	let failure: unknown;
	try {
		io.prepareDir(options.logDir);
		for (let attempt = 1; ; attempt++) {
			const path = join(options.logDir, sessionFileName(id));
			try {
				opened = {fd: io.create(path), path};
				break;
			} catch (error) {
				// A generated id that is taken (64 random bits: someone planted it) gets another one;
				// an id given by the caller never reuses a file.
				if (
					(error as NodeJS.ErrnoException).code !== 'EEXIST' ||
					options.id !== undefined ||
					attempt >= 5
				)
					throw error;
				id = newSessionId(now());
			}
		}
	} catch (error) {
		failure = error;
	}
	const start: SessionEvent = {
		...startEvent({...options, id, time: isoTime(now())}),
		pid: process.pid,
	};
	return createLog({
		id,
		now,
		io,
		language: options.language,
		onNotice: options.onNotice,
		previous: [],
		first: start,
		opened,
		failure,
	});
}

export type Opened = {fd: number; path: string; stat?: Stats; size?: number};

type LogSetup = {
	id: string;
	now: () => Date;
	io: LogIo;
	language: Language;
	onNotice?: (line: string) => void;
	/** Events already in the file (resume). */
	previous: readonly SessionEvent[];
	/** The first event to write (a new session's start). */
	first?: SessionEvent;
	/** The file as opened, or why it could not be. */
	opened?: Opened;
	failure?: unknown;
	/** A resumed session's claim, given up on close. */
	claim?: Claim;
	initialNotice?: string;
};

/** The log itself, over a file a new or a resumed session opened (resume-log.ts). */
export function createLog(setup: LogSetup): SessionLog {
	const {io, now} = setup;
	const t = sessionStrings(setup.language);
	const events: SessionEvent[] = [...setup.previous];
	const file = sessionFileName(setup.id);
	let fd: number | undefined;
	let path: string | undefined;
	let notice: string | undefined;
	let closed = false;
	let movedToTemp = false;
	/** Bytes in the file, to stop before a reader would refuse it (limits.ts). */
	let size = 0;
	/** The file in the log directory, to mark if the log has to move. */
	let original: {path: string; stat?: Stats} | undefined;

	const say = (line: string, opened: boolean) => {
		notice = line;
		if (opened) setup.onNotice?.(line);
	};
	const writeLine = (event: SessionEvent) => {
		const line = `${JSON.stringify(event)}\n`;
		const bytes = Buffer.byteLength(line, 'utf8');
		if (bytes > MAX_LINE_BYTES || size + bytes > MAX_SESSION_BYTES) {
			throw new LimitError(
				t.logLimit(Math.round(MAX_SESSION_BYTES / 1024 / 1024), Math.round(MAX_LINE_BYTES / 1024)),
			);
		}
		io.write(fd!, line);
		io.fsync(fd!);
		size += bytes;
	};
	const closeQuietly = () => {
		if (fd === undefined) return;
		try {
			io.close(fd);
		} catch {
			// Closing a descriptor whose writes failed may fail as well; nothing more to do.
		}
		fd = undefined;
	};
	/** Moves logging to a temporary directory (writing every event so far), else turns it off. */
	const fallBack = (error: unknown, opened: boolean) => {
		closeQuietly();
		const reason =
			error instanceof UnsafeLogError && error.problem
				? t.dirProblem(error.problem)
				: describeErrno(error);
		// At the size limit the file is whole and true to its last line: it stays where it is.
		if (!(error instanceof LimitError)) abandonOriginal();
		if (!movedToTemp && !(error instanceof LimitError)) {
			movedToTemp = true;
			try {
				const dir = io.makeTempDir();
				const candidate = join(dir, file);
				fd = io.create(candidate);
				path = candidate;
				size = 0;
				for (const event of events) writeLine(event);
				say(t.logMoved(reason, candidate), opened);
				return;
			} catch (secondError) {
				closeQuietly();
				path = undefined;
				say(t.logOff(`${reason}; ${describeErrno(secondError)}`), opened);
				return;
			}
		}
		path = undefined;
		say(t.logOff(reason), opened);
	};
	/**
	 * The copy left in the log directory is torn or behind: renamed *.jsonl.moved so that no
	 * `--resume`, `sessions` or `watch` takes it for the session (a rename needs no free space).
	 */
	const abandonOriginal = () => {
		if (!original) return;
		const {path: from, stat} = original;
		original = undefined;
		try {
			const now = lstatSync(from);
			if (stat && (now.ino !== stat.ino || now.dev !== stat.dev)) return; // not our file any more
			renameSync(from, `${from}.moved`);
		} catch {
			// A read-only file system: it could not have been written to either.
		}
	};

	if (setup.opened) {
		fd = setup.opened.fd;
		path = setup.opened.path;
		size = setup.opened.size ?? 0;
		original = {path, stat: setup.opened.stat};
		try {
			original.stat ??= fstatOf(fd);
			if (setup.first) {
				events.push(setup.first);
				writeLine(setup.first);
			}
		} catch (error) {
			fallBack(error, false);
		}
	} else {
		if (setup.first) events.push(setup.first);
		fallBack(setup.failure, false);
	}
	notice ??= setup.initialNotice;

	return {
		id: setup.id,
		get path() {
			return path;
		},
		get notice() {
			return notice;
		},
		events: () => events,
		record(input: SessionEventInput) {
			if (closed) return;
			// type and time first: the lines read well with `tail -f` or `jq`.
			const event = Object.assign({type: input.type, time: isoTime(now())}, input, {
				pid: process.pid,
			}) as SessionEvent;
			events.push(event);
			if (fd === undefined) return;
			try {
				writeLine(event);
			} catch (error) {
				fallBack(error, true);
			}
		},
		close() {
			if (closed) return;
			closed = true;
			closeQuietly();
			setup.claim?.release();
		},
		discard() {
			const current = path;
			const stat = fd !== undefined ? fstatOf(fd) : undefined;
			this.close();
			if (!setup.first || current === undefined || !stat) return false;
			try {
				// Only the file this program created, if it is still there under that name.
				const now = lstatSync(current);
				if (now.ino !== stat.ino || now.dev !== stat.dev) return false;
				unlinkSync(current);
				path = undefined;
				return true;
			} catch {
				return false;
			}
		},
	};
}

class LimitError extends Error {}

function fstatOf(fd: number): Stats | undefined {
	try {
		return fstatSync(fd);
	} catch {
		return undefined;
	}
}
