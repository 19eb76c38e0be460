/**
 * The triage state machine. Pure: no I/O, no React, no clock. Every front end drives these
 * functions and draws the state they return; the session log records the same transitions.
 *
 * State is the path walked so far. Facts answered in the flow are derived from the path (so going
 * back forgets them by construction); detected or given facts live beside it.
 */
import type {Fact, Facts, FactValue} from '../facts/fact-values.js';
import type {FactName, Flow, FlowNode, Outcome} from '../flow/schema.js';
import {routeDetect} from './conditions.js';

export type Step = {
	node: string;
	/** How the walk left this node: a choice id, "next", "continue" (detect), "proceed" or "cancel" (gate). */
	answer?: string;
	/** Gate items acknowledged while at this node, in order. */
	acks: string[];
	/** Gate items a person marked "not applicable here", each with the reason they gave. */
	na?: {item: string; reason: string}[];
	/** The node was passed without a person's input (a scripted run auto-continued it). */
	auto?: boolean;
	/** The answer given here before the user went back to this node: front ends pre-select it. */
	previous?: string;
};

export type State = {
	readonly flow: Flow;
	/** Detected, given or corrected facts (not the ones answered in the flow). */
	readonly facts: Facts;
	readonly path: readonly Step[];
};

export type Option = {id: string; next: string};

export class EngineError extends Error {}

export function start(flow: Flow, facts: Facts = {}): State {
	return {flow, facts, path: [{node: flow.start, acks: []}]};
}

export function restart(state: State): State {
	return start(state.flow, state.facts);
}

export function currentStep(state: State): Step {
	return state.path.at(-1)!;
}

export function currentNode(state: State): FlowNode {
	return nodeOf(state.flow, currentStep(state).node);
}

export function nodeOf(flow: Flow, id: string): FlowNode {
	if (!Object.hasOwn(flow.nodes, id)) throw new EngineError(`the flow has no node "${id}"`);
	return flow.nodes[id]!;
}

/** 1-based step number, as shown in the header ("Step 4 · os-build"). */
export function stepNumber(state: State): number {
	return state.path.length;
}

export function outcome(state: State): Outcome | undefined {
	const node = currentNode(state);
	return node.kind === 'end' ? node.outcome : undefined;
}

export function isFinished(state: State): boolean {
	return outcome(state) !== undefined;
}

/** All facts in force: given/detected ones, overridden by what was answered along the path. */
export function effectiveFacts(state: State): Facts {
	const facts: Facts = {...state.facts};
	for (const step of state.path) {
		const node = nodeOf(state.flow, step.node);
		if (node.kind !== 'question' && node.kind !== 'step') continue;
		const choice = node.choices?.find((candidate) => candidate.id === step.answer);
		for (const [name, value] of Object.entries(choice?.set ?? {})) {
			if (value !== undefined)
				facts[name as FactName] = {value, origin: 'answered', via: step.node};
		}
	}
	return facts;
}

/** The answers the current node accepts and where each leads. */
export function options(state: State): Option[] {
	const node = currentNode(state);
	switch (node.kind) {
		case 'question':
			return node.choices.map(({id, next}) => ({id, next}));
		case 'step':
			return node.choices
				? node.choices.map(({id, next}) => ({id, next}))
				: [{id: 'next', next: node.next!}];
		case 'detect':
			return [{id: 'continue', next: routeDetect(node, effectiveFacts(state), state.flow).next}];
		case 'gate': {
			const all = pendingAcks(state).length === 0;
			return [
				{id: 'cancel', next: node.cancel},
				...(all ? [{id: 'proceed', next: node.next}] : []),
			];
		}
		case 'end':
			return [];
	}
}

/**
 * Resolves what someone typed (a choice id or a 1-based number) to an option id. Numbers count
 * the node's choices as listed in the flow; for a gate, 1 is cancel (the safe way) and 2 proceed.
 */
