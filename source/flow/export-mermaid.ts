/**
 * `w365-triage graph`: the flow as a Mermaid flowchart. A flow is untrusted input, so every piece of
 * its text is stripped of terminal controls and escaped for Mermaid (quotes, entities, HTML, KaTeX
 * `$$`, `%%{` directives); node ids are rewritten to ids Mermaid cannot mistake for keywords.
 *
 * The summaries (labels, markers, edge captions) are shared with the Graphviz exporter.
 */
import {flowEdges, type EdgeKind} from './flow-graph.js';
import {graphView} from './graph-view.js';
import type {Condition, Flow, FlowNode, Language, NodeKind, TableRoute} from './schema.js';
import {localize} from './text.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

// ---------------------------------------------------------------------------------------------
// Shared with export-dot.ts: what a diagram says about each node and edge, as plain text.

/** Longest node title and edge caption, in graphemes; longer ones end in "…". */
export const MAX_TITLE = 40;
export const MAX_CAPTION = 64;

export type NodeSummary = {
	id: string;
	kind: NodeKind;
	/** The node's title, or the first line of its text; shortened, may be empty. */
	title: string;
	/** Textual markers (so meaning never depends on colour): start, destructive, gate, outcome. */
	markers: string[];
	destructive: boolean;
	start: boolean;
};

export type EdgeSummary = {from: string; to: string; kind: EdgeKind; caption?: string};

type Vocabulary = {
	start: string;
	destructive: string;
	gate: (items: number) => string;
	rule: (number: number, summary: string) => string;
	and: string;
	otherwise: string;
	proceed: string;
	cancel: string;
	table: Record<TableRoute, string>;
	contains: (fact: string, value: string) => string;
	known: (fact: string, known: boolean) => string;
};

const VOCABULARY: Record<Language, Vocabulary> = {
	en: {
		start: '▶ start',
		destructive: '⚠ destructive',
		gate: (items) => `gate: acknowledge ${items} ${items === 1 ? 'item' : 'items'}`,
		rule: (number, summary) => (summary ? `rule ${number}: ${summary}` : `rule ${number}`),
		and: ' and ',
		otherwise: 'otherwise',
		proceed: 'all acknowledged',
		cancel: 'cancel',
		table: {
			'before-broken': 'build table: below the broken build',
			broken: 'build table: below the fix',
			fixed: 'build table: fixed build or later',
			'no-fix': 'build table: no confirmed fix',
			'unknown-build': 'build table: build not known',
			'not-listed': 'build table: build not in the table',
		},
		contains: (fact, value) => `${fact} contains ${value}`,
		known: (fact, known) => `${fact} ${known ? 'known' : 'unknown'}`,
	},
	ja: {
		start: '▶ 開始',
		destructive: '⚠ 破壊的な操作',
		gate: (items) => `ゲート: ${items} 項目の確認`,
		rule: (number, summary) => (summary ? `ルール ${number}: ${summary}` : `ルール ${number}`),
		and: ' かつ ',
		otherwise: 'それ以外',
		proceed: 'すべて確認済み',
		cancel: 'キャンセル',
		table: {
			'before-broken': 'ビルド表: 不具合の更新より前',
			broken: 'ビルド表: 修正より前',
			fixed: 'ビルド表: 修正済みのビルド以降',
			'no-fix': 'ビルド表: 確認済みの修正なし',
			'unknown-build': 'ビルド表: ビルド不明',
			'not-listed': 'ビルド表: 表にないビルド',
		},
		contains: (fact, value) => `${fact} に ${value} を含む`,
		known: (fact, known) => `${fact} ${known ? '判明' : '不明'}`,
	},
};

/** Flow text as one safe line: escape sequences and controls removed, whitespace collapsed. */
export function plainLine(text: string): string {
	return sanitizeText(text)
		.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '') // bidi overrides ("Trojan Source")
		.replace(/[\s\u2028\u2029]+/g, ' ')
		.trim();
}

