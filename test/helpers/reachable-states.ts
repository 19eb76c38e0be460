import {
	acknowledge,
	answer,
	currentNode,
	currentStep,
	options,
	type State,
	start,
} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import type {Flow} from '../../source/flow/schema.js';

/** Every node a walk can reach, once; a gate also with its first item, its first two, … all acknowledged. */
export function reachableStates(flow: Flow, facts: Facts = {}): State[] {
	const seen = new Set<string>();
	const states: State[] = [];
	const queue = [start(flow, facts)];
	while (queue.length > 0) {
		const state = queue.shift()!;
		const step = currentStep(state);
		const key = `${step.node}:${step.acks.join(',')}`;
		if (seen.has(key)) continue;
		seen.add(key);
		states.push(state);
		const node = currentNode(state);
		if (node.kind === 'gate') {
			let acknowledged = state;
			for (const item of node.items) {
				acknowledged = acknowledge(acknowledged, item.id);
				queue.push(acknowledged);
			}
		}
		for (const option of options(state)) queue.push(answer(state, option.id));
	}
	return states;
}