export function resolveAnswer(state: State, input: string): string | undefined {
	const node = currentNode(state);
	const ids =
		node.kind === 'question' || (node.kind === 'step' && node.choices)
			? (node.choices ?? []).map((choice) => choice.id)
			: node.kind === 'gate'
				? ['cancel', 'proceed']
				: options(state).map((option) => option.id);
	const trimmed = input.trim();
	if (/^[1-9]$/.test(trimmed)) return ids[Number(trimmed) - 1];
	return ids.find((id) => id === trimmed);
}

export type AnswerOptions = {auto?: boolean};

export function answer(state: State, id: string, {auto = false}: AnswerOptions = {}): State {
	const option = options(state).find((candidate) => candidate.id === id);
	if (!option) {
		const node = currentNode(state);
		if (node.kind === 'gate' && id === 'proceed') {
			throw new EngineError('every backup item must be acknowledged before proceeding');
		}
		throw new EngineError(`"${id}" is not an answer at ${currentStep(state).node}`);
	}
	const target = nodeOf(state.flow, option.next);
	const path = [
		...state.path.slice(0, -1),
		{...currentStep(state), answer: id, auto: auto || undefined, previous: undefined},
	];
	if (target.destructive && !passedGate(state.flow, path)) {
		// The validator proves this cannot happen for a valid flow; refuse rather than trust it.
		throw new EngineError(
			`refusing to enter destructive node "${option.next}" without a confirmed backup gate`,
		);
	}
	return {...state, path: [...path, {node: option.next, acks: []}]};
}

/** The shortest reason accepted for "not applicable here": a word, not a keypress. */
export const MIN_REASON_LENGTH = 4;
/** A reason is a sentence for the ticket, not a paste of a document: longer ones are cut. */
export const MAX_REASON_LENGTH = 200;

/**
 * Marks one backup item of the current gate "not applicable here" (e.g. Windows Backup is turned
 * off on a work PC), with the reason a person gave. Like an acknowledgement it settles the item;
 * unlike one it needs words, so no single key and no scripted answer can do it.
 */
export function markNotApplicable(state: State, item: string, reason: string): State {
	const node = currentNode(state);
	if (node.kind !== 'gate') throw new EngineError('only a gate has items to mark');
	if (!node.items.some((candidate) => candidate.id === item))
		throw new EngineError(`the gate has no item "${item}"`);
	const why = [...reason.replace(/\s+/g, ' ').trim()].slice(0, MAX_REASON_LENGTH).join('').trim();
	if ([...why].length < MIN_REASON_LENGTH)
		throw new EngineError('say why the item does not apply here (a few words)');
	const step = currentStep(state);
	if (step.acks.includes(item) || step.na?.some((entry) => entry.item === item)) return state;
	return {
		...state,
		path: [...state.path.slice(0, -1), {...step, na: [...(step.na ?? []), {item, reason: why}]}],
	};
}

/** Acknowledges one backup item of the current gate. */
export function acknowledge(state: State, item: string): State {
	const node = currentNode(state);
	if (node.kind !== 'gate') throw new EngineError('only a gate has items to acknowledge');
	if (!node.items.some((candidate) => candidate.id === item))
		throw new EngineError(`the gate has no item "${item}"`);
	const step = currentStep(state);
	if (step.acks.includes(item) || step.na?.some((entry) => entry.item === item)) return state;
	return {...state, path: [...state.path.slice(0, -1), {...step, acks: [...step.acks, item]}]};
}

/**
 * Takes back what settled one backup item, a confirmation or a "not applicable here" ("actually,
 * OneDrive has not synced yet"): the item is open again.
 */
export function unacknowledge(state: State, item: string): State {
	const step = currentStep(state);
	const marked = step.na?.some((entry) => entry.item === item) ?? false;
	if (!step.acks.includes(item) && !marked) return state;
	const open = {...step, acks: step.acks.filter((id) => id !== item)};
	if (marked) open.na = step.na!.filter((entry) => entry.item !== item);
	return {...state, path: [...state.path.slice(0, -1), open]};
}

