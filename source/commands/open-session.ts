/**
 * Where a walk starts: a new session (at the flow's start, or at a node with --at), a resumed one
 * (--resume: the state rebuilt from its log, the log appended to), or a replay (--replay: a
 * finished or unfinished session walked again from its answers, for a reviewer, logged as a new
 * session).
 */
import {EngineError, type State, start} from '../engine/engine.js';
import {startAt} from '../engine/entry-points.js';
import type {Facts} from '../facts/fact-values.js';
import type {Flow, Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {flowTrust, untrustedFlowMessage} from '../session/flow-trust.js';
import {readSessionFile, resolveSession} from '../session/read-session.js';
import {replayAnswers, replayFacts} from '../session/replay-answers.js';
import {resumeSession} from '../session/resume-session.js';
import {SessionError} from '../session/session-error.js';
import {openSessionLog, type SessionLog} from '../session/session-log.js';
import {type LoadedSettings, resolveLogDir} from '../session/settings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {writeOut} from '../terminal/write-out.js';
import {type ChooseFlow, chooseNewFlow} from './choose-new-flow.js';
import {flowOpener, type OpenedFlow, openFlow} from './open-flow.js';
import {givenFacts, parseAnswers, type RunOptions} from './run-options.js';
import {UsageError, VERSION} from './usage.js';

export type Session = {
	log: SessionLog;
	state: State;
	language: Language;
	answers: string[];
	detect: boolean;
};

/** What every way of opening shares: where logs go, and how a notice is said. */
type Opening = {
	options: RunOptions;
	settings: LoadedSettings;
	/** --lang, when given. */
	language: Language | undefined;
	logDir: string;
	onNotice: (line: string) => void;
};

/** A number is the exit code of a flow menu left without a choice (no session is opened). */
export async function openSession(
	options: RunOptions,
	settings: LoadedSettings,
	language: Language | undefined,
	choose: ChooseFlow,
): Promise<Session | number> {
	const opening: Opening = {
		options,
		settings,
		language,
		logDir: resolveLogDir(options['log-dir'], settings),
		// Notices name paths from the settings or the command line, which may carry anything.
		onNotice: (line: string) => {
			writeOut(process.stderr, `${sanitizeText(line)}\n`);
		},
	};
	if (options.resume !== undefined) return openResumed(opening, options.resume);
	if (options.replay !== undefined) return openReplayed(opening, options.replay);
	return openNew(opening, choose);
}

async function openResumed(opening: Opening, resume: string | true): Promise<Session> {
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

async function openReplayed(opening: Opening, replay: string): Promise<Session> {
	const {options, logDir} = opening;
	const recorded = readSessionFile(resolveSession(replay, logDir));
	const opened = await openFlow(options.flow ?? trustedFlowFile(recorded.start.flow.file));
	// A replay never confirms a backup gate: acknowledgements are a person's, not a script's.
	const answers = replayAnswers(recorded.events, {
		flow: opened.flow,
		flowSource: opened.source,
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

async function openNew(opening: Opening, choose: ChooseFlow): Promise<Session | number> {
	const {options, settings} = opening;
	const chosen = opening.language ?? settings.settings.language ?? languageFromEnvironment();
	const facts = givenFacts(options, chosen);
	const answers = parseAnswers(options.answers);
	const opened = await chooseNewFlow(options, settings, chosen, answers, choose, opening.onNotice);
	if (typeof opened === 'number') return opened;
	const language = opened.flow.languages.includes(chosen) ? chosen : opened.flow.languages[0]!;
	// Checked before the log is opened: a refused --at leaves no session behind.
	const state =
		options.at === undefined
			? start(opened.flow, facts)
			: startAtOrRefuse(opened.flow, facts, options.at);
	return {
		log: newLog(opening, opened, language, facts, options.at),
		state,
		language,
		answers,
		detect: !options['no-detect'],
	};
}

function newLog(
	{logDir, onNotice}: Opening,
	opened: OpenedFlow,
	language: Language,
	facts: Facts,
	startNode?: string,
): SessionLog {
	const log = openSessionLog({
		logDir,
		flow: opened.flow,
		flowFile: opened.file,
		flowSource: opened.source,
		language,
		facts,
		appVersion: VERSION,
		onNotice,
		startNode,
	});
	if (log.notice) onNotice(log.notice);
	return log;
}

function startAtOrRefuse(flow: Flow, facts: Facts, node: string): State {
	try {
		return startAt(flow, facts, node);
	} catch (error) {
		if (error instanceof EngineError)
			throw new UsageError(`--at ${sanitizeText(node)}: ${sanitizeText(error.message)}`);
		throw error;
	}
}

/** The flow file a log names, if it may be trusted; else a SessionError naming it and why. */
function trustedFlowFile(file: string): string {
	const trust = flowTrust(file);
	if (!trust.ok) throw new SessionError(untrustedFlowMessage(file, trust.why));
	return file;
}
