/**
 * The run loop's two session chores in one place: `--resume [SESSION]` (find the session, load
 * its flow, rebuild the state, append to the same file) and recording why a walk stopped.
 */
import {currentStep, isFinished, type State, stepNumber} from '../engine/engine.js';
import type {Flow, Language} from '../flow/schema.js';
import {findResumable, listSessions} from './list-sessions.js';
import {type ReadSession, resolveSession} from './read-session.js';
import {rebuildState} from './rebuild-state.js';
import {SessionError, SessionInUseError} from './session-error.js';
import {type ResumeSessionLogOptions, resumeSessionLog} from './resume-log.js';
import type {SessionLog} from './session-log.js';

export type ResumeOptions = ResumeSessionLogOptions & {
	logDir: string;
	/**
	 * Loads the flow to resume on, given the file the session recorded (the run command checks
	 * that file with flow-trust.ts unless --flow names one). Its hash must match the session's.
	 */
	loadFlow: (recordedFile: string) => {flow: Flow; hash: string};
};

export type Resumed = {log: SessionLog; state: State; language: Language; session: ReadSession};

/**
 * `reference` is a session id, the start of one, or a path; undefined means the current user's
 * newest unfinished one. The session is claimed and its log read once, through the descriptor
 * that is then appended to (session-log.ts).
 */
export function resumeSession(reference: string | undefined, options: ResumeOptions): Resumed {
	const path =
		reference !== undefined
			? resolveSession(reference, options.logDir)
			: findResumable(options.logDir, {isAlive: options.isAlive})?.path;
	if (path === undefined) {
		// The newest one may be going on in another terminal: say so rather than "nothing to resume".
		const live = listSessions(options.logDir, {isAlive: options.isAlive, limit: 50}).sessions.find(
			(session) => session.status === 'in-progress',
		);
		if (live) {
			throw new SessionInUseError(
				`session ${live.id} is being continued by another running w365-triage: finish or quit that one first (there is no other unfinished session of yours to resume in ${options.logDir})`,
			);
		}
		throw new SessionError(
			`there is no unfinished session to resume in ${options.logDir} (only your own sessions are resumed): w365-triage sessions lists them (add --log-dir DIR if the logs are elsewhere)`,
		);
	}
	let rebuilt: {state: State; language: Language} | undefined;
	const log = resumeSessionLog(path, {
		...options,
		check: (session) => {
			const {flow, hash} = options.loadFlow(session.start.flow.file);
			rebuilt = rebuildState(session.events, flow, hash);
			if (isFinished(rebuilt.state)) {
				throw new SessionError(
					`session ${session.id} already reached its outcome (step ${stepNumber(rebuilt.state)} · ${currentStep(rebuilt.state).node}): start a new session, or export this one`,
				);
			}
		},
	});
	return {log, state: rebuilt!.state, language: rebuilt!.language, session: log.session};
}
