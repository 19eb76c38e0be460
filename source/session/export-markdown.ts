/** A session as Markdown a person can paste into a ticket, in the report's language. */
import {formatFactValue} from '../facts/fact-values.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {describeEntry, describeOrigin, type Format} from './describe-entry.js';
import {mdCode, mdText} from './markdown-text.js';
import type {ReportEntry, SessionReport} from './session-report.js';
import {sessionStrings} from './session-strings.js';
import {statusText} from './status-text.js';
import {summaryParagraph} from './export-summary.js';
import {localTime, type UtcOffset} from './local-time.js';

const MARKDOWN: Format = {text: mdText, code: mdCode, strong: (value) => `**${value}**`};

/** A table cell: GitHub-flavoured Markdown splits cells at a pipe even inside a code span. */
const cell = (markdown: string) => markdown.replace(/(?<!\\)\|/g, '\\|');

export type ExportTextOptions = {
	fileLabel?: string /** Minutes east of UTC for the times shown (default: this machine's zone). */;
	offset?: UtcOffset;
};

export function toMarkdown(
	report: SessionReport,
	{fileLabel = report.session, offset}: ExportTextOptions = {},
): string {
	const {language} = report;
	const t = sessionStrings(language);
	const ui = strings(language);
	const lines: string[] = [];
	const at = (iso: string) => mdText(localTime(iso, offset));

	lines.push(`# ${mdText(t.exportTitle(report.session))}`, '');
	lines.push(`## ${t.summaryHeading}`, '');
	for (const each of summaryLanguages(report))
		lines.push(mdText(summaryParagraph(report, each, offset)), '');
	const result = report.outcome
		? `**${mdText(ui.outcome[report.outcome])}**`
		: mdText(statusText(report, language));
	lines.push(`- ${t.result}: ${result}${earlierText(report, offset, mdText)}`);
	lines.push(`- ${t.started}: ${at(report.started)}`);
	lines.push(`- ${t.lastEvent}: ${at(report.updated)}`);
	lines.push(`- ${t.sessionLanguage}: ${languageName(report.entries, language)}`);
	lines.push(`- ${t.app}: ${mdText(`${report.app.name} ${report.app.version}`)}`);
	const title =
		report.flow.title && report.flow.status === 'ok' ? `${mdText(report.flow.title)} — ` : '';
	lines.push(`- ${t.flow}: ${title}${mdCode(report.flow.id)} ${mdText(report.flow.version)}`);
	lines.push(`- ${t.flowFile}: ${mdCode(report.flow.file)}`);
	lines.push(`- ${t.flowHash}: ${mdCode(report.flow.hash)}`);
	if (report.flow.status !== 'ok') {
		lines.push(
			'',
			`> ${mdText(t.flowUnavailable(report.flow.status === 'changed' ? t.flowChanged : t.flowMissing))}`,
		);
	}
	if (report.redacted)
		lines.push(
			'',
			`> ${mdText(t.redactedNote('\uE000')).replace('\uE000', () => report.redacted!.map(mdCode).join(', '))}`,
		);

	lines.push('', `## ${t.facts}`, '');
	if (report.facts.length === 0) {
		lines.push(t.noFacts);
	} else {
		lines.push(`| ${t.factColumn} | ${t.valueColumn} | ${t.originColumn} |`, '| --- | --- | --- |');
		for (const fact of report.facts) {
			const cells = [
				mdCode(fact.name),
				mdCode(formatFactValue(fact.value)),
				describeOrigin(fact.origin, fact.via, language, MARKDOWN),
			];
			lines.push(`| ${cells.map(cell).join(' | ')} |`);
		}
	}

	lines.push('', `## ${t.timeline}`, '');
	report.entries.forEach((entry, index) => {
		lines.push(`${index + 1}. ${at(entry.time)} · ${describeEntry(entry, language, MARKDOWN)}`);
	});

	lines.push('', `## ${t.outcomeHeading}`, '');
	if (report.outcome) {
		lines.push(
			`**${mdText(ui.outcome[report.outcome])}**${report.end ? ` — ${mdText(report.end.text)}` : ''}`,
		);
		if (report.end?.helpdesk) lines.push('', `${ui.tellHelpdesk}: ${mdText(report.end.helpdesk)}`);
	} else {
		const where = `${ui.step(report.last.step, report.last.node)}${report.lastText ? ` (${report.lastText})` : ''}`;
		lines.push(mdText(t.notFinished(statusText(report, language), where)));
	}

	if (report.warnings.length > 0) {
		lines.push('', `## ${t.warningsHeading}`, '');
		for (const warning of report.warnings) {
			const text =
				warning.code === 'torn-last-line'
					? t.tornLastLine(fileLabel)
					: t.badLine(fileLabel, warning.line);
			lines.push(`- ${mdText(text)}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

function languageName(entries: readonly ReportEntry[], language: Language): string {
	const start = entries[0];
	const used = start?.type === 'start' ? start.language : language;
	return `${sessionStrings(language).languageName[used]} (${used})`;
}

/** The report's language first, then the flow's others (a ticket may be read in either). */
export function summaryLanguages(report: SessionReport): Language[] {
	return [report.language, ...(report.languages ?? []).filter((each) => each !== report.language)];
}

/** " (earlier: Resolved at …, then restarted)" after the result, when the session left an outcome. */
export function earlierText(
	report: SessionReport,
	offset: UtcOffset | undefined,
	text: (value: string) => string,
): string {
	if (!report.earlier || report.earlier.length === 0) return '';
	const t = sessionStrings(report.language);
	const ui = strings(report.language);
	const list = report.earlier
		.map((earlier) =>
			t.summaryEarlier(ui.outcome[earlier.outcome], localTime(earlier.time, offset), earlier.how),
		)
		.join(' ');
	return ` (${text(t.earlierNote(list))})`;
}
