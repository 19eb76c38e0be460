/**
 * `export [SESSION] --format md|text|json [--redact] [--lang ja|en]`: a session for a ticket
 * (Markdown, or plain text for tools that show Markdown raw) or for tools (JSON) on stdout; the
 * newest session when none is named (said on stderr). Personal data found in the session is
 * listed on stderr first, so the person sees what they are about to paste somewhere.
 */
import {commandContext} from '../session/command-context.js';
import {parseLanguage} from './parse-options.js';
import {EXPORT_FORMATS, type ExportFormat, exportSession} from '../session/export-session.js';
import {listSessions} from '../session/list-sessions.js';
import {localTime} from '../session/local-time.js';
import type {PersonalDataOptions, PersonalItem} from '../session/personal-data.js';
import {readSessionFile, resolveSession} from '../session/read-session.js';
import {SessionError} from '../session/session-error.js';
import {loadSessionFlow} from '../session/session-flow.js';
import {sessionStrings} from '../session/session-strings.js';
import {checkStory} from '../session/story-check.js';
import {markExport} from '../session/story-mark.js';
import type {Language} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

import type {CommandIo} from './sessions-command.js';
import {UsageError} from './usage.js';

export type ExportCommandOptions = {
	/** Session id (or the start of one) or the path of a session file. */
	session?: string;
	format?: string;
	redact?: boolean;
	lang?: string;
	'log-dir'?: string;
};

export async function exportCommand(
	options: ExportCommandOptions,
	io: CommandIo & {personal?: PersonalDataOptions},
): Promise<number> {
	const warn = io.warn ?? ((text: string) => void process.stderr.write(text));
	const format = (options.format ?? 'md') as ExportFormat;
	if (!EXPORT_FORMATS.includes(format))
		throw new UsageError(
			`--format "${options.format}" is not supported here: use --format md, --format text or --format json`,
		);
	const requested = parseLanguage(options.lang);
	const context = commandContext(
		{language: requested, logDir: options['log-dir']},
		warn,
		io.settings,
	);
	try {
		const session = readSessionFile(
			options.session
				? resolveSession(options.session, context.logDir)
				: newestSession(context.logDir, requested ?? context.language, warn),
		);
		const sessionFlow = loadSessionFlow(session.start);
		const result = exportSession(session, {
			format,
			redact: options.redact,
			sessionFlow,
			...(requested ? {language: requested} : {}),
			personal: io.personal,
		});
		const language = result.report.language;
		const t = sessionStrings(language);
		// A log that stops making sense is marked as such, not presented as fact (story-check.ts).
		const story = checkStory(
			session.events,
			sessionFlow.status === 'ok' ? sessionFlow.flow : undefined,
		);
		const storySentence = story.ok
			? ''
			: t.storyBroken(`${session.id}.jsonl`, story.event, story.problem);
		if (!story.ok) warn(`${sanitizeText(storySentence)}\n`);
		for (const warning of session.warnings) {
			const file = `${session.id}.jsonl`;
			warn(
				`${sanitizeText(warning.code === 'torn-last-line' ? t.tornLastLine(file) : t.badLine(file, warning.line))}\n`,
			);
		}
		warn(`${personalSummary(result.personal, Boolean(options.redact), language)}\n`);
		io.write(markExport(result.text, format, story, storySentence));
		return 0;
	} catch (error) {
		if (!(error instanceof SessionError)) throw error;
		warn(`w365-triage: ${sanitizeText(error.message)}\n`);
		return 1;
	}
}

/** The newest session in the log directory, said on stderr so nobody exports the wrong one. */
function newestSession(logDir: string, language: Language, warn: (text: string) => void): string {
	// Not {limit: 1}: the newest file may be another user's, which the listing leaves out.
	const newest = listSessions(logDir).sessions[0];
	if (!newest)
		throw new SessionError(
			`no session to export in ${logDir}: start the triage first, or name a session (w365-triage export SESSION, or --log-dir DIR)`,
		);
	warn(
		`${sanitizeText(sessionStrings(language).newestSession(newest.id, localTime(newest.started)))}\n`,
	);
	return newest.path;
}

/** One line: what personal data the export holds (or held, before --redact replaced it). */
export function personalSummary(
	items: readonly PersonalItem[],
	redacted: boolean,
	language: Language,
): string {
	const t = sessionStrings(language);
	if (items.length === 0) return t.personalNone;
	if (redacted) return t.personalRedacted(items.length);
	return sanitizeText(
		t.personalFound(
			items
				.map((item) => `${t.personalKind[item.kind]} ${item.value} (${item.where.join(', ')})`)
				.join('; '),
		),
	);
}
