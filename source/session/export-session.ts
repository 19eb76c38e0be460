/**
 * `export`: a session as Markdown for a ticket or JSON for tools, optionally with personal data
 * replaced. The flow is loaded from the file the session names (its words are shown only when
 * the hash still matches); pass `sessionFlow` to skip the file system.
 */
import type {Language} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {SessionEvent} from './events.js';
import {toMarkdown} from './export-markdown.js';
import {toPlainText} from './export-text.js';
import type {UtcOffset} from './local-time.js';
import {
	personalData,
	type PersonalDataOptions,
	type PersonalItem,
	redactEvents,
} from './personal-data.js';
import type {ReadSession} from './read-session.js';
import {firstEvent} from './rebuild-state.js';
import {sanitizeDeep} from './sanitize-deep.js';
import {loadSessionFlow, type SessionFlow} from './session-flow.js';
import {buildReport, type SessionReport} from './session-report.js';

export type ExportFormat = 'md' | 'text' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'text', 'json'];

export type ExportOptions = {
	format: ExportFormat;
	/** Default: the language the session ended in. */
	language?: Language;
	redact?: boolean;
	sessionFlow?: SessionFlow;
	personal?: PersonalDataOptions;
	/** Minutes east of UTC for the times in md and text (default: this machine's zone). */
	offset?: UtcOffset;
};

export type ExportResult = {
	text: string;
	/** Personal data found (before any redaction): shown to the user before the export. */
	personal: PersonalItem[];
	report: SessionReport;
};

/** The JSON export's format name and version: tools can check them before reading further. */
export const EXPORT_FORMAT = 'w365-triage-session-export';
export const EXPORT_FORMAT_VERSION = 1;

export function exportSession(
	session: Pick<ReadSession, 'events' | 'warnings' | 'path'>,
	options: ExportOptions,
): ExportResult {
	const start = firstEvent(session.events);
	const sessionFlow = options.sessionFlow ?? loadSessionFlow(start);
	const personal = personalData(session.events, options.personal);
	const events: SessionEvent[] = options.redact
		? redactEvents(session.events, personal)
		: [...session.events];
	const language = options.language ?? lastLanguage(events);
	const report = buildReport(events, {
		language,
		sessionFlow,
		warnings: session.warnings,
		...(options.redact ? {redacted: personal.map((item) => item.placeholder)} : {}),
	});
	// The file's name only: its directory may name the user.
	const fileLabel = `${start.session}.jsonl`;
	const textOptions = {
		fileLabel: sanitizeText(fileLabel),
		...(options.offset ? {offset: options.offset} : {}),
	};
	const text =
		options.format === 'md'
			? toMarkdown(report, textOptions)
			: options.format === 'text'
				? toPlainText(report, textOptions)
				: `${JSON.stringify(sanitizeDeep({format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, ...report}), null, 2)}\n`;
	return {text, personal, report};
}

function lastLanguage(events: readonly SessionEvent[]): Language {
	let language = firstEvent(events).language;
	for (const event of events) if (event.type === 'language') language = event.language;
	return language;
}
