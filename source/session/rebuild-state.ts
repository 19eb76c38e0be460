/**
 * Resume: replays a session's events through the engine to get back to where the person was.
 * A session is only replayed against the exact flow it was recorded with (same content hash):
 * the same answer id could lead somewhere else in an edited flow, and a resumed triage that
 * silently skipped a backup gate would be worse than starting over.
 */
import * as engine from '../engine/engine.js';
import type {State} from '../engine/engine.js';
import {startAt} from '../engine/entry-points.js';
import type {Facts} from '../facts/fact-values.js';
import {FACT_NAMES, type FactName, type Flow, type Language} from '../flow/schema.js';
import type {SessionEvent, StartEvent} from './events.js';
import {hashFlow} from './flow-hash.js';
import {FlowMismatchError, SessionError, SessionReplayError} from './session-error.js';

export type Rebuilt = {state: State; language: Language};

/** Facts as the session started: detected or given ones (answered facts come from the path). */
export function startFacts(start: StartEvent): Facts {
	const facts: Facts = {};
	for (const [name, fact] of Object.entries(start.facts)) {
		if (!(FACT_NAMES as readonly string[]).includes(name) || !fact || fact.origin === 'answered') continue;
		facts[name as FactName] = {value: fact.value, origin: fact.origin, ...(fact.via !== undefined ? {via: fact.via} : {})};
	}
	return facts;
}

/** Refuses (FlowMismatchError) unless `flowSource` is the text the session was recorded with. */
export function checkFlowHash(start: StartEvent, flowSource: string): void {
	const actual = hashFlow(flowSource);
	if (actual === start.flow.hash) return;
	throw new FlowMismatchError(
		`session ${start.session} was recorded with flow ${start.flow.id} ${start.flow.version} (sha256 ${start.flow.hash.slice(0, 12)}…), ` +
			`but the flow file now has sha256 ${actual.slice(0, 12)}…: the flow has changed since, so the answers cannot be replayed on it. ` +
			`Start a new session, or use the flow file the session was recorded with (${start.flow.file}).`,
		start.flow.hash,
		actual,
	);
}

export function firstEvent(events: readonly SessionEvent[]): StartEvent {
	const start = events[0];
	if (!start || start.type !== 'start') throw new SessionError('the session log does not begin with a start event, so it cannot be replayed');
	return start;
}

/** Where the session began: the flow's start, or the node it was opened at (--at), which must
 * still be a node a walk may begin at (never past a backup gate, whatever the log says). */
function beginning(flow: Flow, start: StartEvent): State {
	if (start.node === flow.start) return engine.start(flow, startFacts(start));
	try {
		return startAt(flow, startFacts(start), start.node);
	} catch (error) {
		if (error instanceof engine.EngineError) throw new SessionError(`session ${start.session} began at a node it cannot begin at: ${error.message}`);
		throw error;
	}
}

export function rebuildState(events: readonly SessionEvent[], flow: Flow, flowSource: string): Rebuilt {
	const start = firstEvent(events);
	checkFlowHash(start, flowSource);
	if (start.flow.id !== flow.id) {
		throw new FlowMismatchError(`session ${start.session} walked flow "${start.flow.id}", not "${flow.id}"`, start.flow.id, flow.id);
	}
	let rebuilt: Rebuilt = {state: beginning(flow, start), language: start.language};
	events.forEach((event, index) => {
		if (index > 0) rebuilt = applyEvent(rebuilt, event, index + 1);
	});
	return rebuilt;
}

/**
 * One event's transition. `position` (1-based) names the event in errors. Events that change
 * nothing (outcome, interrupted) are checked against the state but otherwise pass through.
 */
export function applyEvent({state, language}: Rebuilt, event: SessionEvent, position: number): Rebuilt {
	const here = engine.currentStep(state).node;
	const fail = (what: string): never => {
		throw new SessionReplayError(
			`event ${position} (${event.type} at step ${event.step} · ${event.node}) cannot be replayed: ${what}. The log does not match the flow; start a new session.`,
		);
	};
	if (event.type !== 'start' && event.type !== 'fact' && event.type !== 'language' && event.node !== here) {
		fail(`the walk is at ${here}, not ${event.node}`);
	}
	try {
		switch (event.type) {
			case 'start':
				return fail('a session has only one start event');
			case 'answer': {
				const next = engine.answer(state, event.answer, {auto: event.auto ?? false});
				const reached = engine.currentStep(next).node;
				if (reached !== event.next) fail(`the answer now leads to ${reached}, not ${event.next}`);
				return {state: next, language};
			}
			case 'ack':
				return {state: engine.acknowledge(state, event.item), language};
			case 'not-applicable':
				return {state: engine.markNotApplicable(state, event.item, event.reason), language};
			case 'back': {
				// The event says where the walk went back to; find how many answered steps that was.
				for (let count = 1; count <= state.path.length; count++) {
					const result = engine.back(state, count);
					if (engine.stepNumber(result.state) === event.to.step && engine.currentStep(result.state).node === event.to.node) {
						return {state: result.state, language};
					}
				}
				return fail(`going back from here never reaches step ${event.to.step} · ${event.to.node}`);
			}
			case 'restart':
				return {state: engine.restart(state), language};
			case 'fact':
				return {state: engine.setFact(state, event.name, event.value, event.origin, event.via), language};
			case 'language':
				return {state, language: state.flow.languages.includes(event.language) ? event.language : language};
			case 'outcome':
				if (engine.outcome(state) !== event.outcome) fail(`the walk is not at a "${event.outcome}" outcome`);
				return {state, language};
			case 'interrupted':
				return {state, language};
		}
	} catch (error) {
		if (error instanceof engine.EngineError) fail(error.message);
		throw error;
	}
}