export function pendingAcks(state: State): string[] {
	const node = currentNode(state);
	if (node.kind !== 'gate') return [];
	const step = currentStep(state);
	return node.items
		.map((item) => item.id)
		.filter((id) => !step.acks.includes(id) && !step.na?.some((entry) => entry.item === id));
}

export type Invalidated = {
	/** Answers dropped, as node → answer. */
	answers: {node: string; answer: string}[];
	/** Gate acknowledgements dropped. */
	acks: {node: string; item: string}[];
};

export type BackResult = {state: State; invalidated: Invalidated};

/**
 * Goes back to the previous node a person answered (nodes passed automatically are skipped), or
 * `count` such nodes. Back at the start, stays there. The answer given at the node we return to
 * is kept as `previous` for pre-selection; it and everything after it are reported as invalidated.
 */
export function back(state: State, count = 1): BackResult {
	const path = [...state.path];
	const dropped: Step[] = [];
	for (let moved = 0; moved < count && path.length > 1; moved++) {
		dropped.push(path.pop()!);
		while (path.length > 1 && path.at(-1)!.auto) dropped.push(path.pop()!);
	}
	if (dropped.length > 0) {
		const last = path.pop()!;
		dropped.push(last);
		path.push({node: last.node, acks: [], previous: last.answer});
	}
	const invalidated: Invalidated = {answers: [], acks: []};
	for (const step of dropped.reverse()) {
		if (step.answer !== undefined) invalidated.answers.push({node: step.node, answer: step.answer});
		for (const item of step.acks) invalidated.acks.push({node: step.node, item});
		for (const {item} of step.na ?? []) invalidated.acks.push({node: step.node, item});
	}
	return {state: {...state, path}, invalidated};
}

/**
 * Goes back to step `number` (1-based), answered or passed automatically (a detect step whose
 * facts were just corrected), as `back` does: its answer becomes `previous`, and it and every
 * later step are reported as invalidated. `back(state, n)` always lands on such a step too.
 */
export function backTo(state: State, number: number): BackResult {
	if (!Number.isInteger(number) || number < 1 || number > state.path.length)
		throw new EngineError(`the walk has no step ${number}`);
	const dropped = state.path.slice(number - 1);
	const target = dropped[0]!;
	const invalidated: Invalidated = {answers: [], acks: []};
	for (const step of dropped) {
		if (step.answer !== undefined) invalidated.answers.push({node: step.node, answer: step.answer});
		for (const item of step.acks) invalidated.acks.push({node: step.node, item});
		for (const {item} of step.na ?? []) invalidated.acks.push({node: step.node, item});
	}
	return {
		state: {
			...state,
			path: [
				...state.path.slice(0, number - 1),
				{node: target.node, acks: [], previous: target.answer},
			],
		},
		invalidated,
	};
}

/** Sets or corrects a fact (origin "corrected" when the user fixes a detected value on screen). */
export function setFact(
	state: State,
	name: FactName,
	value: FactValue,
	origin: Fact['origin'],
	via?: string,
): State {
	return {...state, facts: {...state.facts, [name]: {value, origin, via}}};
}

/** Replaces the detected/given facts (detection that finished after the walk began). */
export function replaceFacts(state: State, facts: Facts): State {
	return {...state, facts};
}

function passedGate(flow: Flow, path: readonly Step[]): boolean {
	return path.some((step) => step.answer === 'proceed' && nodeOf(flow, step.node).kind === 'gate');
}

/** The walk as data, for --json, the session log and exports. */
export function summary(state: State) {
	return {
		flow: {id: state.flow.id, version: state.flow.version},
		path: state.path.map(({node, answer, acks, na}) => ({
			node,
			answer,
			...(acks.length > 0 ? {acks} : {}),
			...(na && na.length > 0 ? {notApplicable: na} : {}),
		})),
		facts: effectiveFacts(state),
		finished: isFinished(state),
		outcome: outcome(state),
	};
}
