/**
 * What the two run modes (the terminal UI and line mode) share: the walk they are given, the
 * signals they handle, and what they print after an unfinished stop.
 */
import {currentStep, type State, stepNumber} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {Transitions} from '../session/record-transitions.js';
import {resumeCommand} from '../session/resume-command.js';
import type {SessionLog} from '../session/session-log.js';
import {sessionStrings} from '../session/session-strings.js';
import type {Helpdesk} from '../session/settings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {knownBuildLine} from '../view/known-build.js';

// SIGQUIT too: its default action would leave the terminal in raw mode on the alternate screen.
export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
export type WalkSignal = (typeof SIGNALS)[number];

export type Walk = {
	state: State;
	language: Language;
	asOf: string;
	transitions: Transitions;
	/** Starts environment detection; undefined when it is off (--no-detect, a resumed or replayed session). */
	detect?: () => Promise<Detection>;
	log: SessionLog;
	helpdesk?: Helpdesk;
	/** The log directory to name in the --resume command, when it is not the default one. */
	resumeDir?: string;
};

/** After an unfinished stop: the build the app knows, and the exact command that continues. */
export function stoppedLines(walk: Walk, state: State, language: Language): string[] {
	const known = knownBuildLine(state, language);
	return [
		...(known ? [known] : []),
		...(walk.log.path && walk.log.id
			? [sessionStrings(language).resumeHint(resumeCommand(walk.log.id, walk.resumeDir))]
			: []),
	];
}

/** Where an unfinished walk stopped (step and node), then stoppedLines. */
export function quitLines(walk: Walk, state: State, language: Language): string[] {
	return [
		strings(language).quit(stepNumber(state), currentStep(state).node),
		...stoppedLines(walk, state, language),
	];
}

/** A path for the screen (it comes from --log-dir or the settings, and may carry anything). */
export const shownPath = (path: string | undefined) =>
	path === undefined ? undefined : sanitizeText(path);
