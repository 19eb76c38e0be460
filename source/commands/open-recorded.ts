/**
 * A session opened from its log: resumed (--resume: the state rebuilt from its log, the log
 * appended to) or replayed (--replay: walked again from its answers, logged as a new session).
 * Loaded only for those (open-session.ts): a new walk never reads a log back.
 */
import {start} from '../engine/engine.js';
import {readSessionFile, resolveSession} from '../session/read-session.js';
import {replayAnswers, replayFacts} from '../session/replay-answers.js';
import {resumeSession} from '../session/resume-session.js';
import {flowOpener, openFlow} from './open-flow.js';
import type {Session} from './open-session.js';
import {newLog, type Opening, startAtOrRefuse, trustedFlowFile} from './opening.js';
import {parseAnswers} from './run-options.js';

export async function openResumed(opening: Opening, resume: string | true): Promise<Session> {
	const {options, logDir, onNotice} = opening;
	// Usage errors first: nothing is claimed or opened for a command line that is refused.
	const answers = parseAnswers(options.answers);
	const open = await flowOpener();
	const resumed = resumeSession(resume === true ? undefined : resume, {
		logDir,
		onNotice,
		// The flow a log names is used only if it is one the user may trust (flow-trust.ts);
		// a --flow given by hand is the user's own choice. Either way its hash must match.
		loadFlow: (recorded) => open(options.flow ?? trustedFlowFile(recorded)),
	});
	// E.g. that a torn last line was cut off before appending: say so, as a new session does.
	if (resumed.log.notice) onNotice(resumed.log.notice);
	return {
		log: resumed.log,
		state: resumed.state,
		language: opening.language ?? resumed.language,
		answers,
		detect: false,
	};
}

export async function openReplayed(opening: Opening, replay: string): Promise<Session> {
	const {options, logDir} = opening;
	const recorded = readSessionFile(resolveSession(replay, logDir));
	const opened = await openFlow(options.flow ?? trustedFlowFile(recorded.start.flow.file));
	// A replay never confirms a backup gate: acknowledgements are a person's, not a script's.
	const answers = replayAnswers(recorded.events, {
		flow: opened.flow,
		flowHash: opened.hash,
	}).filter((answer) => !answer.startsWith('ack:'));
	const facts = replayFacts(recorded.events);
	const language = opening.language ?? recorded.start.language;
	// A session begun with --at is replayed from the same node (startAt refuses one past a gate).
	const state =
		recorded.start.node === opened.flow.start
			? start(opened.flow, facts)
			: startAtOrRefuse(opened.flow, facts, recorded.start.node);
	return {
		log: newLog(opening, opened, language, facts, recorded.start.node),
		state,
		language,
		answers,
		detect: false,
	};
}
