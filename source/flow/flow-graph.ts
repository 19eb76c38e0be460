/**
 * The flow as a graph: every edge with where it is written in the YAML, so checks can point at it
 * and exports can draw it.
 */
import type {Flow, FlowNode, TableRoute, Text} from './schema.js';
import {TABLE_ROUTES} from './format-words.js';
import type {PathSegment} from './yaml-positions.js';

export type EdgeKind = 'choice' | 'rule' | 'table' | 'otherwise' | 'next' | 'proceed' | 'cancel';

export type Edge = {
	from: string;
	to: string;
	kind: EdgeKind;
	/** The choice label, for choice edges. */
	label?: Text;
	/** The build table's answer, for table edges (e.g. "fixed"). */
	route?: TableRoute;
	/** Where the target id is written, e.g. ["nodes", "symptom", "choices", 0, "next"]. */
	path: PathSegment[];
};

export function nodeEdges(id: string, node: FlowNode): Edge[] {
	const base: PathSegment[] = ['nodes', id];
	const edges: Edge[] = [];
	const add = (to: string, kind: EdgeKind, path: PathSegment[], label?: Text, route?: TableRoute) =>
		edges.push({from: id, to, kind, path: [...base, ...path], label, ...(route ? {route} : {})});
	switch (node.kind) {
		case 'question':
			node.choices.forEach((choice, index) =>
				add(choice.next, 'choice', ['choices', index, 'next'], choice.label),
			);
			break;
		case 'detect':
			node.rules.forEach((rule, index) => add(rule.next, 'rule', ['rules', index, 'next']));
			for (const route of TABLE_ROUTES) {
				const to = node.table?.[route];
				if (to !== undefined) add(to, 'table', ['table', route], undefined, route);
			}
			add(node.otherwise, 'otherwise', ['otherwise']);
			break;
		case 'step':
			if (node.next !== undefined) add(node.next, 'next', ['next']);
			node.choices?.forEach((choice, index) =>
				add(choice.next, 'choice', ['choices', index, 'next'], choice.label),
			);
			break;
		case 'gate':
			add(node.next, 'proceed', ['next']);
			add(node.cancel, 'cancel', ['cancel']);
			break;
		case 'end':
			break;
	}
	return edges;
}

export function flowEdges(flow: Flow): Edge[] {
	return Object.entries(flow.nodes).flatMap(([id, node]) => nodeEdges(id, node));
}

export function hasNode(flow: Flow, id: string): boolean {
	return Object.hasOwn(flow.nodes, id);
}
