/**
 * The shape each logged event must have before anything trusts it. A log is untrusted input
 * (it may be mailed in from another machine, or be cut short), so a line that is valid JSON but
 * not a valid event is skipped with a warning instead of crashing a replay later. Objects are
 * loose: a newer app may add fields (the log format only ever grows).
 */
import * as v from 'valibot';
import {FACT_NAMES} from '../facts/fact-names.js';
import {OUTCOMES} from '../flow/format-words.js';
import type {SessionEvent} from './events.js';

const text = v.string();
const language = v.picklist(['ja', 'en']);
const factName = v.picklist(FACT_NAMES);
const factValue = v.union([v.string(), v.array(v.string())]);
const origin = v.picklist(['detected', 'flag', 'file', 'answered', 'corrected']);
const fact = v.looseObject({value: factValue, origin, via: v.optional(text)});
const place = {step: v.pipe(v.number(), v.integer(), v.minValue(1)), node: text};
const base = {time: text, ...place, pid: v.optional(v.number())};

const EventSchema = v.variant('type', [
	v.looseObject({
		type: v.literal('start'),
		...base,
		session: text,
		app: v.looseObject({name: v.literal('w365-triage'), version: text}),
		flow: v.looseObject({id: text, version: text, hash: text, file: text}),
		language,
		// Any name: a fact a newer app knows must not make the whole session unreadable.
		facts: v.record(text, fact),
	}),
	v.looseObject({
		type: v.literal('answer'),
		...base,
		answer: text,
		next: text,
		auto: v.optional(v.boolean()),
	}),
	v.looseObject({type: v.literal('ack'), ...base, item: text, undo: v.optional(v.boolean())}),
	v.looseObject({type: v.literal('not-applicable'), ...base, item: text, reason: text}),
	v.looseObject({
		type: v.literal('back'),
		...base,
		to: v.looseObject(place),
		invalidated: v.looseObject({
			answers: v.array(v.looseObject({node: text, answer: text})),
			acks: v.array(v.looseObject({node: text, item: text})),
		}),
	}),
	v.looseObject({type: v.literal('restart'), ...base}),
	v.looseObject({
		type: v.literal('fact'),
		...base,
		name: factName,
		value: factValue,
		origin,
		via: v.optional(text),
	}),
	v.looseObject({type: v.literal('language'), ...base, language}),
	v.looseObject({type: v.literal('outcome'), ...base, outcome: v.picklist(OUTCOMES)}),
	v.looseObject({
		type: v.literal('interrupted'),
		...base,
		reason: v.picklist(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'quit', 'eof', 'gate']),
	}),
]);

/** The event, or undefined when the value is not a valid event. */
export function parseEvent(value: unknown): SessionEvent | undefined {
	const result = v.safeParse(EventSchema, value);
	return result.success ? (result.output as SessionEvent) : undefined;
}
