/**
 * What a diagram of a large flow draws: nodes grouped into sections (clusters), and optionally only
 * one node and its neighbours (`graph --focus NODE`).
 *
 * A node's section is its `section:` key; a node without one belongs to the section named by the
 * first word of its id (`rollback-check` → rollback) when at least one other such node shares that
 * word, else to none. So a flow gets readable clusters from ids alone, and `section:` overrides.
 */
import {flowEdges, hasNode} from './flow-graph.js';
import type {Flow} from './schema.js';

export type GraphView = {
	/** The nodes to draw, in the flow's order. */
	nodes: Set<string>;
	/** Node id → its section, for nodes that have one. */
	sections: Map<string, string>;
};

export function nodeSections(flow: Flow): Map<string, string> {
	const sections = new Map<string, string>();
	const byPrefix = new Map<string, string[]>();
	for (const [id, node] of Object.entries(flow.nodes)) {
		if (node.section !== undefined) {
			sections.set(id, node.section);
			continue;
		}
		const prefix = id.split('-')[0]!;
		const members = byPrefix.get(prefix);
		if (members) members.push(id);
		else byPrefix.set(prefix, [id]);
	}
	for (const [prefix, members] of byPrefix) {
		if (members.length >= 2) for (const id of members) sections.set(id, prefix);
	}
	return sections;
}

/** The whole flow, or `focus` with the nodes that lead to it and the nodes it leads to. */
export function graphView(flow: Flow, focus?: string): GraphView {
	const sections = nodeSections(flow);
	if (focus === undefined) return {nodes: new Set(Object.keys(flow.nodes)), sections};
	if (!hasNode(flow, focus)) throw new Error(`no node "${focus}"`);
	const near = new Set([focus]);
	for (const edge of flowEdges(flow)) {
		if (edge.from === focus && hasNode(flow, edge.to)) near.add(edge.to);
		if (edge.to === focus) near.add(edge.from);
	}
	return {nodes: new Set(Object.keys(flow.nodes).filter((id) => near.has(id))), sections};
}
