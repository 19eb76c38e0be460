/**
 * The `run` command: checks the flags, opens the session (new, resumed or replayed), starts
 * detection, and hands the walk to the terminal UI (run-terminal.ts) or to line mode
 * (run-lines.ts).
 */
import {dirname} from 'node:path';
import type {SessionLog} from '../session/session-log.js';
import {type LoadedSettings, loadSettings, resolveLogDir} from '../session/settings.js';
import {recordTransitions} from '../session/record-transitions.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {writeOut} from '../terminal/write-out.js';
import type {ChooseFlow} from './choose-new-flow.js';
import {openSession, type Session} from './open-session.js';
import {parseRunFlags, type RunOptions} from './run-options.js';
import {runTerminal} from './run-terminal.js';
import type {ClosableLineInput} from './stdin-lines.js';
import {UsageError} from './usage.js';
import type {Walk} from './walk.js';

/** Walks a flow in the terminal UI or in line mode, logging every step. */
export async function runCommand(options: RunOptions): Promise<number> {
	const {language, asOf, plain} = parseRunFlags(options);
	// What paints the first frame is small: load it while the settings and the log are opened.
	const firstFrame = plain ? undefined : import('../ui/first-frame.js');
	firstFrame?.catch(() => {}); // a failure is reported where it is awaited, in runTerminal
	const settings = loadSettings();
	if (settings.notice) writeOut(process.stderr, `${sanitizeText(settings.notice)}\n`);
	// One reader of standard input for the flow menu and the walk: a second would lose what the
	// first had buffered. Only line mode and its menu read lines (node:readline, loaded for them).
	let input: ClosableLineInput | undefined;
	let reader: Promise<ClosableLineInput> | undefined;
	const lines = () =>
		(reader ??= import('./stdin-lines.js').then(({stdinLines}) => {
			input = stdinLines();
			return input;
		}));
	const choose = flowChooser(options, plain, lines);
	let session: Session | number;
	try {
		session = await openSession(options, settings, language, choose);
	} catch (error) {
		input?.close();
		throw error;
	}
	if (typeof session === 'number') {
		input?.close();
		return session;
	}
	const {log} = session;
	const controller = new AbortController();
	// Detection starts after the first frame and never delays it.
	const detect = session.detect
		? () =>
				import('../detect/detect-off-thread.js').then(({detectOffThread}) =>
					detectOffThread({signal: controller.signal}),
				)
		: undefined;
	const walk: Walk = {
		resumeDir: resumeDir(log, options, settings),
		state: session.state,
		language: session.language,
		asOf,
		transitions: recordTransitions(log.record),
		detect,
		log,
		helpdesk: settings.settings.helpdesk,
	};
	try {
		return await (firstFrame
			? runTerminal(walk, firstFrame)
			: (await import('./run-lines.js')).runLines(
					{...walk, answers: session.answers},
					await lines(),
					{
						out: options.json ? process.stderr : process.stdout,
						json: options.json ? process.stdout : undefined,
						interactive: Boolean(process.stdin.isTTY),
					},
				));
	} finally {
		controller.abort();
		log.close();
	}
}

/** A resume must find the log: its directory is named unless it is where a resume looks by default. */
function resumeDir(
	log: SessionLog,
	options: RunOptions,
	settings: LoadedSettings,
): string | undefined {
	const defaultDir = resolveLogDir(undefined, settings);
	const logDir = log.path ? dirname(log.path) : undefined;
	return logDir !== undefined && (options['log-dir'] !== undefined || logDir !== defaultDir)
		? logDir
		: undefined;
}

/** The "What is the problem?" menu, asked in line mode (from the one reader) or in the terminal UI. */
function flowChooser(
	options: RunOptions,
	plain: boolean,
	lines: () => Promise<ClosableLineInput>,
): ChooseFlow {
	return async (menu, menuLanguage, answers) => {
		if (plain) {
			const out = options.json ? process.stderr : process.stdout;
			const {chooseFlowPlain} = await import('../plain/choose-flow-plain.js');
			const choice = await chooseFlowPlain(menu, {
				language: menuLanguage,
				answers,
				input: await lines(),
				interactive: Boolean(process.stdin.isTTY),
				write: (text) => writeOut(out, text),
			});
			if ('item' in choice) return choice.item;
			if (choice.message) throw new UsageError(choice.message);
			return choice.exitCode;
		}
		const {chooseFlowInk} = await import('../ui/choose-flow-ink.js');
		return (await chooseFlowInk(menu, menuLanguage)) ?? 130;
	};
}
