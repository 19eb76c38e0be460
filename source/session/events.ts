/**
 * The session log's events: one JSON object per line (JSON Lines), appended as each happens.
 * This is a contract (README, "Session log"): other tools read it. Add fields, never rename.
 */
import type {Fact, FactValue, FactOrigin} from '../facts/fact-values.js';
import type {FactName, Language, Outcome} from '../flow/schema.js';

type Base = {
	/** ISO 8601 time the event happened. */
	time: string;
	/** 1-based step number when it happened, and the node id (what people say on a call). */
	step: number;
	node: string;
	/** Process id of the writer: tells a live session ("in progress") from one whose program was
	 * killed ("unfinished"), even after a resume appended from another process. */
	pid?: number;
};

export type StartEvent = Base & {
	type: 'start';
	session: string;
	app: {name: 'w365-triage'; version: string};
	flow: {id: string; version: string; hash: string; file: string};
	language: Language;
	facts: Partial<Record<FactName, Fact>>;
};

export type AnswerEvent = Base & {type: 'answer'; answer: string; next: string; auto?: boolean};
/** `undo`: the person took the confirmation back (the item is unticked again). */
export type AckEvent = Base & {type: 'ack'; item: string; undo?: boolean};
/** A backup item marked "not applicable here" by a person, with their reason. */
export type NotApplicableEvent = Base & {type: 'not-applicable'; item: string; reason: string};
export type BackEvent = Base & {
	type: 'back';
	/** Where the walk went back to. */
	to: {step: number; node: string};
	invalidated: {answers: {node: string; answer: string}[]; acks: {node: string; item: string}[]};
};
export type RestartEvent = Base & {type: 'restart'};
export type FactEvent = Base & {
	type: 'fact';
	name: FactName;
	value: FactValue;
	origin: FactOrigin;
	via?: string;
};
export type LanguageEvent = Base & {type: 'language'; language: Language};
export type OutcomeEvent = Base & {type: 'outcome'; outcome: Outcome};
export type InterruptedEvent = Base & {
	type: 'interrupted';
	/** What ended the session: a signal name, "quit" (q), "eof" (input ended) or "gate" (exit 3). */
	reason: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT' | 'quit' | 'eof' | 'gate';
};

export type SessionEvent =
	| StartEvent
	| AnswerEvent
	| AckEvent
	| NotApplicableEvent
	| BackEvent
	| RestartEvent
	| FactEvent
	| LanguageEvent
	| OutcomeEvent
	| InterruptedEvent;

/** An event as a front end reports it; the session adds the time. */
export type SessionEventInput = SessionEvent extends infer E
	? E extends SessionEvent
		? Omit<E, 'time'>
		: never
	: never;