/** The first non-empty line of flow text, made safe. */
export function firstLine(text: string): string {
	for (const line of text.split(/\r\n|[\n\r\u0085\u2028\u2029]/)) {
		const plain = plainLine(line);
		if (plain !== '') return plain;
	}
	return '';
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
/** Word boundaries, also in Japanese (ICU's dictionary), so labels are never cut inside a word. */
const words = new Intl.Segmenter('ja', {granularity: 'word'});

/** Edge captions are drawn on lines of about this many columns: one long caption on one line
 * widens its whole rank (the shipped flow's graph was twice as wide with single-line captions). */
export const CAPTION_COLUMNS = 24;

/**
 * A caption as lines of at most `columns` (a wide character counts two), broken between words;
 * text without spaces (Japanese) is broken between characters. A word longer than a line keeps
 * its own line whole.
 */
export function captionLines(caption: string, columns = CAPTION_COLUMNS): string[] {
	const width = (text: string) =>
		[...text].reduce(
			(sum, character) =>
				sum +
				(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
					character,
				)
					? 2
					: 1),
			0,
		);
	const lines: string[] = [];
	let line = '';
	for (const word of caption.split(' ')) {
		const pieces =
			width(word) > columns && /[^\x00-\x7f]/.test(word)
				? Array.from(words.segment(word), (segment) => segment.segment)
				: [word];
		for (const [index, piece] of pieces.entries()) {
			const joiner = index === 0 && line !== '' ? ' ' : '';
			if (line !== '' && width(line + joiner + piece) > columns) {
				lines.push(line);
				line = piece;
			} else line += joiner + piece;
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}

/** At most `max` graphemes, "…" when cut; cut only between words (so never inside an emoji or a
 * combining mark either). A first word longer than `max` is kept whole. */
export function shorten(text: string, max: number): string {
	const count = (part: string) => Array.from(segmenter.segment(part)).length;
	if (count(text) <= max) return text;
	let kept = '';
	for (const {segment} of words.segment(text)) {
		if (kept !== '' && count(kept + segment) > max - 1) break;
		kept += segment;
	}
	return `${kept.trimEnd()}…`;
}

export function summarizeNode(
	flow: Flow,
	id: string,
	node: FlowNode,
	language: Language,
): NodeSummary {
	const words = VOCABULARY[language];
	const title = shorten(firstLine(localize(node.title ?? node.text, language)), MAX_TITLE);
	const start = id === flow.start;
	const destructive = node.destructive === true;
	const markers: string[] = [];
	if (start) markers.push(words.start);
	if (destructive) markers.push(words.destructive);
	if (node.kind === 'gate') markers.push(words.gate(node.items.length));
	if (node.kind === 'end') {
		// The localized outcome, and the keyword the flow file and the session log use.
		const ui = strings(language);
		markers.push(`${ui.outcomeLabel}: ${ui.outcome[node.outcome]} (${node.outcome})`);
	}
	return {id, kind: node.kind, title, markers, destructive, start};
}

export function summarizeNodes(flow: Flow, language: Language): NodeSummary[] {
	return Object.entries(flow.nodes).map(([id, node]) => summarizeNode(flow, id, node, language));
}

export function summarizeEdges(flow: Flow, language: Language): EdgeSummary[] {
	const words = VOCABULARY[language];
	return flowEdges(flow).map((edge): EdgeSummary => {
		const base = {from: edge.from, to: edge.to, kind: edge.kind};
		switch (edge.kind) {
			case 'choice':
				return {...base, caption: shorten(firstLine(localize(edge.label, language)), MAX_CAPTION)};
			case 'rule': {
				// The path is ["nodes", id, "rules", index, "next"].
				const index = edge.path[3];
				const node = flow.nodes[edge.from];
				const rule =
					typeof index === 'number' && node?.kind === 'detect' ? node.rules[index] : undefined;
				const summary = rule
					? rule.when.map((condition) => describeCondition(condition, words)).join(words.and)
					: '';
				const number = typeof index === 'number' ? index + 1 : 0;
				return {...base, caption: shorten(words.rule(number, summary), MAX_CAPTION)};
			}
			case 'table':
				return {...base, caption: edge.route ? words.table[edge.route] : ''};
			case 'otherwise':
				return {...base, caption: words.otherwise};
			case 'proceed':
				return {...base, caption: words.proceed};
			case 'cancel':
				return {...base, caption: words.cancel};
			case 'next':
				return base;
		}
	});
}

function describeCondition(condition: Condition, words: Vocabulary): string {
	const fact = plainLine(condition.fact);
	const value = (scalar: string | boolean) => plainLine(String(scalar));
	if ('equals' in condition) return `${fact} = ${value(condition.equals)}`;
	if ('in' in condition) return `${fact} ∈ {${condition.in.map(value).join(', ')}}`;
	if ('gte' in condition) return `${fact} ≥ ${value(condition.gte)}`;
	if ('lt' in condition) return `${fact} < ${value(condition.lt)}`;
	if ('contains' in condition) return words.contains(fact, value(condition.contains));
	return words.known(fact, condition.known);
}

/** Nodes grouped by section, in order of first appearance; nodes without one under `undefined`. */
export function bySection(
	nodes: NodeSummary[],
	sections: Map<string, string>,
): Map<string | undefined, NodeSummary[]> {
	const groups = new Map<string | undefined, NodeSummary[]>();
	for (const node of nodes) {
		const section = sections.get(node.id);
		const group = groups.get(section);
		if (group) group.push(node);
		else groups.set(section, [node]);
	}
	return groups;
}

// ---------------------------------------------------------------------------------------------
// Mermaid.

const SHAPES: Record<NodeKind, [open: string, close: string]> = {
	question: ['{', '}'], // rhombus
	detect: ['{{', '}}'], // hexagon
	step: ['[', ']'], // rectangle
	gate: ['[/', '\\]'], // trapezoid
	end: ['([', '])'], // stadium
};

const ARROWS: Record<EdgeKind, string> = {
	choice: '-->',
	rule: '-->',
	table: '-->',
	next: '-->',
	otherwise: '-.->',
	proceed: '==>',
	cancel: '-.->',
};

const CLASS_DEFS = [
	'classDef destructive fill:#fde2e1,stroke:#b71c1c,stroke-width:4px,color:#000',
	'classDef gate fill:#fff4ce,stroke:#8a6d00,stroke-width:3px,stroke-dasharray:6 3,color:#000',
	'classDef terminal fill:#e8f0fe,stroke:#1a4d8f,color:#000',
];

/**
 * Text inside a double-quoted Mermaid label. Everything Mermaid treats specially becomes an entity
 * code (`#quot;`, `#35;`…), which Mermaid turns back into the character when it draws:
 * `"` ends the label, `#…;` is an entity, `<`/`>`/`&` are HTML, `` ` `` starts Markdown, `$$` starts
 * KaTeX, `%%` starts comments and directives, `:`/`;` trip the `style`/`classDef` entity rewriting,
 * `|` and `\` are edge-label and escape syntax elsewhere.
 */
export function mermaidText(text: string): string {
	return text.replace(/["#%&<>`$:;|\\]/g, (character) => `#${character.codePointAt(0)};`);
}

/** Mermaid ids for flow ids: `n_` + the id with hyphens as underscores (so `end` becomes `n_end`),
 * made unique if an unvalidated flow would map two ids to one. Nodes are declared before edges,
 * so the assignment is stable. */
function mermaidIds(): (id: string) => string {
	const assigned = new Map<string, string>();
	const taken = new Set<string>();
	return (id) => {
		const known = assigned.get(id);
		if (known !== undefined) return known;
		const base = `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
		let candidate = base;
		for (let counter = 2; taken.has(candidate); counter++) candidate = `${base}_${counter}`;
		assigned.set(id, candidate);
		taken.add(candidate);
		return candidate;
	};
}

export function toMermaid(flow: Flow, language: Language, focus?: string): string {
	const view = graphView(flow, focus);
	const nodes = summarizeNodes(flow, language).filter((node) => view.nodes.has(node.id));
	const edges = summarizeEdges(flow, language).filter(
		(edge) => view.nodes.has(edge.from) && view.nodes.has(edge.to),
	);
	const mermaidId = mermaidIds();
	const version = plainLine(flow.version);
	const lines = [
		'flowchart TD',
		`\taccTitle: ${mermaidText(firstLine(localize(flow.title, language)))}`,
		`\taccDescr: ${mermaidText(`w365-triage flow ${plainLine(flow.id)} ${version} (${language})`)}`,
	];
	const declare = (node: NodeSummary, indent: string) => {
		const [open, close] = SHAPES[node.kind];
		const parts = [plainLine(node.id), node.title, ...node.markers].filter((part) => part !== '');
		lines.push(
			`${indent}${mermaidId(node.id)}${open}"${parts.map(mermaidText).join('<br/>')}"${close}`,
		);
	};
	for (const [section, members] of bySection(nodes, view.sections)) {
		if (section === undefined) {
			for (const node of members) declare(node, '\t');
			continue;
		}
		lines.push(`\tsubgraph s_${section.replace(/[^A-Za-z0-9]/g, '_')}["${mermaidText(section)}"]`);
		for (const node of members) declare(node, '\t\t');
		lines.push('\tend');
	}
	for (const edge of edges) {
		const caption = edge.caption
			? `|"${captionLines(edge.caption).map(mermaidText).join('<br/>')}"|`
			: '';
		lines.push(`\t${mermaidId(edge.from)} ${ARROWS[edge.kind]}${caption} ${mermaidId(edge.to)}`);
	}
	lines.push(...CLASS_DEFS.map((line) => `\t${line}`));
	const classed = (name: string, members: NodeSummary[]) => {
		if (members.length > 0)
			lines.push(`\tclass ${members.map((node) => mermaidId(node.id)).join(',')} ${name}`);
	};
	classed(
		'terminal',
		nodes.filter((node) => node.kind === 'end'),
	);
	classed(
		'gate',
		nodes.filter((node) => node.kind === 'gate'),
	);
	classed(
		'destructive',
		nodes.filter((node) => node.destructive),
	);
	return `${lines.join('\n')}\n`;
}
