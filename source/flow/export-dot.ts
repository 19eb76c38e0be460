/**
 * `w365-triage graph --format dot`: the flow as a Graphviz digraph. Every id and label is a quoted
 * DOT string (so no id can collide with a keyword such as `node` or `edge`), escaped for DOT and for
 * Graphviz's own label escapes (`\n`, `\N`, `\G`…); flow text is stripped of terminal controls.
 */
import type {EdgeKind} from './flow-graph.js';
import type {Flow, Language, NodeKind} from './schema.js';
import {localize} from './text.js';
import {
	bySection,
	captionLines,
	firstLine,
	type NodeSummary,
	plainLine,
	summarizeEdges,
	summarizeNodes,
} from './export-mermaid.js';
import {graphView} from './graph-view.js';

const SHAPES: Record<NodeKind, string> = {
	question: 'shape=diamond',
	detect: 'shape=hexagon',
	step: 'shape=box',
	gate: 'shape=trapezium',
	end: 'shape=oval, peripheries=2',
};

const EDGE_STYLES: Record<EdgeKind, string> = {
	choice: '',
	rule: '',
	table: '',
	next: '',
	otherwise: 'style=dashed',
	proceed: 'style=bold, penwidth=2',
	cancel: 'style=dashed',
};

const FONT = 'fontname="sans-serif"';

/**
 * A quoted DOT string whose label text Graphviz shows literally: a backslash is doubled (in DOT a
 * lone `\` is kept, and Graphviz would then read `\n`, `\N`, `\G`, `\l`… as escapes), `"` becomes
 * `\"`, and a line break becomes `\n`.
 */
export function dotString(text: string): string {
	return `"${text
		.replace(/\\/g, '\\\\')
		.replace(/"/g, '\\"')
		.replace(/\r\n|[\n\r]/g, '\\n')}"`;
}

/** Several lines in one label: each line escaped, joined with Graphviz's centred line break. */
function dotLabel(lines: string[]): string {
	return `"${lines.map((line) => dotString(line).slice(1, -1)).join('\\n')}"`;
}

function nodeAttributes(node: NodeSummary): string {
	const attributes = [SHAPES[node.kind]];
	const lines = [plainLine(node.id), node.title, ...node.markers].filter((line) => line !== '');
	attributes.push(`label=${dotLabel(lines)}`);
	if (node.kind === 'gate')
		attributes.push('style="filled,bold"', 'fillcolor="#fff4ce"', 'color="#8a6d00"', 'penwidth=2');
	if (node.kind === 'end') attributes.push('style=filled', 'fillcolor="#e8f0fe"');
	if (node.destructive) attributes.push('color=red', 'fontcolor=red', 'style=bold', 'penwidth=3');
	return attributes.join(', ');
}

export function toDot(flow: Flow, language: Language, focus?: string): string {
	const view = graphView(flow, focus);
	const title = firstLine(localize(flow.title, language));
	const lines = [
		`digraph ${dotString(plainLine(flow.id))} {`,
		`\tgraph [label=${dotString(`${title} (${plainLine(flow.version)}, ${language})`)}, labelloc=t, newrank=true, nodesep=0.2, ${FONT}];`,
		`\tnode [${FONT}];`,
		`\tedge [${FONT}];`,
	];
	const nodes = summarizeNodes(flow, language).filter((node) => view.nodes.has(node.id));
	for (const [section, members] of bySection(nodes, view.sections)) {
		// A subgraph whose name starts with "cluster" is drawn as a box around its nodes.
		const indent = section === undefined ? '\t' : '\t\t';
		if (section !== undefined)
			lines.push(
				`\tsubgraph ${dotString(`cluster_${section}`)} {`,
				`\t\tlabel=${dotString(section)}; style="rounded,dashed"; color="#888888";`,
			);
		for (const node of members)
			lines.push(`${indent}${dotString(plainLine(node.id))} [${nodeAttributes(node)}];`);
		if (section !== undefined) lines.push('\t}');
	}
	for (const edge of summarizeEdges(flow, language)) {
		if (!view.nodes.has(edge.from) || !view.nodes.has(edge.to)) continue;
		const attributes = [
			edge.caption ? `label=${dotLabel(captionLines(edge.caption))}` : '',
			EDGE_STYLES[edge.kind],
		].filter(Boolean);
		const list = attributes.length > 0 ? ` [${attributes.join(', ')}]` : '';
		lines.push(`\t${dotString(plainLine(edge.from))} -> ${dotString(plainLine(edge.to))}${list};`);
	}
	lines.push('}');
	return `${lines.join('\n')}\n`;
}
