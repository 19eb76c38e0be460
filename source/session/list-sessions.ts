/**
 * What a session log says at a glance (for `sessions`, `watch` and `--resume`), read from the
 * events alone: no flow is needed to know where a person is or how the session ended.
 */
import type {Flow, Language, Outcome} from '../flow/schema.js';
import type {InterruptedEvent, SessionEvent, StartEvent} from './events.js';
import {
	type ReadSession,
	readSessionFile,
	sessionFiles,
	type SessionWarning,
} from './read-session.js';
import {OtherUsersLogError} from './log-file.js';
import {claimHolder} from './session-claim.js';
import {checkStory} from './story-check.js';
import {SessionError} from './session-error.js';
import {writerAlive} from './writer-alive.js';

export type SessionStatus = 'finished' | 'interrupted' | 'in-progress' | 'unfinished';

export type Place = {step: number; node: string};

export type SessionSummary = {
	id: string;
	path: string;
	started: string;
	/** Time of the last event. */
	updated: string;
	app: StartEvent['app'];
	flow: StartEvent['flow'];
	/** The language in use at the end (a person may have switched). */
	language: Language;
	/** Where the person is (or was when it ended). */
	last: Place;
	status: SessionStatus;
	outcome?: Outcome;
	reason?: InterruptedEvent['reason'];
	warnings: SessionWarning[];
	events: number;
	/** Where the log stops making sense (story-check.ts); absent when it tells one possible story. */
	story?: {event: number; problem: string};
};

/** The flow to check a session's story against (only one whose hash matches), if at hand. */
export type FlowFor = (start: StartEvent) => Flow | undefined;

/** Where each event leaves the person: the position after it. */
export function placeAfter(event: SessionEvent, start: Place): Place {
	switch (event.type) {
		case 'answer':
			return {step: event.step + 1, node: event.next};
		case 'back':
			return {step: event.to.step, node: event.to.node};
		case 'restart':
			return start;
		default:
			return {step: event.step, node: event.node};
	}
}

/** The outcome reached and not gone back from, and how the session ended. */
export function sessionEnd(events: readonly SessionEvent[]): {
	outcome?: Outcome;
	reason?: InterruptedEvent['reason'];
	ended: boolean;
} {
	let outcome: Outcome | undefined;
	for (const event of events) {
		if (event.type === 'outcome') outcome = event.outcome;
		else if (event.type === 'back' || event.type === 'restart' || event.type === 'answer')
			outcome = undefined;
	}
	const last = events.at(-1);
	const reason = last?.type === 'interrupted' ? last.reason : undefined;
	return {outcome, reason, ended: outcome !== undefined || reason !== undefined};
}

export function summarizeSession(
	session: ReadSession,
	isAlive?: (pid: number) => boolean,
	flowFor?: FlowFor,
): SessionSummary {
	const {start, events} = session;
	const origin = {step: 1, node: start.node};
	let last: Place = origin;
	let language = start.language;
	for (const event of events) {
		last = placeAfter(event, origin);
		if (event.type === 'language') language = event.language;
	}
	const {outcome, reason} = sessionEnd(events);
	const story = checkStory(events, flowFor?.(start));
	// A resumed session is claimed before its first new event: in progress from that moment.
	const claimed = outcome === undefined && claimHolder(session.path, isAlive) !== undefined;
	const status: SessionStatus =
		outcome !== undefined
			? 'finished'
			: claimed
				? 'in-progress'
				: reason !== undefined
					? 'interrupted'
					: writerAlive(events, isAlive)
						? 'in-progress'
						: 'unfinished';
	return {
		id: session.id,
		path: session.path,
		started: start.time,
		updated: events.at(-1)!.time,
		app: start.app,
		flow: start.flow,
		language,
		last,
		status,
		...(outcome ? {outcome} : {}),
		...(reason && !outcome ? {reason} : {}),
		warnings: session.warnings,
		events: events.length,
		...(story.ok ? {} : {story: {event: story.event, problem: story.problem}}),
	};
}

export type SessionListing = {
	sessions: SessionSummary[];
	/** Files that could not be read as sessions (each with why). */
	problems: {path: string; message: string}[];
	/** Session files in the directory, including those not read because of `limit`. */
	total: number;
	/** Session files of other users, left out (nobody resumes or watches another user's log by default). */
	others: number;
};

/** Sessions in `logDir`, newest first; only the newest `limit` files are read. */
export function listSessions(
	logDir: string,
	{
		limit = Number.POSITIVE_INFINITY,
		isAlive,
		flowFor,
	}: {limit?: number; isAlive?: (pid: number) => boolean; flowFor?: FlowFor} = {},
): SessionListing {
	const files = sessionFiles(logDir);
	const sessions: SessionSummary[] = [];
	const problems: SessionListing['problems'] = [];
	let others = 0;
	for (const path of files.slice(0, limit)) {
		try {
			sessions.push(summarizeSession(readSessionFile(path, {own: true}), isAlive, flowFor));
		} catch (error) {
			if (error instanceof OtherUsersLogError) others += 1;
			else if (error instanceof SessionError) problems.push({path, message: error.message});
			else throw error;
		}
	}
	sessions.sort((a, b) =>
		a.started === b.started ? b.id.localeCompare(a.id) : b.started.localeCompare(a.started),
	);
	return {sessions, problems, total: files.length, others};
}

/** Every readable session in `logDir` (for --stats), newest first. */
export function readAllSessions(logDir: string): {
	sessions: ReadSession[];
	problems: SessionListing['problems'];
} {
	const sessions: ReadSession[] = [];
	const problems: SessionListing['problems'] = [];
	for (const path of sessionFiles(logDir)) {
		try {
			sessions.push(readSessionFile(path, {own: true}));
		} catch (error) {
			if (error instanceof OtherUsersLogError) continue;
			if (!(error instanceof SessionError)) throw error;
			problems.push({path, message: error.message});
		}
	}
	return {sessions, problems};
}

/**
 * The session `--resume` (without a SESSION) continues: the current user's newest one that did
 * not reach an outcome and that no running program is still writing (or has claimed).
 */
export function findResumable(
	logDir: string,
	options: {isAlive?: (pid: number) => boolean} = {},
): SessionSummary | undefined {
	for (const path of sessionFiles(logDir)) {
		let summary: SessionSummary;
		try {
			summary = summarizeSession(readSessionFile(path, {own: true}), options.isAlive);
		} catch (error) {
			if (error instanceof SessionError) continue;
			throw error;
		}
		if (summary.status === 'interrupted' || summary.status === 'unfinished') return summary;
	}
	return undefined;
}
