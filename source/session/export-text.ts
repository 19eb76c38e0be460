/**
 * A session as plain text, for ticket tools that show Markdown raw (ServiceNow work notes, many
 * e-mail clients): no #, **, backticks or tables, one line per event, the same content as the
 * Markdown export.
 */
import {formatFactValue} from '../facts/fact-values.js';
import {strings} from '../i18n/strings.js';
import {describeEntry, describeOrigin, PLAIN} from './describe-entry.js';
import {earlierText, type ExportTextOptions, summaryLanguages} from './export-markdown.js';
import {summaryParagraph} from './export-summary.js';
import {localTime} from './local-time.js';
import type {SessionReport} from './session-report.js';
import {sessionStrings} from './session-strings.js';
import {statusText} from './status-text.js';

export function toPlainText(
	report: SessionReport,
	{fileLabel = report.session, offset}: ExportTextOptions = {},
): string {
	const {language} = report;
	const t = sessionStrings(language);
	const ui = strings(language);
	const text = PLAIN.text;
	const at = (iso: string) => localTime(iso, offset);
	const lines: string[] = [];

	lines.push(text(t.exportTitle(report.session)), '');
	lines.push(`${t.summaryHeading}:`);
	for (const each of summaryLanguages(report))
		lines.push(text(summaryParagraph(report, each, offset)), '');
	const result = report.outcome ? ui.outcome[report.outcome] : statusText(report, language);
	lines.push(`${t.result}: ${text(result)}${earlierText(report, offset, text)}`);
	lines.push(`${t.started}: ${at(report.started)}`);
	lines.push(`${t.lastEvent}: ${at(report.updated)}`);
	lines.push(
		`${t.sessionLanguage}: ${t.languageName[startLanguage(report)]} (${startLanguage(report)})`,
	);
	lines.push(`${t.app}: ${text(`${report.app.name} ${report.app.version}`)}`);
	const title =
		report.flow.title && report.flow.status === 'ok' ? `${text(report.flow.title)} — ` : '';
	lines.push(`${t.flow}: ${title}${text(report.flow.id)} ${text(report.flow.version)}`);
	lines.push(`${t.flowFile}: ${text(report.flow.file)}`);
	lines.push(`${t.flowHash}: ${text(report.flow.hash)}`);
	if (report.flow.status !== 'ok')
		lines.push(
			text(t.flowUnavailable(report.flow.status === 'changed' ? t.flowChanged : t.flowMissing)),
		);
	if (report.redacted) lines.push(text(t.redactedNote(report.redacted.join(', '))));

	lines.push('', `${t.facts}:`);
	if (report.facts.length === 0) lines.push(`  ${t.noFacts}`);
	for (const fact of report.facts) {
		lines.push(
			`  ${text(fact.name)}: ${text(formatFactValue(fact.value))} (${describeOrigin(fact.origin, fact.via, language, PLAIN)})`,
		);
	}

	lines.push('', `${t.timeline}:`);
	report.entries.forEach((entry, index) =>
		lines.push(`${index + 1}. ${at(entry.time)} · ${describeEntry(entry, language, PLAIN)}`),
	);

	lines.push('', `${t.outcomeHeading}:`);
	if (report.outcome) {
		lines.push(`${ui.outcome[report.outcome]}${report.end ? ` — ${text(report.end.text)}` : ''}`);
		if (report.end?.helpdesk) lines.push(`${ui.tellHelpdesk}: ${text(report.end.helpdesk)}`);
	} else {
		const where = `${ui.step(report.last.step, report.last.node)}${report.lastText ? ` (${report.lastText})` : ''}`;
		lines.push(text(t.notFinished(statusText(report, language), where)));
	}

	if (report.warnings.length > 0) {
		lines.push('', `${t.warningsHeading}:`);
		for (const warning of report.warnings) {
			lines.push(
				`- ${text(warning.code === 'torn-last-line' ? t.tornLastLine(fileLabel) : t.badLine(fileLabel, warning.line))}`,
			);
		}
	}
	return `${lines.join('\n')}\n`;
}

function startLanguage(report: SessionReport) {
	const start = report.entries[0];
	return start?.type === 'start' ? start.language : report.language;
}
