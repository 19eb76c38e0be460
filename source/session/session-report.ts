/**
 * A session as a report: what the export formats (Markdown, JSON) render. Every event becomes an
 * entry with the words the person saw (from the recorded flow, in the report's language) beside
 * the ids, and the facts in force at the end say where each came from.
 */
import {effectiveFacts} from '../engine/engine.js';
import type {Fact} from '../facts/fact-values.js';
import type {FactName, Flow, Language, Outcome} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import {localize} from '../flow/text.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {SessionEvent, StartEvent} from './events.js';
import {answerLabel, endTexts, gateItemText, isContinue, nodeText} from './flow-labels.js';
import {type Place, type SessionStatus, summarizeSession} from './list-sessions.js';
import type {SessionWarning} from './read-session.js';
import {rebuildState, startFacts} from './rebuild-state.js';
import type {SessionFlow} from './session-flow.js';
import {type EarlierOutcome, earlierOutcomes} from './export-summary.js';
import {type KnownFix, knownFix} from './known-fix.js';

export type ReportEntry = SessionEvent & {
	/** The node's title or question (when the flow is known). */
	nodeText?: string;
	/** For an answer: the label of the choice; for an ack: the item's text. */
	label?: string;
	/** The answer only carried on (detect, instruction step). */
	continued?: boolean;
};

export type ReportFact = {
	name: FactName;
	value: Fact['value'];
	origin: Fact['origin'];
	via?: string;
};

export type SessionReport = {
	session: string;
	/** Language of the words in this report. */
	language: Language;
	app: StartEvent['app'];
	flow: StartEvent['flow'] & {title?: string; status: SessionFlow['status']};
	started: string;
	updated: string;
	status: SessionStatus;
	outcome?: Outcome;
	reason?: string;
	last: Place;
	lastText?: string;
	facts: ReportFact[];
	entries: ReportEntry[];
	/** The end node's text and what to tell the helpdesk. */
	end?: {text: string; helpdesk?: string};
	warnings: SessionWarning[];
	/** Placeholders that replaced personal data (with --redact). */
	redacted?: string[];
	/** Outcomes reached and then left (gone back from, or restarted), oldest first. */
	earlier?: EarlierOutcome[];
	/** The flow's languages, when the flow is known: the summary is given in each. */
	languages?: Language[];
	/** The fix the flow knows for these facts, in each of the flow's languages. */
	fix?: Partial<Record<Language, KnownFix>>;
};

export type ReportOptions = {
	language: Language;
	sessionFlow: SessionFlow;
	warnings?: SessionWarning[];
	redacted?: string[];
	path?: string;
};

export function buildReport(
	events: readonly SessionEvent[],
	options: ReportOptions,
): SessionReport {
	const start = events[0] as StartEvent;
	const {language, sessionFlow} = options;
	const flow = sessionFlow.status === 'ok' ? sessionFlow.flow : undefined;
	const summary = summarizeSession({
		id: start.session,
		path: options.path ?? '',
		start,
		events: [...events],
		warnings: options.warnings ?? [],
		completeBytes: 0,
	});
	const entries = events.map((event) => reportEntry(event, flow, language));
	const end = summary.outcome ? endTexts(flow, summary.last.node, language) : undefined;
	const lastText = nodeText(flow, summary.last.node, language);
	const atEnd = factsAtEnd(events, sessionFlow);
	const earlier = earlierOutcomes(events);
	const fix: Partial<Record<Language, KnownFix>> = {};
	if (flow && sessionFlow.status === 'ok') {
		for (const each of flow.languages) {
			const found = knownFix(flow, atEnd.facts, atEnd.path, each);
			if (found) fix[each] = found;
		}
	}
	return {
		session: start.session,
		language,
		app: start.app,
		flow: {
			...start.flow,
			...(sessionFlow.status !== 'missing'
				? {title: sanitizeText(localize(sessionFlow.flow.title, language))}
				: {}),
			status: sessionFlow.status,
		},
		started: summary.started,
		updated: summary.updated,
		status: summary.status,
		...(summary.outcome ? {outcome: summary.outcome} : {}),
		...(summary.reason ? {reason: summary.reason} : {}),
		last: summary.last,
		...(lastText !== undefined ? {lastText} : {}),
		facts: reportFacts(atEnd.facts),
		entries,
		...(end ? {end} : {}),
		warnings: options.warnings ?? [],
		...(options.redacted && options.redacted.length > 0 ? {redacted: options.redacted} : {}),
		...(flow ? {languages: [...flow.languages]} : {}),
		...(earlier.length > 0 ? {earlier} : {}),
		...(Object.keys(fix).length > 0 ? {fix} : {}),
	};
}

/** An event with the words the person saw: the node's text, the answer's or item's label. */
export function reportEntry(
	event: SessionEvent,
	flow: Flow | undefined,
	language: Language,
): ReportEntry {
	const {pid: _pid, ...entry} = event;
	const extra: Partial<ReportEntry> = {};
	const text = nodeText(flow, event.node, language);
	if (text !== undefined) extra.nodeText = text;
	if (event.type === 'answer') {
		const label = answerLabel(flow, event.node, event.answer, language);
		if (label !== undefined) extra.label = label;
		if (isContinue(flow, event.node)) extra.continued = true;
	}
	if (event.type === 'ack' || event.type === 'not-applicable') {
		const label = gateItemText(flow, event.node, event.item, language);
		if (label !== undefined) extra.label = label;
	}
	return {...entry, ...extra} as ReportEntry;
}

/** Facts in force at the end: rebuilt through the engine when the flow is known (so answered
 * facts are included and dropped ones are not), else the start facts updated by fact events.
 * With the flow, also the path walked (the nodes that are on it at the end). */
function factsAtEnd(
	events: readonly SessionEvent[],
	sessionFlow: SessionFlow,
): {facts: Partial<Record<FactName, Fact>>; path: string[]} {
	if (sessionFlow.status === 'ok') {
		try {
			const {state} = rebuildState(events, sessionFlow.flow, sessionFlow.hash);
			return {facts: effectiveFacts(state), path: state.path.map((step) => step.node)};
		} catch {
			// The log does not replay on this flow: fall back to the events alone.
		}
	}
	const facts: Partial<Record<FactName, Fact>> = startFacts(events[0] as StartEvent);
	for (const event of events) {
		if (event.type === 'fact')
			facts[event.name] = {
				value: event.value,
				origin: event.origin,
				...(event.via !== undefined ? {via: event.via} : {}),
			};
	}
	return {facts, path: []};
}

function reportFacts(facts: Partial<Record<FactName, Fact>>): ReportFact[] {
	return FACT_NAMES.flatMap((name) => {
		const fact = facts[name];
		return fact
			? [
					{
						name,
						value: fact.value,
						origin: fact.origin,
						...(fact.via !== undefined ? {via: fact.via} : {}),
					},
				]
			: [];
	});
}
