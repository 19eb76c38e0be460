/**
 * Resume: replays a session's events through the engine to get back to where the person was.
 * A session is only replayed against the exact flow it was recorded with (same content hash):
 * the same answer id could lead somewhere else in an edited flow, and a resumed triage that
 * silently skipped a backup gate would be worse than starting over.
 */
import * as engine from '../engine/engine.js';
import type {State} from '../engine/engine.js';
import {startAt} from '../engine/entry-points.js';
import type {Fact, Facts} from '../facts/fact-values.js';
import type {FactName, Flow, Language} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import type {SessionEvent, StartEvent} from './events.js';
import {FlowMismatchError, SessionError, SessionReplayError} from './session-error.js';

export type Rebuilt = {state: State; language: Language};

/** Facts as the session started: detected or given ones (answered facts come from the path). */
export function startFacts(start: StartEvent): Facts {
	const facts: Facts = {};
	for (const [name, fact] of Object.entries(start.facts)) {
		if (!(FACT_NAMES as readonly string[]).includes(name) || !fact || fact.origin === 'answered')
			continue;
		facts[name as FactName] = {
			value: fact.value,
			origin: fact.origin,
			...(fact.via !== undefined ? {via: fact.via} : {}),
		};
	}
	return facts;
}

/** Refuses (FlowMismatchError) unless `flowHash` is the hash of the text the session was recorded
 * with (hashFlow). */
export function checkFlowHash(start: StartEvent, flowHash: string): void {
	if (flowHash === start.flow.hash) return;
	throw new FlowMismatchError(
		`session ${start.session} was recorded with flow ${start.flow.id} ${start.flow.version} (sha256 ${start.flow.hash.slice(0, 12)}…), ` +
			`but the flow file now has sha256 ${flowHash.slice(0, 12)}…: the flow has changed since, so the answers cannot be replayed on it. ` +
			`Start a new session, or use the flow file the session was recorded with (${start.flow.file}).`,
		start.flow.hash,
		flowHash,
	);
}

export function firstEvent(events: readonly SessionEvent[]): StartEvent {
	const start = events[0];
	if (start?.type !== 'start')
		throw new SessionError(
			'the session log does not begin with a start event, so it cannot be replayed',
		);
	return start;
}

/** Where the session began: the flow's start, or the node it was opened at (--at), which must
 * still be a node a walk may begin at (never past a backup gate, whatever the log says). */
function beginning(flow: Flow, start: StartEvent): State {
	if (start.node === flow.start) return engine.start(flow, startFacts(start));
	try {
		return startAt(flow, startFacts(start), start.node);
	} catch (error) {
		if (error instanceof engine.EngineError)
			throw new SessionError(
				`session ${start.session} began at a node it cannot begin at: ${error.message}`,
			);
		throw error;
	}
}

export function rebuildState(
	events: readonly SessionEvent[],
	flow: Flow,
	flowHash: string,
): Rebuilt {
	const start = firstEvent(events);
	checkFlowHash(start, flowHash);
	if (start.flow.id !== flow.id) {
		throw new FlowMismatchError(
			`session ${start.session} walked flow "${start.flow.id}", not "${flow.id}"`,
			start.flow.id,
			flow.id,
		);
	}
	const replay = startReplay(start, flow);
	events.forEach((event, index) => {
		if (index > 0) replay.apply(event, index + 1);
	});
	return replay.current();
}

export type Replay = {
	/** One event's transition; `position` (1-based) names the event in errors. */
	apply(event: SessionEvent, position: number): void;
	/** The state so far (a copy: the replay goes on). */
	current(): Rebuilt;
};

/**
 * Replays events one by one, in time that does not grow with the length of the path: a session
 * of 100,000 events exports, resumes and is watched in about a second, where copying the path on
 * every answer (as the engine's immutable transitions do) took minutes.
 *
 * Every decision is still the engine's. Each is taken on a window: a state holding only the
 * current step (plus the last gate passed, which entering a destructive node needs) and the facts
 * in force. That is all the engine looks at for an answer, an acknowledgement or an outcome; the
 * facts answered along the path are kept here, per fact and per step, so going back drops them
 * exactly as the engine's effectiveFacts would. Events that change nothing (outcome, interrupted)
 * are checked against the state but otherwise pass through.
 */
export function startReplay(start: StartEvent, flow: Flow): Replay {
	return replayFrom({state: beginning(flow, start), language: start.language});
}

/** One event's transition from any state (see startReplay, which a whole log should use). */
export function applyEvent(rebuilt: Rebuilt, event: SessionEvent, position: number): Rebuilt {
	const replay = replayFrom(rebuilt);
	replay.apply(event, position);
	return replay.current();
}

