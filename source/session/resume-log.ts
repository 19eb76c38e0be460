/**
 * A session log opened again to append to (--resume), apart from session-log.ts: only a resume
 * reads a log back (read-session.ts and its schema) and claims it (session-claim.ts).
 */
import {closeSync, fchmodSync, ftruncateSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import type {Language} from '../flow/schema.js';
import {LOG_FILE_MODE, logDirProblem, openLog, UnsafeLogError} from './log-file.js';
import {type ReadSession, readSessionFd} from './read-session.js';
import {claimSession} from './session-claim.js';
import {SessionInUseError} from './session-error.js';
import {type CommonOptions, createLog, nodeIo, type SessionLog} from './session-log.js';
import {sessionStrings} from './session-strings.js';
import {lastPid, writerAlive} from './writer-alive.js';

export type ResumeSessionLogOptions = CommonOptions & {
	/** Language of the notices (default: the session's). */
	language?: Language;
	/** Append even if another live process seems to be writing the session. */
	force?: boolean;
	/** Checks the session read back (its flow, its state) before anything is written; throws to refuse. */
	check?: (session: ReadSession) => void;
	isAlive?: (pid: number) => boolean;
};

export type ResumedLog = SessionLog & {readonly session: ReadSession};

/**
 * Opens an existing session file to append to (--resume): the session is claimed, the file opened
 * once (the current user's own regular file with one name, in a directory safe to use) and read
 * through that descriptor; a torn last line is cut off so the next event starts on a line of its
 * own. Rebuild the state from `log.session.events`.
 */
export function resumeSessionLog(path: string, options: ResumeSessionLogOptions = {}): ResumedLog {
	const problem = logDirProblem(dirname(resolve(path)));
	if (problem) throw new UnsafeLogError(problem);
	const claim = claimSession(path, sessionIdFromPath(path), options.isAlive);
	let fd: number | undefined;
	try {
		const opened = openLog(path, 'append');
		fd = opened.fd;
		const session = readSessionFd(fd, path);
		if (!options.force && writerAlive(session.events, options.isAlive)) {
			throw new SessionInUseError(
				`session ${session.id} is still being written by another running w365-triage (process ${lastPid(session.events)}): finish or quit that one first`,
			);
		}
		options.check?.(session);
		fchmodSync(fd, LOG_FILE_MODE);
		const language = options.language ?? session.start.language;
		let notice: string | undefined;
		if (
			session.warnings.some((warning) => warning.code === 'torn-last-line') &&
			opened.stat.size > session.completeBytes
		) {
			ftruncateSync(fd, session.completeBytes);
			notice = sessionStrings(language).logTornRemoved(path);
		}
		const io = {...nodeIo, ...options.io};
		const log = createLog({
			id: session.id,
			now: options.now ?? (() => new Date()),
			io,
			language,
			onNotice: options.onNotice,
			previous: session.events,
			opened: {fd, path, stat: opened.stat, size: session.completeBytes},
			claim,
			initialNotice: notice,
		});
		return Object.assign(log, {session}) as ResumedLog;
	} catch (error) {
		if (fd !== undefined) closeSync(fd);
		claim.release();
		throw error;
	}
}

/** The id a session file's name carries (for messages before the file is read). */
function sessionIdFromPath(path: string): string {
	return path.replace(/^.*[/\\]/, '').replace(/\.jsonl$/, '');
}
