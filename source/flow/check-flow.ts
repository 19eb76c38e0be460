/**
 * The checks that the schema cannot express: references, reachability, languages, sources, and
 * the safety rules (every destructive node only behind a gate; a recovery end after it).
 * All findings are collected; none stops the others.
 */
import type {Finding} from './findings.js';
import {type Edge, flowEdges, hasNode} from './flow-graph.js';
import type {Flow, FlowNode, Text} from './schema.js';
import {forEachText} from './text.js';
import {crossLanguageMismatches} from './cross-language.js';
import {checkBuildTable} from './check-build-table.js';
import {checkValues} from './check-values.js';
import type {Locator, PathSegment} from './yaml-positions.js';

export function checkFlow(flow: Flow, file: string, locator: Locator): Finding[] {
	const findings: Finding[] = [];
	const at = (code: Finding['code'], path: PathSegment[], message: string, key = false) =>
		findings.push({file, code, message, position: key ? locator.key(path) : locator.value(path)});

	const ids = Object.keys(flow.nodes);
	const edges = flowEdges(flow);

	// References.
	if (!hasNode(flow, flow.start)) {
		at(
			'W365E020',
			['start'],
			`start names "${flow.start}", which is not a node: name one of the ids under nodes`,
		);
	}
	for (const edge of edges) {
		if (!hasNode(flow, edge.to)) {
			at(
				'W365E020',
				edge.path,
				`"${edge.to}" is not a node (in ${edge.from}): fix the id or add the node`,
			);
		}
	}
	const validEdges = edges.filter((edge) => hasNode(flow, edge.to));
	const successors = adjacency(validEdges);
	const predecessors = adjacency(validEdges, true);

	for (const [id, node] of Object.entries(flow.nodes)) {
		checkNodeShape(id, node, at);
		for (const [index, source] of (node.sources ?? []).entries()) {
			if (!flow.sources || !Object.hasOwn(flow.sources, source)) {
				at(
					'W365E025',
					['nodes', id, 'sources', index],
					`source "${source}" is not listed under the flow's sources: add it there or fix the id`,
				);
			}
		}
	}

	checkBuildTable(flow, validEdges, at);
	checkValues(flow, at);
	checkLanguages(flow, at);
	for (const mismatch of crossLanguageMismatches(flow)) {
		at('W365E029', mismatch.path, mismatch.message);
	}

	if (hasNode(flow, flow.start)) {
		const reachable = reach([flow.start], successors);
		for (const id of ids) {
			if (!reachable.has(id))
				at(
					'W365E021',
					['nodes', id],
					`node "${id}" cannot be reached from start "${flow.start}": link to it or remove it`,
					true,
				);
		}
		checkGates(flow, validEdges, at);
	}

	const ends = ids.filter((id) => flow.nodes[id]!.kind === 'end');
	const reachesEnd = reach(ends, predecessors);
	for (const id of ids) {
		if (!reachesEnd.has(id))
			at(
				'W365E022',
				['nodes', id],
				`no path from "${id}" leads to an end node: every walk must be able to finish; link it, or a node after it, to an end`,
				true,
			);
	}

	for (const cycle of detectCycles(flow, validEdges)) {
		at(
			'W365E023',
			['nodes', cycle[0]!],
			`detect nodes route in a circle (${[...cycle, cycle[0]].join(' → ')}): the walk would never stop; route one of them to a question or step`,
			true,
		);
	}

	// Which nodes can still reach a recovery end: one walk backwards from all of them, rather than
	// a walk forwards from every destructive node (quadratic in a flow with many).
	const recoveryEnds = ids.filter((id) => {
		const node = flow.nodes[id]!;
		return node.kind === 'end' && node.outcome === 'recovery';
	});
	const canRecover = reach(recoveryEnds, predecessors);
	for (const id of ids) {
		if (!flow.nodes[id]!.destructive) continue;
		if (!canRecover.has(id)) {
			at(
				'W365E028',
				['nodes', id, 'destructive'],
				`destructive node "${id}" has no path to an end with outcome: recovery: add a way out for when it goes wrong (e.g. a choice "it failed") that leads to such an end`,
			);
		}
	}
	return findings;
}

type At = (code: Finding['code'], path: PathSegment[], message: string, key?: boolean) => void;

function checkNodeShape(id: string, node: FlowNode, at: At) {
	const base = ['nodes', id];
	if ((node.kind === 'gate' || node.kind === 'end') && node.destructive) {
		at(
			'W365E030',
			[...base, 'destructive'],
			`${node.kind === 'end' ? 'an end' : 'a gate'} node cannot be destructive: remove destructive: true here and put the destructive action in a step after a gate`,
		);
	}
	if (node.kind === 'step' && (node.next === undefined) === (node.choices === undefined)) {
		const problem =
			node.next === undefined
				? 'has neither next nor choices: add next: <node id>, or choices'
				: 'has both next and choices: keep only one (next to go on, choices to ask "did it work?")';
		at('W365E026', base, `step "${id}" ${problem}`, true);
	}
	const seen = (list: readonly {id: string}[] | undefined, key: string) => {
		const ids = new Set<string>();
		list?.forEach((item, index) => {
			if (ids.has(item.id))
				at(
					'W365E012',
					[...base, key, index, 'id'],
					`id "${item.id}" is used twice in nodes.${id}.${key}: rename one (answers and the session log refer to them by id)`,
				);
			ids.add(item.id);
		});
	};
	if (node.kind === 'question' || node.kind === 'step') seen(node.choices, 'choices');
	if (node.kind === 'gate') seen(node.items, 'items');
}