/** A replay that goes on from `from` (a state the engine built). */
export function replayFrom(from: Rebuilt): Replay {
	const {flow} = from.state;
	let facts: Facts = from.state.facts;
	const path: engine.Step[] = [...from.state.path];
	let language = from.language;
	// Facts set by answers on the path, oldest first, with the index of the step that set them.
	const answered = new Map<FactName, {index: number; fact: Fact}[]>();
	// Indexes of the steps on the path that proceeded through a gate.
	const proceeds: number[] = [];
	const left = (step: engine.Step, index: number) => {
		for (const [name, fact] of Object.entries(
			engine.effectiveFacts({flow, facts: {}, path: [step]}),
		) as [FactName, Fact][]) {
			if (!answered.has(name)) answered.set(name, []);
			answered.get(name)!.push({index, fact});
		}
		if (step.answer === 'proceed' && engine.nodeOf(flow, step.node).kind === 'gate')
			proceeds.push(index);
	};
	path.slice(0, -1).forEach(left);

	const inForce = (): Facts => {
		const current: Facts = {...facts};
		for (const [name, stack] of answered) if (stack.length > 0) current[name] = stack.at(-1)!.fact;
		return current;
	};
	const window = (): State => {
		const gate = proceeds.length > 0 ? [path[proceeds.at(-1)!]!] : [];
		return {flow, facts: inForce(), path: [...gate, path.at(-1)!]};
	};
	/** Keeps the first `length` steps. */
	const truncate = (length: number) => {
		path.length = length;
		for (const stack of answered.values())
			while (stack.length > 0 && stack.at(-1)!.index >= length) stack.pop();
		while (proceeds.length > 0 && proceeds.at(-1)! >= length) proceeds.pop();
	};

	const apply = (event: SessionEvent, position: number): void => {
		const here = path.at(-1)!.node;
		const fail = (what: string): never => {
			throw new SessionReplayError(
				`event ${position} (${event.type} at step ${event.step} · ${event.node}) cannot be replayed: ${what}. The log does not match the flow; start a new session.`,
			);
		};
		if (
			event.type !== 'start' &&
			event.type !== 'fact' &&
			event.type !== 'language' &&
			event.node !== here
		) {
			fail(`the walk is at ${here}, not ${event.node}`);
		}
		try {
			switch (event.type) {
				case 'start':
					throw fail('a session has only one start event');
				case 'answer': {
					const next = engine.answer(window(), event.answer, {auto: event.auto ?? false});
					const [leaving, entered] = next.path.slice(-2) as [engine.Step, engine.Step];
					if (entered.node !== event.next)
						fail(`the answer now leads to ${entered.node}, not ${event.next}`);
					const index = path.length - 1;
					path[index] = leaving;
					path.push(entered);
					left(leaving, index);
					return;
				}
				case 'ack': {
					const settle = event.undo ? engine.unacknowledge : engine.acknowledge;
					path[path.length - 1] = settle(window(), event.item).path.at(-1)!;
					return;
				}
				case 'not-applicable':
					path[path.length - 1] = engine
						.markNotApplicable(window(), event.item, event.reason)
						.path.at(-1)!;
					return;
				case 'back': {
					// The event says where the walk went back to: an earlier step of this path (going back
					// over answers, or to a detect step whose facts were corrected), as engine.backTo.
					// Going back at the first step changes nothing.
					if (path.length === 1 && event.to.step === 1 && event.to.node === here) return;
					const target = event.to.step < path.length ? path[event.to.step - 1] : undefined;
					if (target?.node !== event.to.node)
						throw fail(
							`going back from here never reaches step ${event.to.step} · ${event.to.node}`,
						);
					truncate(event.to.step - 1);
					path.push({node: target.node, acks: [], previous: target.answer});
					return;
				}
				case 'restart':
					truncate(0);
					path.push(...engine.restart({flow, facts, path: []}).path);
					return;
				case 'fact':
					facts = engine.setFact(
						{flow, facts, path: []},
						event.name,
						event.value,
						event.origin,
						event.via,
					).facts;
					return;
				case 'language':
					if (flow.languages.includes(event.language)) language = event.language;
					return;
				case 'outcome':
					if (engine.outcome(window()) !== event.outcome)
						fail(`the walk is not at a "${event.outcome}" outcome`);
					return;
				case 'interrupted':
					return;
				default: {
					// Every event type needs its case here (one that changes a step: as 'ack' does).
					const unknown: never = event;
					throw fail(`unknown event type ${(unknown as {type: string}).type}`);
				}
			}
		} catch (error) {
			if (error instanceof engine.EngineError) fail(error.message);
			throw error;
		}
	};
	return {apply, current: () => ({state: {flow, facts, path: [...path]}, language})};
}
