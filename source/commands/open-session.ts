/**
 * Where a walk starts: a new session (at the flow's start, or at a node with --at), a resumed one
 * (--resume: the state rebuilt from its log, the log appended to), or a replay (--replay: a
 * finished or unfinished session walked again from its answers, for a reviewer, logged as a new
 * session).
 */
import {type State, start} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import type {SessionLog} from '../session/session-log.js';
import {type LoadedSettings, resolveLogDir} from '../session/settings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {writeOut} from '../terminal/write-out.js';
import {type ChooseFlow, chooseNewFlow} from './choose-new-flow.js';
import {newLog, type Opening, startAtOrRefuse} from './opening.js';
import {givenFacts, parseAnswers, type RunOptions} from './run-options.js';

export type Session = {
	log: SessionLog;
	state: State;
	language: Language;
	answers: string[];
	detect: boolean;
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
	// Only a resume or a replay reads a log back: that code is loaded for them alone.
	if (options.resume !== undefined)
		return (await import('./open-recorded.js')).openResumed(opening, options.resume);
	if (options.replay !== undefined)
		return (await import('./open-recorded.js')).openReplayed(opening, options.replay);
	return openNew(opening, choose);
}

async function openNew(opening: Opening, choose: ChooseFlow): Promise<Session | number> {
	const {options, settings} = opening;
	const chosen = opening.language ?? settings.settings.language ?? languageFromEnvironment();
	const facts = await givenFacts(options, chosen);
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
