/** `sessions`: recent sessions, newest first; `sessions --stats`: what the local logs add up to. */
import {textWidth} from '../terminal/text-width.js';
import {strings} from '../i18n/strings.js';
import {commandContext} from '../session/command-context.js';
import {parseLanguage} from './parse-options.js';
import {listSessions, readAllSessions, type SessionSummary} from '../session/list-sessions.js';
import {SessionError} from '../session/session-error.js';
import {END_KINDS, formatDuration, sessionStats} from '../session/session-stats.js';
import {sessionStrings} from '../session/session-strings.js';
import type {SettingsOptions} from '../session/settings.js';
import {statusText} from '../session/status-text.js';
import {cachedSessionFlows} from '../session/story-mark.js';
import {sanitizeDeep} from '../session/sanitize-deep.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

import {UsageError} from './usage.js';

export type SessionsOptions = {
	'log-dir'?: string;
	lang?: string;
	stats?: boolean;
	json?: boolean;
	/** How many sessions to list (default 20). */
	limit?: string;
};

export type CommandIo = {
	write: (text: string) => void;
	/** Notices and warnings (stderr). */
	warn?: (text: string) => void;
	/** Settings location (tests). */
	settings?: SettingsOptions;
	isAlive?: (pid: number) => boolean;
};

const DEFAULT_LIMIT = 20;

export async function sessionsCommand(options: SessionsOptions, io: CommandIo): Promise<number> {
	const warn = io.warn ?? ((text: string) => void process.stderr.write(text));
	const limit = parseLimit(options.limit);
	const context = commandContext(
		{language: parseLanguage(options.lang), logDir: options['log-dir']},
		warn,
		io.settings,
	);
	const {language, logDir} = context;
	const t = sessionStrings(language);
	const clean = (text: string) => sanitizeText(text);
	try {
		if (options.stats) {
			const {sessions, problems} = readAllSessions(logDir);
			for (const problem of problems)
				warn(`${clean(t.unreadable(problem.path, problem.message))}\n`);
			const stats = sessionStats(sessions, io.isAlive);
			if (options.json) {
				io.write(`${JSON.stringify(sanitizeDeep(stats), null, 2)}\n`);
				return 0;
			}
			const lines = [clean(t.statsHeading(stats.sessions, logDir)), '', t.statsOutcomes];
			for (const flow of stats.flows) {
				const counts = END_KINDS.filter((kind) => flow.counts[kind] > 0).map(
					(kind) => `${flow.counts[kind]} ${kindText(kind, language)}`,
				);
				lines.push(
					clean(`  ${flow.id} ${flow.version} (${flow.hash.slice(0, 8)}): ${counts.join(', ')}`),
				);
			}
			lines.push('', t.statsStopped);
			if (stats.stopped.length === 0) lines.push(t.statsStoppedNone);
			for (const stop of stats.stopped) lines.push(clean(`  ${stop.node}: ${stop.count}`));
			lines.push('', t.statsStepTimes);
			for (const step of stats.stepTimes)
				lines.push(
					clean(t.statsStepTime(step.node, formatDuration(step.medianSeconds), step.samples)),
				);
			lines.push('', t.statsLocal);
			io.write(`${lines.join('\n')}\n`);
			return 0;
		}

		const listing = listSessions(logDir, {
			limit,
			isAlive: io.isAlive,
			flowFor: cachedSessionFlows(),
		});
		for (const problem of listing.problems)
			warn(`${clean(t.unreadable(problem.path, problem.message))}\n`);
		for (const session of listing.sessions) {
			const file = `${session.id}.jsonl`;
			for (const warning of session.warnings) {
				warn(
					`${clean(warning.code === 'torn-last-line' ? t.tornLastLine(file) : t.badLine(file, warning.line))}\n`,
				);
			}
			if (session.story)
				warn(`${clean(t.storyBroken(file, session.story.event, session.story.problem))}\n`);
		}
		if (listing.others > 0) warn(`${t.othersSessions(listing.others)}\n`);
		if (options.json) {
			io.write(
				`${JSON.stringify(
					listing.sessions.map((session) => sanitizeDeep(session)),
					null,
					2,
				)}\n`,
			);
			return 0;
		}
		if (listing.sessions.length === 0) {
			io.write(`${clean(t.noSessions(logDir))}\n`);
			return 0;
		}
		const rows = listing.sessions.map((session) => row(session, language));
		io.write(`${clean(t.sessionsIn(logDir))}\n${table(rows).join('\n')}\n`);
		if (listing.total > listing.sessions.length + listing.problems.length)
			io.write(`${t.moreSessions(listing.sessions.length, listing.total)}\n`);
		return 0;
	} catch (error) {
		if (!(error instanceof SessionError)) throw error;
		warn(`w365-triage: ${clean(error.message)}\n`);
		return 1;
	}
}

function parseLimit(value: string | undefined): number {
	if (value === undefined) return DEFAULT_LIMIT;
	if (/^[1-9]\d{0,5}$/.test(value)) return Number(value);
	throw new UsageError(`--limit "${value}" is not a number of sessions: use e.g. --limit 50`);
}

function kindText(
	kind: (typeof END_KINDS)[number],
	language: Parameters<typeof strings>[0],
): string {
	return kind === 'interrupted' || kind === 'unfinished' || kind === 'in-progress'
		? sessionStrings(language).endKind[kind]
		: strings(language).outcome[kind];
}

/** Local date and minute: the people reading this list think in their own time zone. */
export function localTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return sanitizeText(iso);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function row(session: SessionSummary, language: Parameters<typeof strings>[0]): string[] {
	return [
		session.id,
		localTime(session.started),
		`${session.flow.id} ${session.flow.version}`,
		session.language,
		strings(language).step(session.last.step, session.last.node),
		statusText(session, language) +
			(session.story ? ` ${sessionStrings(language).storyMark(session.story.event)}` : ''),
	].map((cell) => sanitizeText(cell));
}

/** Columns padded by display width (Japanese characters take two columns). */
function table(rows: string[][]): string[] {
	const widths = rows[0]!.map((_, column) =>
		Math.max(...rows.map((cells) => textWidth(cells[column]!))),
	);
	return rows.map((cells) =>
		cells
			.map((cell, column) =>
				column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column]! - textWidth(cell)),
			)
			.join('  '),
	);
}
