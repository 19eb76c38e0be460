/**
 * One line for each logged event, in words: shared by the Markdown export and `watch`, which
 * differ only in how text, code and emphasis are written (the Format).
 */
import {formatFactValue} from '../facts/fact-values.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {ReportEntry} from './session-report.js';
import {sessionStrings} from './session-strings.js';

export type Format = {
	/** Words (escaped as the format needs). */
	text(value: string): string;
	/** An id, value or path. */
	code(value: string): string;
	/** What was chosen. */
	strong(value: string): string;
};

export const PLAIN: Format = {
	text: (value) => sanitizeText(value).replace(/\s*[\r\n]+\s*/g, ' '),
	code: (value) => sanitizeText(value).replace(/\s*[\r\n]+\s*/g, ' '),
	strong: (value) => value,
};

/** Slots in a translated sentence for parts already in the format (code, emphasis). */
const SLOT = ['\uE000', '\uE001'] as const;

function fill(format: Format, sentence: string, ...parts: string[]): string {
	return parts.reduce(
		(text, part, index) => text.replace(SLOT[index]!, () => part),
		format.text(sentence),
	);
}

/** "Step 3 · spooler — Restart the print spooler → It still does not print (still-broken)" */
export function describeEntry(entry: ReportEntry, language: Language, format: Format): string {
	const t = sessionStrings(language);
	const ui = strings(language);
	const place = format.text(ui.step(entry.step, entry.node));
	const about = entry.nodeText ? ` — ${format.text(entry.nodeText)}` : '';
	switch (entry.type) {
		case 'start':
			return `${place} — ${format.text(t.sessionStarted(`${entry.flow.id} ${entry.flow.version}`, t.languageName[entry.language]))}`;
		case 'answer': {
			const auto = entry.auto ? format.text(t.automatic) : '';
			if (entry.continued)
				return `${place}${about} → ${fill(format, t.continuedTo(SLOT[0]), format.code(entry.next))}${auto}`;
			const chosen = entry.label
				? `${format.strong(format.text(entry.label))} (${format.code(entry.answer)})`
				: format.code(entry.answer);
			return `${place}${about} → ${chosen}${auto}`;
		}
		case 'ack': {
			const item = entry.label
				? `${format.text(entry.label)} (${format.code(entry.item)})`
				: format.code(entry.item);
			return `${place} — ${fill(format, entry.undo ? t.unconfirmed(SLOT[0]) : t.confirmed(SLOT[0]), item)}`;
		}
		case 'not-applicable': {
			const item = entry.label
				? `${format.text(entry.label)} (${format.code(entry.item)})`
				: format.code(entry.item);
			return `${place} — ${fill(format, t.notApplicable(SLOT[0], SLOT[1]), item, format.text(entry.reason))}`;
		}
		case 'back': {
			const parts = [format.text(t.wentBack(ui.step(entry.to.step, entry.to.node)))];
			const answers = entry.invalidated.answers.map((answer) => `${answer.node}=${answer.answer}`);
			const acks = entry.invalidated.acks.map((ack) => `${ack.node}:${ack.item}`);
			if (answers.length > 0) parts.push(format.text(t.droppedAnswers(answers.join(', '))));
			if (acks.length > 0) parts.push(format.text(t.droppedAcks(acks.join(', '))));
			return `${place} — ${parts.join('; ')}`;
		}
		case 'restart':
			return `${place} — ${format.text(t.restarted)}`;
		case 'fact':
			return `${place} — ${fill(format, t.factSet(SLOT[0], SLOT[1], '\uE002'), format.code(entry.name), format.code(formatFactValue(entry.value))).replace('\uE002', () => describeOrigin(entry.origin, entry.via, language, format))}`;
		case 'language':
			return `${place} — ${format.text(t.languageSwitched(t.languageName[entry.language]))}`;
		case 'outcome':
			return `${place} — ${format.text(t.outcomeReached(ui.outcome[entry.outcome]))}`;
		case 'interrupted':
			return `${place} — ${format.text(t.interruptedAt(t.reason[entry.reason]))}`;
	}
}

/** "detected registry" / "given by --fact": where a fact came from. */
export function describeOrigin(
	origin: keyof ReturnType<typeof strings>['origin'],
	via: string | undefined,
	language: Language,
	format: Format,
): string {
	const ui = strings(language);
	return `${format.text(ui.origin[origin])}${via ? `: ${format.code(via)}` : ''}`;
}
