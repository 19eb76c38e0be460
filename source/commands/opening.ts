/**
 * What the ways of opening a session share (open-session.ts, open-recorded.ts): where logs go, how
 * a notice is said, a new log, a start at a node, the flow file a log names.
 */
import {EngineError, type State} from '../engine/engine.js';
import {startAt} from '../engine/entry-points.js';
import type {Facts} from '../facts/fact-values.js';
import type {Flow, Language} from '../flow/schema.js';
import {flowTrust, untrustedFlowMessage} from '../session/flow-trust.js';
import {SessionError} from '../session/session-error.js';
import {openSessionLog, type SessionLog} from '../session/session-log.js';
import type {LoadedSettings} from '../session/settings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {OpenedFlow} from './open-flow.js';
import type {RunOptions} from './run-options.js';
import {UsageError, VERSION} from './usage.js';

/** What every way of opening shares: where logs go, and how a notice is said. */
export type Opening = {
	options: RunOptions;
	settings: LoadedSettings;
	/** --lang, when given. */
	language: Language | undefined;
	logDir: string;
	onNotice: (line: string) => void;
};

export function newLog(
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
		flowHash: opened.hash,
		language,
		facts,
		appVersion: VERSION,
		onNotice,
		startNode,
	});
	if (log.notice) onNotice(log.notice);
	return log;
}

export function startAtOrRefuse(flow: Flow, facts: Facts, node: string): State {
	try {
		return startAt(flow, facts, node);
	} catch (error) {
		if (error instanceof EngineError)
			throw new UsageError(`--at ${sanitizeText(node)}: ${sanitizeText(error.message)}`);
		throw error;
	}
}

/** The flow file a log names, if it may be trusted; else a SessionError naming it and why. */
export function trustedFlowFile(file: string): string {
	const trust = flowTrust(file);
	if (!trust.ok) throw new SessionError(untrustedFlowMessage(file, trust.why));
	return file;
}