/** Every text must be given in exactly the declared languages (or be one plain string). */
function checkLanguages(flow: Flow, at: At) {
	const declared = new Set<string>(flow.languages);
	const check = (text: Text | undefined, path: PathSegment[]) => {
		if (text === undefined || typeof text === 'string') return;
		for (const language of declared) {
			if (!Object.hasOwn(text, language))
				at(
					'W365E024',
					path,
					`${path.join('.')} has no "${language}" text: the flow declares languages [${flow.languages.join(', ')}]; add ${language}: …`,
				);
		}
		for (const language of Object.keys(text)) {
			if (!declared.has(language))
				at(
					'W365E024',
					[...path, language],
					`"${language}" is not one of the flow's languages [${flow.languages.join(', ')}]: declare it or remove this text`,
					true,
				);
		}
	};
	forEachText(flow, check);
}

/**
 * The gate rule. A destructive node is safe only if every path from start to it passes through a
 * gate's "proceed" edge, i.e. the gates' proceed edges form a cut between start and the node (with
 * a single gate this is exactly "the gate dominates the node"). So: walk from start without ever
 * taking a proceed edge; any destructive node still reached has an unguarded path, which we name.
 */
function checkGates(flow: Flow, edges: Edge[], at: At) {
	const unguarded = edges.filter((edge) => edge.kind !== 'proceed');
	const via = new Map<string, Edge | null>([[flow.start, null]]);
	const queue = [flow.start];
	const next = outgoing(unguarded);
	for (let head = 0; head < queue.length; head++) {
		const id = queue[head]!;
		if (flow.nodes[id]!.destructive) continue; // report the first destructive node on a path
		for (const edge of next.get(id) ?? []) {
			if (via.has(edge.to)) continue;
			via.set(edge.to, edge);
			queue.push(edge.to);
		}
	}
	for (const [id, edge] of via) {
		if (!flow.nodes[id]!.destructive) continue;
		const path = [id];
		for (let step = edge; step; step = via.get(step.from) ?? null) path.unshift(step.from);
		const message = edge
			? `destructive node "${id}" is reachable without passing a gate: ${path.join(' → ')}; route this path through a backup gate first`
			: `destructive node "${id}" is the start node, so no gate can come before it: start somewhere else and put a backup gate before it`;
		at('W365E027', edge ? edge.path : ['start'], message);
	}
}

function detectCycles(flow: Flow, edges: Edge[]): string[][] {
	const isDetect = (id: string) => flow.nodes[id]!.kind === 'detect';
	const next = outgoing(edges.filter((edge) => isDetect(edge.from) && isDetect(edge.to)));
	return stronglyConnected([...next.keys()], next).filter(
		(component) =>
			component.length > 1 ||
			(next.get(component[0]!) ?? []).some((edge) => edge.to === component[0]),
	);
}

/** Tarjan's algorithm, iterative (a generated 10,000-node flow must not overflow the stack). */
function stronglyConnected(roots: string[], next: Map<string, Edge[]>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	let counter = 0;
	for (const root of roots) {
		if (index.has(root)) continue;
		const work: {id: string; edge: number}[] = [{id: root, edge: 0}];
		index.set(root, counter);
		low.set(root, counter++);
		stack.push(root);
		onStack.add(root);
		while (work.length > 0) {
			const frame = work.at(-1)!;
			const out = next.get(frame.id) ?? [];
			if (frame.edge < out.length) {
				const to = out[frame.edge++]!.to;
				if (!index.has(to)) {
					index.set(to, counter);
					low.set(to, counter++);
					stack.push(to);
					onStack.add(to);
					work.push({id: to, edge: 0});
				} else if (onStack.has(to)) {
					low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
				}
				continue;
			}
			work.pop();
			const parent = work.at(-1);
			if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
			if (low.get(frame.id) === index.get(frame.id)) {
				const component: string[] = [];
				let member: string;
				do {
					member = stack.pop()!;
					onStack.delete(member);
					component.unshift(member);
				} while (member !== frame.id);
				components.push(component);
			}
		}
	}
	return components;
}

function outgoing(edges: Edge[]): Map<string, Edge[]> {
	return groupBy(
		edges,
		(edge) => edge.from,
		(edge) => edge,
	);
}

/** Node id → the ids its edges lead to (backwards: the ids of the nodes that lead to it), built
 * once for every walk over the whole graph. */
function adjacency(edges: Edge[], backwards = false): Map<string, string[]> {
	return backwards
		? groupBy(
				edges,
				(edge) => edge.to,
				(edge) => edge.from,
			)
		: groupBy(
				edges,
				(edge) => edge.from,
				(edge) => edge.to,
			);
}

function groupBy<T, V>(
	items: T[],
	key: (item: T) => string,
	value: (item: T) => V,
): Map<string, V[]> {
	const map = new Map<string, V[]>();
	for (const item of items) {
		// Appending in place: copying the list per item is quadratic for a node with many edges
		// (a shared end in a 10,000-node flow).
		const list = map.get(key(item));
		if (list) list.push(value(item));
		else map.set(key(item), [value(item)]);
	}
	return map;
}

function reach(starts: string[], next: Map<string, string[]>): Set<string> {
	const seen = new Set(starts);
	const queue = [...starts];
	for (let head = 0; head < queue.length; head++) {
		for (const to of next.get(queue[head]!) ?? []) {
			if (!seen.has(to)) {
				seen.add(to);
				queue.push(to);
			}
		}
	}
	return seen;
}
