/**
 * The session log writer. Each event is one JSON line, written with a single append and fsync'd
 * before `record` returns, so `kill -9` or a power cut loses at most the line being written, and a
 * signal handler can record "interrupted" and exit at once.
 *
 * Logging never stops a triage: when the log directory cannot be written (read-only, full disk,
 * not a directory) the log moves to a private temporary directory, and when that fails too it is
 * kept in memory only. Either way the caller is told once, in one line (`notice`/`onNotice`).
 */
import {closeSync, fchmodSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join, resolve} from 'node:path';
import type {Facts} from '../facts/fact-values.js';
import type {Flow, Language} from '../flow/schema.js';
import type {SessionEvent, SessionEventInput, StartEvent} from './events.js';
import {hashFlow} from './flow-hash.js';
import {readSessionFile} from './read-session.js';
import {SessionInUseError} from './session-error.js';
import {newSessionId, SESSION_FILE_EXTENSION, sessionFileName} from './session-id.js';
import {sessionStrings} from './session-strings.js';
import {lastPid, writerAlive} from './writer-alive.js';

export const LOG_FILE_MODE = 0o600;
export const LOG_DIR_MODE = 0o700;

export type SessionLog = {
	id: string;
	/** The file events go to now; undefined when logging is off. */
	readonly path: string | undefined;
	/** Adds the time (and pid), appends one line and fsyncs it. Never throws. */
	record(event: SessionEventInput): void;
	close(): void;
	/** One line for the user when the log is not where it was asked to be (or is off). */
	readonly notice: string | undefined;
	/** Every event recorded (or, after a resume, read back) in this session, in order. */
	events(): readonly SessionEvent[];
};

/** The file operations the writer uses; tests replace some to simulate a full disk. */
export type LogIo = {
	mkdir(dir: string): void;
	/** Opens for appending: 'ax' creates a new file (failing if it exists), 'a' appends to one. */
	open(path: string, flags: 'ax' | 'a'): number;
	write(fd: number, text: string): void;
	fsync(fd: number): void;
	close(fd: number): void;
	/** A new private directory for a log that cannot go where it was asked to. */
	makeTempDir(): string;
};

const nodeIo: LogIo = {
	mkdir: (dir) => mkdirSync(dir, {recursive: true, mode: LOG_DIR_MODE}),
	open: (path, flags) => openSync(path, flags, LOG_FILE_MODE),
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

type CommonOptions = {
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
	/** The flow file's text, as loadFlowFile returned it: the session is pinned to its hash. */
	flowSource: string;
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
export function startEvent(options: Omit<OpenSessionLogOptions, 'logDir' | keyof CommonOptions> & {id: string; time: string}): StartEvent {
	const facts = Object.fromEntries(Object.entries(options.facts).filter(([, fact]) => fact !== undefined && fact.origin !== 'answered'));
	return {
		type: 'start',
		time: options.time,
		step: 1,
		node: options.startNode ?? options.flow.start,
		session: options.id,
		app: {name: 'w365-triage', version: options.appVersion},
		flow: {id: options.flow.id, version: options.flow.version, hash: hashFlow(options.flowSource), file: resolve(options.flowFile)},
		language: options.language,
		facts,
	};
}

/** Creates a session file in `logDir` and writes the start event. Call it after the flow loaded. */
export function openSessionLog(options: OpenSessionLogOptions): SessionLog {
	const now = options.now ?? (() => new Date());
	const id = options.id ?? newSessionId(now());
	const start = startEvent({...options, id, time: now().toISOString()});
	return createLog({
		id,
		now,
		io: {...nodeIo, ...options.io},
		language: options.language,
		onNotice: options.onNotice,
		file: sessionFileName(id),
		previous: [],
		first: {...start, pid: process.pid},
		// A new session never reuses a file: 'ax' refuses one that exists (or a planted symlink).
		target: {path: join(options.logDir, sessionFileName(id)), flags: 'ax', dir: options.logDir},
	});
}

export type ResumeSessionLogOptions = CommonOptions & {
	/** Language of the notices (default: the session's). */
	language?: Language;
	/** Append even if another live process seems to be writing the session. */
	force?: boolean;
};

/**
 * Opens an existing session file to append to (--resume). A torn last line is cut off first,
 * so the next event starts on a line of its own. Read the events to rebuild the state from
 * `log.events()`.
 */
export function resumeSessionLog(path: string, options: ResumeSessionLogOptions = {}): SessionLog {
	const session = readSessionFile(path);
	if (!options.force && writerAlive(session.events)) {
		throw new SessionInUseError(
			`session ${session.id} is still being written by another running w365-triage (process ${lastPid(session.events)}): finish or quit that one first`,
		);
	}
	const io = {...nodeIo, ...options.io};
	const language = options.language ?? session.start.language;
	let notice: string | undefined;
	const torn = session.warnings.some((warning) => warning.code === 'torn-last-line');
	return createLog({
		id: session.id,
		now: options.now ?? (() => new Date()),
		io,
		language,
		onNotice: options.onNotice,
		file: basename(path).endsWith(SESSION_FILE_EXTENSION) ? basename(path) : sessionFileName(session.id),
		previous: session.events,
		target: {path, flags: 'a'},
		prepare: (fd) => {
			const stat = fstatSync(fd);
			if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), {code: 'EINVAL'});
			fchmodSync(fd, LOG_FILE_MODE);
			if (torn && stat.size > session.completeBytes) {
				ftruncateSync(fd, session.completeBytes);
				notice = sessionStrings(language).logTornRemoved(path);
			}
		},
		initialNotice: () => notice,
	});
}

