import {dirname} from 'node:path';
import {createInterface} from 'node:readline';
import {
	currentStep,
	EngineError,
	isFinished,
	type State,
	start,
	stepNumber,
	summary,
} from '../engine/engine.js';
import {startAt} from '../engine/entry-points.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {renderNode} from '../plain/render-node.js';
import type {Detection} from '../facts/detect-facts.js';
import {type Facts, parseFactAssignment} from '../facts/fact-values.js';
import {readFactsFile} from '../facts/facts-file.js';
import {mergeFacts} from '../facts/merge-facts.js';
import type {Flow, Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import {type LineInput, runPlain} from '../plain/run-plain.js';
import {readSessionFile, resolveSession} from '../session/read-session.js';
import {recordTransitions, type Transitions} from '../session/record-transitions.js';
import {replayAnswers, replayFacts} from '../session/replay-answers.js';
import {flowTrust, untrustedFlowMessage} from '../session/flow-trust.js';
import {recordInterrupted, resumeSession} from '../session/resume-session.js';
import {SessionError} from '../session/session-error.js';
import {openSessionLog, type SessionLog} from '../session/session-log.js';
import {
	type Helpdesk,
	type LoadedSettings,
	loadSettings,
	resolveLogDir,
} from '../session/settings.js';
import {resumeCommand} from '../session/resume-command.js';
import {sessionStrings} from '../session/session-strings.js';
import {knownBuildLine} from '../view/known-build.js';
import {type FlowMenu, flowMenu} from '../view/flow-menu.js';
import {flowOpener, type OpenedFlow, openFlow} from './open-flow.js';
import {parseAsOf, parseLanguage} from './parse-options.js';
import {UsageError, VERSION} from './usage.js';
import {failOutput} from '../terminal/output-errors.js';
import type {AppExit} from '../ui/App.js';
import type {EarlyKeys} from '../ui/early-keys.js';
import type {InkRun} from '../ui/run-ink.js';

export type RunOptions = {
	flow?: string;
	/** A directory of flows to offer next to the shipped one (default: the settings' flowsDir). */
	flows?: string;
	lang?: string;
	plain?: boolean;
	answers?: string;
	fact?: string[];
	json?: boolean;
	'as-of'?: string;
	facts?: string;
	'no-detect'?: boolean;
	'log-dir'?: string;
	/** true: the newest unfinished session. */
	resume?: string | true;
	replay?: string;
	/** Begin at this node instead of the flow's start (never past a backup gate). */
	at?: string;
};

/** Facts given by hand: a --facts file, overridden by each --fact; a refusal in `language`. */
export function givenFacts(options: RunOptions, language: Language = 'en'): Facts {
	let file: Facts = {};
	if (options.facts !== undefined) {
		const read = readFactsFile(options.facts, language);
		if (!read.ok) throw new UsageError(read.message);
		file = read.facts;
	}
	return mergeFacts({}, file, parseFacts(options.fact, language));
}

export function parseFacts(assignments: string[] = [], language: Language = 'en'): Facts {
	const facts: Facts = {};
	for (const assignment of assignments) {
		const parsed = parseFactAssignment(assignment);
		if (!parsed.ok) throw new UsageError(strings(language).factRefused(parsed));
		facts[parsed.name] = {value: parsed.value, origin: 'flag'};
	}
	return facts;
}

export function parseAnswers(value: string | undefined): string[] {
	if (value === undefined) return [];
	const answers = value.split(',').map((answer) => answer.trim());
	if (answers.some((answer) => answer === '')) {
		throw new UsageError(
			`--answers "${value}" has an empty answer: list choice ids or numbers separated by commas, e.g. --answers 1,os-24h2`,
		);
	}
	return answers;
}

function stdinLines(): LineInput & {close(): void} {
	const lines = createInterface({input: process.stdin, terminal: false});
	const iterator = lines[Symbol.asyncIterator]();
	return {
		async read() {
			const next = await iterator.next();
			return next.done ? null : next.value;
		},
		close: () => lines.close(),
	};
}

/** The line-mode front end is for screen readers, dumb terminals, pipes and scripts. */
export function wantsPlain(options: RunOptions, env: NodeJS.ProcessEnv = process.env): boolean {
	return Boolean(
		options.plain ||
			options.json ||
			options.answers !== undefined ||
			(env.ACCESSIBLE && env.ACCESSIBLE !== '0') ||
			env.INK_SCREEN_READER === 'true' ||
			env.TERM === 'dumb' ||
			!process.stdin.isTTY ||
			!process.stdout.isTTY,
	);
}

// SIGQUIT too: its default action would leave the terminal in raw mode on the alternate screen.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

type Session = {
	log: SessionLog;
	state: State;
	language: Language;
	answers: string[];
	detect: boolean;
};

/** How the "What is the problem?" menu is asked: line mode or the terminal UI. */
type ChooseFlow = (
	menu: FlowMenu,
	language: Language,
	answers: string[],
) => Promise<OpenedFlow | number>;

/**
 * The flow a new session walks: --flow FILE; else, with a flows directory (--flows or the
 * settings' flowsDir) offering more than one valid flow, the one chosen in the first menu; else
 * the shipped flow. A number is the exit code of a menu left without a choice.
 */
async function chooseNewFlow(
	options: RunOptions,
	settings: LoadedSettings,
	language: Language,
	answers: string[],
	choose: ChooseFlow,
	onNotice: (line: string) => void,
): Promise<OpenedFlow | number> {
	const dir = options.flows ?? settings.settings.flowsDir;
	if (options.flow !== undefined || dir === undefined) return openFlow(options.flow);
	const shipped = await openFlow(undefined);
	const {discoverFlows, offeredFlows} = await import('../flow/flows-dir.js');
	const found = discoverFlows(dir);
	if (found.problem) {
		// A typo in --flows is the user's to fix now; a settings file never stops a triage.
		if (options.flows !== undefined)
			throw new UsageError(
				`--flows ${sanitizeText(found.problem)}: give a directory of flow files (*.yaml), or leave --flows out to use the shipped flow`,
			);
		onNotice(
			`flowsDir ${found.problem} (settings): only the shipped flow is offered; fix flowsDir in ${settings.file}`,
		);
	}
	const menu = flowMenu(offeredFlows(shipped, found.entries), language);
	if (menu.items.length > 1) return choose(menu, language, answers);
	// One flow: no menu, but a flow that could not be offered is still named.
	for (const problem of menu.problems) onNotice(`--flows: not offered: ${problem}`);
	return shipped;
}

/**
 * Where a walk starts: a new session, a resumed one (--resume: the state rebuilt from its log, the
 * log appended to), or a replay (--replay: a finished or unfinished session walked again from its
 * answers, for a reviewer, logged as a new session).
 */
async function openSession(
	options: RunOptions,
	settings: LoadedSettings,
	language: Language | undefined,
	choose: ChooseFlow,
): Promise<Session | number> {
	const logDir = resolveLogDir(options['log-dir'], settings);
	// Notices name paths from the settings or the command line, which may carry anything.
	const onNotice = (line: string) => {
		writeOut(process.stderr, `${sanitizeText(line)}\n`);
	};
	const newLog = (opened: OpenedFlow, language: Language, facts: Facts, startNode?: string) => {
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
	};
	if (options.resume !== undefined) {
		// Usage errors first: nothing is claimed or opened for a command line that is refused.
		const answers = parseAnswers(options.answers);
		const open = await flowOpener();
		const resumed = resumeSession(options.resume === true ? undefined : options.resume, {
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
			language: language ?? resumed.language,
			answers,
			detect: false,
		};
	}
	if (options.replay !== undefined) {
		const recorded = readSessionFile(resolveSession(options.replay, logDir));
		const opened = await openFlow(options.flow ?? trustedFlowFile(recorded.start.flow.file));
		// A replay never confirms a backup gate: acknowledgements are a person's, not a script's.
		const answers = replayAnswers(recorded.events, {
			flow: opened.flow,
			flowSource: opened.source,
		}).filter((answer) => !answer.startsWith('ack:'));
		const facts = replayFacts(recorded.events);
		const replayLanguage = language ?? recorded.start.language;
		// A session begun with --at is replayed from the same node (startAt refuses one past a gate).
		const state =
			recorded.start.node === opened.flow.start
				? start(opened.flow, facts)
				: startAtOrRefuse(opened.flow, facts, recorded.start.node);
		return {
			log: newLog(opened, replayLanguage, facts, recorded.start.node),
			state,
			language: replayLanguage,
			answers,
			detect: false,
		};
	}
	const chosen = language ?? settings.settings.language ?? languageFromEnvironment();
	const facts = givenFacts(options, chosen);
	const answers = parseAnswers(options.answers);
	const opened = await chooseNewFlow(options, settings, chosen, answers, choose, onNotice);
	if (typeof opened === 'number') return opened;
	const flowLanguage = opened.flow.languages.includes(chosen) ? chosen : opened.flow.languages[0]!;
	// Checked before the log is opened: a refused --at leaves no session behind.
	const state =
		options.at === undefined
			? start(opened.flow, facts)
			: startAtOrRefuse(opened.flow, facts, options.at);
	return {
		log: newLog(opened, flowLanguage, facts, options.at),
		state,
		language: flowLanguage,
		answers,
		detect: !options['no-detect'],
	};
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

/** A path for the screen (it comes from --log-dir or the settings, and may carry anything). */
const shownPath = (path: string | undefined) =>
	path === undefined ? undefined : sanitizeText(path);

/** The flow file a log names, if it may be trusted; else a SessionError naming it and why. */
function trustedFlowFile(file: string): string {
	const trust = flowTrust(file);
	if (!trust.ok) throw new SessionError(untrustedFlowMessage(file, trust.why));
	return file;
}

/** Walks a flow in the terminal UI or in line mode, logging every step. */
export async function runCommand(options: RunOptions): Promise<number> {
	const language = parseLanguage(options.lang);
	const asOf = parseAsOf(options['as-of']);
	if (options.resume !== undefined && options.replay !== undefined)
		throw new UsageError('--resume and --replay cannot be used together: pick one');
	if (options.at !== undefined && (options.resume !== undefined || options.replay !== undefined)) {
		throw new UsageError(
			'--at begins a new session at a node; --resume and --replay continue a recorded one where it was: use one of them',
		);
	}
	const plain = wantsPlain(options) || options.replay !== undefined;
	// What paints the first frame is small: load it while the settings and the log are opened.
	const firstFrame = plain ? undefined : import('../ui/first-frame.js');
	firstFrame?.catch(() => {}); // a failure is reported where it is awaited, in runInkMode
	const settings = loadSettings();
	if (settings.notice) writeOut(process.stderr, `${sanitizeText(settings.notice)}\n`);
	// One reader of standard input for the flow menu and the walk: a second would lose what the
	// first had buffered.
	let input: (LineInput & {close(): void}) | undefined;
	const lines = () => (input ??= stdinLines());
	const choose: ChooseFlow = async (menu, menuLanguage, answers) => {
		if (plain) {
			const out = options.json ? process.stderr : process.stdout;
			const {chooseFlowPlain} = await import('../plain/choose-flow-plain.js');
			const choice = await chooseFlowPlain(menu, {
				language: menuLanguage,
				answers,
				input: lines(),
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
				import('../facts/detect-off-thread.js').then(({detectOffThread}) =>
					detectOffThread({signal: controller.signal}),
				)
		: undefined;
	// A resume must find the log: name its directory unless it is where a resume looks by default.
	const defaultDir = resolveLogDir(undefined, settings);
	const logDir = log.path ? dirname(log.path) : undefined;
	const walk: Walk = {
		resumeDir:
			logDir !== undefined && (options['log-dir'] !== undefined || logDir !== defaultDir)
				? logDir
				: undefined,
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
			? runInkMode(walk, firstFrame)
			: runPlainMode(options, {...walk, answers: session.answers}, lines()));
	} finally {
		controller.abort();
		log.close();
	}
}

type Walk = {
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
function stoppedLines(walk: Walk, state: State, language: Language): string[] {
	const known = knownBuildLine(state, language);
	return [
		...(known ? [known] : []),
		...(walk.log.path && walk.log.id
			? [sessionStrings(language).resumeHint(resumeCommand(walk.log.id, walk.resumeDir))]
			: []),
	];
}

async function runInkMode(
	walk: Walk,
	firstFrame: Promise<typeof import('../ui/first-frame.js')>,
): Promise<number> {
	// Ink, React and Yoga take longer to load than everything before this point: the first frame
	// is painted from the same layout first, and Ink takes the screen over when it is ready.
	const {showFirstFrame, prepareFirstFrame, answerEarlyKeys} = await firstFrame;
	await prepareFirstFrame(walk.language);
	let ink: InkRun | undefined;
	let early: EarlyKeys | undefined;
	let interrupted = false;
	let over = false;
	const now = () => (ink ? ink.current() : (early?.current().state ?? walk.state));
	const interrupt = (reason: (typeof SIGNALS)[number]) => {
		// A second signal, or the hangup's signal after its end of input, is the same interruption;
		// after the UI has closed (q at an outcome), there is nothing left to interrupt. Before
		// Ink is running, the interruption is taken up as soon as it has loaded.
		if (interrupted || over) return;
		interrupted = true;
		if (!ink) early?.handOver(); // no key after the interruption is taken
		recordInterrupted(walk.log, now(), reason);
		ink?.stop(130);
	};
	const onSignal = (signal: (typeof SIGNALS)[number]) => interrupt(signal);
	// A terminal in raw mode never ends its input (Ctrl+D is a key): it ends when the terminal is
	// gone, a dropped SSH link or a closed window. The SIGHUP for that goes to the shell first and
	// reaches us only after it exits, by when the end of input would have let the event loop run
	// dry and the process leave without a word in the log.
	const onInputEnd = () => interrupt('SIGHUP');
	for (const signal of SIGNALS) process.on(signal, onSignal);
	process.stdin.once('end', onInputEnd);
	try {
		const shown = {
			...walk,
			detecting: walk.detect !== undefined,
			logPath: shownPath(walk.log.path),
		};
		const screen = showFirstFrame(shown);
		let exit: AppExit;
		try {
			// Keys typed while Ink loads are answered meanwhile (early-keys.ts); q or Ctrl+C then
			// ends the walk without waiting for Ink.
			early = answerEarlyKeys(screen, shown);
			const loading = import('../ui/run-ink.js');
			loading.catch(() => {}); // after a quit it is no longer awaited
			const loaded = await Promise.race([loading, early.exited]);
			const language = early.current().language;
			if ('exitCode' in loaded) exit = loaded;
			else if (interrupted) exit = {exitCode: 130, state: now(), language};
			else {
				const handed = early.handOver();
				ink = loaded.runInk(screen, {
					...walk,
					state: handed.screen.state,
					language: handed.screen.language,
					logPath: shownPath(walk.log.path),
					early: handed,
				});
				exit = await ink.done;
			}
		} finally {
			early?.handOver();
			// Ink restores raw mode and the cursor when it unmounts; this is for a start that
			// failed or was interrupted before Ink ran.
			screen.close();
		}
		over = true;
		if (!interrupted && exit.exitCode === 130 && !isFinished(exit.state))
			recordInterrupted(walk.log, exit.state, 'quit');
		// The UI ran on the alternate screen; leave the outcome (or where it stopped) in the
		// normal scrollback, where it can be copied into a ticket.
		const t = strings(exit.language);
		const summary = isFinished(exit.state)
			? renderNode(exit.state, {language: exit.language, asOf: walk.asOf, helpdesk: walk.helpdesk})
			: [
					t.quit(stepNumber(exit.state), currentStep(exit.state).node),
					...stoppedLines(walk, exit.state, exit.language),
				];
		if (walk.log.path) summary.push(t.logAt(walk.log.path));
		writeOut(process.stdout, `${summary.join('\n')}\n`);
		return exit.exitCode;
	} finally {
		for (const signal of SIGNALS) process.off(signal, onSignal);
		process.stdin.off('end', onInputEnd);
	}
}

async function runPlainMode(
	options: RunOptions,
	walk: Walk & {answers: string[]},
	input: LineInput & {close(): void},
): Promise<number> {
	const out = options.json ? process.stderr : process.stdout;
	let current = walk.state;
	const onSignal = (signal: (typeof SIGNALS)[number]) => {
		recordInterrupted(walk.log, current, signal);
		walk.log.close();
		// A terminal in line mode needs no restoring; say where we stopped and leave.
		writeOut(
			out,
			`\n${[strings(walk.language).quit(stepNumber(current), currentStep(current).node), ...stoppedLines(walk, current, walk.language)].join('\n')}\n`,
		);
		process.exit(130);
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	try {
		const result = await runPlain({
			...walk,
			detection: walk.detect?.(),
			input,
			interactive: Boolean(process.stdin.isTTY),
			onChange: (state) => {
				current = state;
			},
			write: (text) => writeOut(out, text),
		});
		if (result.stopped && result.stopped !== 'invalid') {
			recordInterrupted(walk.log, result.state, result.stopped);
			const lines = stoppedLines(walk, result.state, result.language);
			if (lines.length > 0) writeOut(out, `${lines.join('\n')}\n`);
		}
		// A script that stopped on a usage error (exit 2) leaves no new session for --resume to pick up.
		if (result.exitCode === 2) walk.log.discard();
		if (walk.log.path) writeOut(out, `${strings(result.language).logAt(walk.log.path)}\n`);
		if (options.json) {
			const session = {id: walk.log.id, log: walk.log.path ?? null};
			writeOut(
				process.stdout,
				`${JSON.stringify({...summary(result.state), language: result.language, exitCode: result.exitCode, session})}\n`,
			);
		}
		return result.exitCode;
	} finally {
		input.close();
		for (const signal of SIGNALS) process.off(signal, onSignal);
	}
}

/**
 * Writes to a terminal that may be gone (a dropped SSH link, EIO): the log matters more than the
 * echo. Any other failure (a full disk, /dev/full) is one line and exit 1 (output-errors.ts).
 */
function writeOut(stream: NodeJS.WriteStream, text: string): void {
	try {
		// Line mode and the summary after the UI are plain text: nothing in them may be a control.
		stream.write(sanitizeText(text));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EIO') return;
		failOutput(stream === process.stderr ? 'standard error' : 'standard output', error);
	}
}
