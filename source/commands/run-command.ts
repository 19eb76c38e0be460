import {createInterface} from 'node:readline';
import {currentStep, isFinished, type State, start, stepNumber, summary} from '../engine/engine.js';
import {renderNode} from '../plain/render-node.js';
import type {Detection} from '../facts/detect-facts.js';
import {type Facts, parseFactAssignment} from '../facts/fact-values.js';
import {readFactsFile} from '../facts/facts-file.js';
import {mergeFacts} from '../facts/merge-facts.js';
import type {Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import {type LineInput, runPlain} from '../plain/run-plain.js';
import {recordTransitions, type Transitions} from '../session/record-transitions.js';
import {openFlow} from './open-flow.js';
import {UsageError} from './usage.js';

export type RunOptions = {
	flow?: string;
	lang?: string;
	plain?: boolean;
	answers?: string;
	fact?: string[];
	json?: boolean;
	'as-of'?: string;
	facts?: string;
	'no-detect'?: boolean;
};

export function parseLanguage(value: string | undefined): Language | undefined {
	if (value === undefined) return undefined;
	if (value === 'ja' || value === 'en') return value;
	throw new UsageError(`--lang "${value}" is not supported: use --lang ja or --lang en`);
}

export function parseAsOf(value: string | undefined): string {
	if (value === undefined) return new Date().toISOString().slice(0, 10);
	if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
	throw new UsageError(`--as-of "${value}" is not a date: write it as YYYY-MM-DD, e.g. --as-of 2026-06-01`);
}

/** Facts given by hand: a --facts file, overridden by each --fact. */
export function givenFacts(options: RunOptions): Facts {
	let file: Facts = {};
	if (options.facts !== undefined) {
		const read = readFactsFile(options.facts);
		if (!read.ok) throw new UsageError(read.message);
		file = read.facts;
	}
	return mergeFacts({}, file, parseFacts(options.fact));
}

export function parseFacts(assignments: string[] = []): Facts {
	const facts: Facts = {};
	for (const assignment of assignments) {
		const parsed = parseFactAssignment(assignment);
		if (!parsed.ok) throw new UsageError(parsed.message);
		facts[parsed.name] = {value: parsed.value, origin: 'flag'};
	}
	return facts;
}

export function parseAnswers(value: string | undefined): string[] {
	if (value === undefined) return [];
	const answers = value.split(',').map((answer) => answer.trim());
	if (answers.some((answer) => answer === '')) {
		throw new UsageError(`--answers "${value}" has an empty answer: list choice ids or numbers separated by commas, e.g. --answers 1,os-24h2`);
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

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Walks a flow in the terminal UI or in line mode. */
export async function runCommand(options: RunOptions): Promise<number> {
	const language = parseLanguage(options.lang) ?? languageFromEnvironment();
	const asOf = parseAsOf(options['as-of']);
	const facts = givenFacts(options);
	const answers = parseAnswers(options.answers);
	const {flow} = openFlow(options.flow);
	const flowLanguage = flow.languages.includes(language) ? language : flow.languages[0]!;
	const transitions = recordTransitions(() => {});
	const state = start(flow, facts);
	const controller = new AbortController();
	// Detection starts after the first frame (below) and never delays it.
	const detect = () => (options['no-detect'] ? undefined : import('../facts/detect-facts.js').then(({detectFacts}) => detectFacts({signal: controller.signal})));
	const walk = {state, language: flowLanguage, asOf, transitions, detect};
	try {
		return await (wantsPlain(options) ? runPlainMode(options, {...walk, answers}) : runInkMode(walk));
	} finally {
		controller.abort();
	}
}

type Walk = {state: State; language: Language; asOf: string; transitions: Transitions; detect: () => Promise<Detection> | undefined};

async function runInkMode(walk: Walk): Promise<number> {
	const {runInk} = await import('../ui/run-ink.js');
	const ink = runInk(walk);
	// Ink restores the terminal (raw mode off, cursor shown) when it unmounts.
	const onSignal = () => ink.stop(130);
	for (const signal of SIGNALS) process.on(signal, onSignal);
	try {
		const exit = await ink.done;
		// The UI ran on the alternate screen; leave the outcome (or where it stopped) in the
		// normal scrollback, where it can be copied into a ticket.
		const summary = isFinished(exit.state)
			? renderNode(exit.state, {language: exit.language, asOf: walk.asOf})
			: [strings(exit.language).quit(stepNumber(exit.state), currentStep(exit.state).node)];
		process.stdout.write(`${summary.join('\n')}\n`);
		return exit.exitCode;
	} finally {
		for (const signal of SIGNALS) process.off(signal, onSignal);
	}
}

async function runPlainMode(options: RunOptions, walk: Walk & {answers: string[]}): Promise<number> {
	const out = options.json ? process.stderr : process.stdout;
	const input = stdinLines();
	let current = walk.state;
	const onSignal = () => {
		// A terminal in line mode needs no restoring; say where we stopped and leave.
		out.write(`\n${strings(walk.language).quit(stepNumber(current), currentStep(current).node)}\n`);
		process.exit(130);
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	try {
		const result = await runPlain({
			...walk,
			detection: walk.detect(),
			input,
			interactive: Boolean(process.stdin.isTTY),
			onChange: (state) => {
				current = state;
			},
			write: (text) => {
				out.write(text);
			},
		});
		if (options.json) {
			process.stdout.write(`${JSON.stringify({...summary(result.state), language: result.language, exitCode: result.exitCode})}\n`);
		}
		return result.exitCode;
	} finally {
		input.close();
		for (const signal of SIGNALS) process.off(signal, onSignal);
	}
}
