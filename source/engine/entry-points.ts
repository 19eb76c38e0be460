/**
 * Where a walk may begin other than at the flow's start (`--at NODE`: previewing a step, or
 * following a caller who reads out the step id). The safety rule is the engine's: no destructive
 * step is ever shown before its backup gate was confirmed in this session. So a walk may begin
 * only at a node the flow reaches from its start without passing any gate's "all confirmed" edge:
 * never at a destructive step, and never past a gate.
 */
import type {Facts} from '../facts/fact-values.js';
import {flowEdges} from '../flow/flow-graph.js';
import type {Flow} from '../flow/schema.js';
import {EngineError, type State} from './engine.js';

/** Why the walk cannot begin at `node`, as one sentence; undefined when it can. */
export function entryRefusal(flow: Flow, node: string): string | undefined {
	if (!Object.hasOwn(flow.nodes, node))
		return `the flow has no node "${node}": give a node id as written under nodes`;
	const gates = flowEdges(flow).filter(
		(edge) =>
			edge.kind === 'proceed' &&
			reachesWithoutGate(flow, edge.from) &&
			leadsTo(flow, edge.to, node),
	);
	const gate = gates[0]?.from;
	const instead =
		gate === undefined
			? `begin at the start (${flow.start})`
			: `begin at its backup gate instead (--at ${gate}) and confirm it`;
	if (flow.nodes[node]!.destructive) {
		return `"${node}" is a destructive step: it is only ever shown after its backup gate is confirmed in the same session; ${instead}`;
	}
	if (!reachesWithoutGate(flow, node)) {
		return `"${node}" comes after a backup gate: it is only ever shown once that gate is confirmed in the same session; ${instead}`;
	}
	return undefined;
}

/** The walk begun at `node`, or an EngineError saying why it may not begin there. */
export function startAt(flow: Flow, facts: Facts, node: string): State {
	const refusal = entryRefusal(flow, node);
	if (refusal !== undefined) throw new EngineError(refusal);
	return {flow, facts, path: [{node, acks: []}]};
}

const unguardedCache = new WeakMap<Flow, Set<string>>();

/** Whether the flow reaches `node` from its start without taking a gate's proceed edge. */
function reachesWithoutGate(flow: Flow, node: string): boolean {
	let reached = unguardedCache.get(flow);
	if (!reached) {
		const next = new Map<string, string[]>();
		for (const edge of flowEdges(flow)) {
			if (edge.kind === 'proceed') continue;
			const list = next.get(edge.from);
			if (list) list.push(edge.to);
			else next.set(edge.from, [edge.to]);
		}
		reached = new Set([flow.start]);
		const queue = [flow.start];
		for (let head = 0; head < queue.length; head++) {
			for (const to of next.get(queue[head]!) ?? []) {
				if (!reached.has(to)) {
					reached.add(to);
					queue.push(to);
				}
			}
		}
		unguardedCache.set(flow, reached);
	}
	return reached.has(node);
}

/** Whether `target` is reachable from `from` (for naming the gate in front of a node). */
function leadsTo(flow: Flow, from: string, target: string): boolean {
	const edges = flowEdges(flow);
	const seen = new Set([from]);
	const queue = [from];
	for (let head = 0; head < queue.length; head++) {
		if (queue[head] === target) return true;
		for (const edge of edges) {
			if (edge.from === queue[head] && !seen.has(edge.to)) {
				seen.add(edge.to);
				queue.push(edge.to);
			}
		}
	}
	return false;
}
