/**
 * Random walks for the soak tests: facts that the flows route on, and a walker that drives the
 * engine (through the logging transitions) the way a restless person would: answers, back,
 * restart, language switches, fact corrections, gates confirmed or cancelled.
 */
import {
	currentNode,
	currentStep,
	EngineError,
	isFinished,
	nodeOf,
	options,
	pendingAcks,
	type State,
	stepNumber,
	summary,
} from '../../source/engine/engine.js';
import {type Facts, parseFact} from '../../source/facts/fact-values.js';
import type {FactName, Flow} from '../../source/flow/schema.js';
import type {Transitions} from '../../source/session/record-transitions.js';
import type {Random} from './prng.js';

/** Valid values the shipped and example flows route on, across their branches. */
export const FACT_POOL: Partial<Record<FactName, string[]>> = {
	'os.product': ['Windows 11', 'Windows 10', 'Windows Server 2025', 'Windows Server 2022'],
	'os.version': ['24H2', '25H2', '23H2', '22H2', '21H2'],
	'os.build': [
		'26100.7623',
		'26100.7628',
		'26200.7000',
		'26200.7627',
		'22631.6494',
		'19045.100',
		'19044.6811',
		'26100.32230',
		'26100.32234',
		'26100.4100',
	],
	hotfixes: ['KB5077744', 'KB5077744,KB5074109'],
};

/** A random subset of FACT_POOL as NAME=VALUE strings (for --fact), valid by construction. */
export function randomFactArgs(random: Random): string[] {
	return (Object.entries(FACT_POOL) as [FactName, string[]][])
		.filter(() => random.chance(0.4))
		.map(([name, values]) => `${name}=${random.pick(values)}`);
}

export function randomFacts(random: Random): Facts {
	const facts: Facts = {};
	for (const assignment of randomFactArgs(random)) {
		const equals = assignment.indexOf('=');
		const parsed = parseFact(assignment.slice(0, equals), assignment.slice(equals + 1));
		if (!parsed.ok) throw new Error(parsed.message);
		facts[parsed.name] = {value: parsed.value, origin: 'flag'};
	}
	return facts;
}

/** What must hold after every transition, whatever the walk did. */
export function checkInvariants(state: State): void {
	const fail = (what: string) => {
		throw new Error(
			`invariant broken at step ${stepNumber(state)} · ${currentStep(state).node}: ${what}`,
		);
	};
	if (state.path.length < 1) fail('the path is empty');
	for (const step of state.path)
		if (!Object.hasOwn(state.flow.nodes, step.node)) fail(`"${step.node}" is not a node`);
	for (let index = 0; index + 1 < state.path.length; index++) {
		const step = state.path[index]!;
		if (step.answer === undefined) fail(`step ${index + 1} was left without an answer`);
		const next = state.path[index + 1]!.node;
		if (nodeOf(state.flow, next).destructive) {
			const gated = state.path
				.slice(0, index + 1)
				.some(
					(earlier) =>
						earlier.answer === 'proceed' && nodeOf(state.flow, earlier.node).kind === 'gate',
				);
			if (!gated) fail(`destructive "${next}" entered without a confirmed gate`);
		}
	}
	const node = currentNode(state);
	if (node.kind !== 'end' && options(state).length === 0)
		fail('a node other than an end offers no way on');
	if (node.kind === 'gate') {
		const acks = currentStep(state).acks;
		if (new Set(acks).size !== acks.length) fail('an item was acknowledged twice');
	}
	JSON.stringify(summary(state));
}

export type WalkStats = {
	transitions: number;
	backs: number;
	restarts: number;
	refusals: number;
	outcomes: number;
};

/** One walk of up to `maxActions` actions; returns the final state. Throws on a broken invariant. */
export function randomWalk(
	random: Random,
	flow: Flow,
	t: Transitions,
	initial: State,
	maxActions: number,
	stats: WalkStats,
): State {
	let state = initial;
	const expectRefused = (attempt: () => unknown) => {
		try {
			attempt();
		} catch (error) {
			if (!(error instanceof EngineError)) throw error;
			stats.refusals++;
			return;
		}
		throw new Error(`the engine accepted something it must refuse at ${currentStep(state).node}`);
	};
	for (let action = 0; action < maxActions; action++) {
		const node = currentNode(state);
		const roll = random.next();
		stats.transitions++;
		if (isFinished(state)) {
			stats.outcomes++;
			if (roll < 0.35) {
				state = t.back(state).state;
				stats.backs++;
			} else if (roll < 0.55) {
				state = t.restart(state);
				stats.restarts++;
			} else break;
		} else if (roll < 0.1 && state.path.length > 1) {
			state = t.back(state, 1 + random.int(2)).state;
			stats.backs++;
		} else if (roll < 0.13) {
			state = t.restart(state);
			stats.restarts++;
		} else if (roll < 0.15) {
			t.language(state, random.pick(flow.languages));
		} else if (roll < 0.17) {
			// Wrong answers are refused and change nothing.
			const wrong = [
				'nope',
				'__proto__',
				'constructor',
				'toString',
				'',
				...(node.kind === 'gate' && pendingAcks(state).length > 0 ? ['proceed'] : []),
			];
			expectRefused(() => t.answer(state, random.pick(wrong)));
		} else if (node.kind === 'detect' && roll < 0.3) {
			const name = random.pick(node.facts);
			const values = FACT_POOL[name];
			if (values) {
				const parsed = parseFact(name, random.pick(values));
				if (parsed.ok) state = t.setFact(state, parsed.name, parsed.value, 'corrected');
			}
		} else if (node.kind === 'gate') {
			const pending = pendingAcks(state);
			if (pending.length > 0 && random.chance(0.85))
				state = t.acknowledge(state, random.pick(pending));
			else if (pending.length === 0 && random.chance(0.8)) state = t.answer(state, 'proceed');
			else state = t.answer(state, 'cancel');
		} else {
			const choices = options(state);
			state = t.answer(state, random.pick(choices).id, {
				auto: node.kind === 'detect' && random.chance(0.5),
			});
		}
		checkInvariants(state);
	}
	return state;
}
