/**
 * The paragraph at the top of an export: what was found, what to do, and how the session ended,
 * with the real facts ("Windows 11 24H2, build 26100.7623 → install KB5077744 or later
 * (26100.7627+). Outcome: Resolved."), in every language of the flow, so a ticket can be read by
 * the user and by support staff who read the other language.
 */
import type {Language, Outcome} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {SessionEvent} from './events.js';
import type {Facts} from '../facts/fact-values.js';
import {machineAndFix} from '../view/known-build.js';
import {localTime, type UtcOffset} from './local-time.js';
import type {SessionReport} from './session-report.js';
import {sessionStrings} from './session-strings.js';
import {statusText} from './status-text.js';

/** An outcome the session reached and then left (went back from it, or restarted). */
export type EarlierOutcome = {outcome: Outcome; time: string; how: 'back' | 'restart'};

export function earlierOutcomes(events: readonly SessionEvent[]): EarlierOutcome[] {
	const earlier: EarlierOutcome[] = [];
	let reached: {outcome: Outcome; time: string} | undefined;
	for (const event of events) {
		if (event.type === 'outcome') reached = {outcome: event.outcome, time: event.time};
		else if (event.type === 'back' || event.type === 'restart') {
			if (reached) earlier.push({...reached, how: event.type});
			reached = undefined;
		} else if (event.type === 'answer') reached = undefined;
	}
	return earlier;
}

export function summaryParagraph(
	report: SessionReport,
	language: Language,
	offset?: UtcOffset,
): string {
	const t = sessionStrings(language);
	const ui = strings(language);
	const facts = Object.fromEntries(report.facts.map(({name, ...fact}) => [name, fact])) as Facts;
	const known =
		machineAndFix(facts, report.fix?.[language], language) ??
		t.summaryMachine(undefined, undefined);
	const sentences = [`${known}${language === 'ja' ? '。' : '.'}`];
	for (const earlier of report.earlier ?? [])
		sentences.push(
			t.summaryEarlier(ui.outcome[earlier.outcome], localTime(earlier.time, offset), earlier.how),
		);
	if (report.outcome) sentences.push(t.summaryOutcome(ui.outcome[report.outcome]));
	else
		sentences.push(
			t.summaryNotFinished(
				statusText(report, language),
				`${ui.step(report.last.step, report.last.node)}${report.lastText ? ` (${report.lastText})` : ''}`,
			),
		);
	return sentences.join(language === 'ja' ? '' : ' ');
}
