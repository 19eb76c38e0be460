/**
 * The `run` command's flags: what each means, and every check that refuses a command line before
 * anything is opened (a usage error, exit 2).
 */
import {type Facts, parseFactAssignment} from '../facts/fact-values.js';
import {mergeFacts} from '../facts/merge-facts.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {parseAsOf, parseLanguage} from './parse-options.js';
import {UsageError} from './usage.js';

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

/** The flags every run needs first, checked in this order; the combinations that cannot go together. */
export function parseRunFlags(options: RunOptions): {
	language: Language | undefined;
	asOf: string;
	/** Line mode: asked for, needed (no terminal), or a replay. */
	plain: boolean;
} {
	const language = parseLanguage(options.lang);
	const asOf = parseAsOf(options['as-of']);
	if (options.resume !== undefined && options.replay !== undefined)
		throw new UsageError('--resume and --replay cannot be used together: pick one');
	if (options.at !== undefined && (options.resume !== undefined || options.replay !== undefined)) {
		throw new UsageError(
			'--at begins a new session at a node; --resume and --replay continue a recorded one where it was: use one of them',
		);
	}
	return {language, asOf, plain: wantsPlain(options) || options.replay !== undefined};
}

/** Facts given by hand: a --facts file, overridden by each --fact; a refusal in `language`. The
 * facts file's reader is loaded only when there is one to read. */
export async function givenFacts(options: RunOptions, language: Language = 'en'): Promise<Facts> {
	let file: Facts = {};
	if (options.facts !== undefined) {
		const {readFactsFile} = await import('../detect/facts-file.js');
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