type LogSetup = {
	id: string;
	now: () => Date;
	io: LogIo;
	language: Language;
	onNotice?: (line: string) => void;
	/** File name used in a fallback directory. */
	file: string;
	/** Events already in the file (resume). */
	previous: readonly SessionEvent[];
	/** The first event to write (a new session's start). */
	first?: SessionEvent;
	target: {path: string; flags: 'ax' | 'a'; dir?: string};
	prepare?: (fd: number) => void;
	initialNotice?: () => string | undefined;
};

function createLog(setup: LogSetup): SessionLog {
	const {io, now} = setup;
	const t = sessionStrings(setup.language);
	const events: SessionEvent[] = [...setup.previous];
	let fd: number | undefined;
	let path: string | undefined;
	let notice: string | undefined;
	let closed = false;
	let movedToTemp = false;

	const say = (line: string, opened: boolean) => {
		notice = line;
		if (opened) setup.onNotice?.(line);
	};
	const writeLine = (event: SessionEvent) => {
		io.write(fd!, `${JSON.stringify(event)}\n`);
		io.fsync(fd!);
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
		const reason = describeError(error);
		if (!movedToTemp) {
			movedToTemp = true;
			try {
				const dir = io.makeTempDir();
				const candidate = join(dir, setup.file);
				fd = io.open(candidate, 'ax');
				path = candidate;
				for (const event of events) writeLine(event);
				say(t.logMoved(reason, candidate), opened);
				return;
			} catch (secondError) {
				closeQuietly();
				path = undefined;
				say(t.logOff(`${reason}; ${describeError(secondError)}`), opened);
				return;
			}
		}
		path = undefined;
		say(t.logOff(reason), opened);
	};

	try {
		if (setup.target.dir !== undefined) io.mkdir(setup.target.dir);
		fd = io.open(setup.target.path, setup.target.flags);
		path = setup.target.path;
		setup.prepare?.(fd);
		if (setup.first) {
			events.push(setup.first);
			writeLine(setup.first);
		}
	} catch (error) {
		if (setup.first && !events.includes(setup.first)) events.push(setup.first);
		fallBack(error, false);
	}
	notice ??= setup.initialNotice?.();

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
			const event = Object.assign({type: input.type, time: now().toISOString()}, input, {pid: process.pid}) as SessionEvent;
			events.push(event);
			if (fd === undefined) return;
			try {
				writeLine(event);
			} catch (error) {
				fallBack(error, true);
			}
		},
		close() {
			closed = true;
			closeQuietly();
		},
	};
}

function describeError(error: unknown): string {
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
	};
	if (code && known[code]) return `${code}: ${known[code]}`;
	return code ?? (error instanceof Error ? error.message : String(error));
}
