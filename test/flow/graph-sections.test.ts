// @vitest-environment jsdom
/**
 * `graph` for large flows: sections drawn as clusters (Mermaid subgraphs, DOT clusters), `--focus`
 * to draw one node with its neighbours, and labels shortened only between words. Both formats are
 * read back with real parsers (Mermaid's own, ts-graphviz).
 */
import mermaid from 'mermaid';
import {fromDot, type NodeModel} from 'ts-graphviz';
import {describe, expect, test} from 'vitest';
import {toDot} from '../../source/flow/export-dot.js';
import {shorten, toMermaid} from '../../source/flow/export-mermaid.js';
import {nodeSections} from '../../source/flow/graph-view.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import type {Flow} from '../../source/flow/schema.js';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

type Sub = {id: string; title: string; nodes: string[]};
type Db = {
	getVertices(): Map<string, unknown>;
	getEdges(): {start: string; end: string}[];
	getSubGraphs(): Sub[];
};

async function parseMermaid(text: string): Promise<Db> {
	expect(await mermaid.parse(text)).toMatchObject({diagramType: 'flowchart-v2'});
	return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as Db;
}

type Graph = {
	nodes: readonly NodeModel[];
	subgraphs: readonly Graph[];
	id?: string;
	get(key: 'label'): unknown;
};
function clusters(graph: Graph): Map<string, string[]> {
	return new Map(
		graph.subgraphs.map((subgraph) => [String(subgraph.id), subgraph.nodes.map((node) => node.id)]),
	);
}

const FLOW = `id: sections
version: "1"
title: Sections
languages: [en]
start: ask
nodes:
  ask:
    kind: question
    text: What happens?
    choices:
      - {id: a, label: A very long answer label that goes on and on about the problem at hand, next: rollback-check}
      - {id: b, label: B, next: done}
  rollback-check:
    kind: step
    text: Check.
    next: rollback-gate
  rollback-gate:
    kind: gate
    text: Backup first.
    items: [{id: saved, text: Saved}]
    next: remove
    cancel: done
  remove:
    kind: step
    section: rollback
    destructive: true
    text: Remove it.
    choices:
      - {id: ok, label: OK, next: done}
      - {id: failed, label: Failed, next: recover}
  done:
    kind: end
    section: ends
    outcome: resolved
    text: Done.
  recover:
    kind: end
    section: ends
    outcome: recovery
    text: Recover.
`;
const flow = (() => {
	const loaded = loadFlowText(FLOW, 'sections.yaml');
	expect(loaded.findings).toEqual([]);
	return loaded.flow!;
})();

describe('sections', () => {
	test('come from section: keys, else from a first word of the id that other nodes share', () => {
		expect(Object.fromEntries(nodeSections(flow))).toEqual({
			'rollback-check': 'rollback',
			'rollback-gate': 'rollback',
			remove: 'rollback',
			done: 'ends',
			recover: 'ends',
		});
	});

	test('Mermaid draws each section as a subgraph holding its nodes', async () => {
		const db = await parseMermaid(toMermaid(flow, 'en'));
		const subgraphs = Object.fromEntries(
			db.getSubGraphs().map((sub) => [sub.title, [...sub.nodes].sort()]),
		);
		expect(subgraphs).toEqual({
			rollback: ['n_remove', 'n_rollback_check', 'n_rollback_gate'],
			ends: ['n_done', 'n_recover'],
		});
		expect(db.getVertices().has('n_ask')).toBe(true);
		expect(db.getEdges()).toHaveLength(7);
	});

	test('DOT draws each section as a cluster holding its nodes', () => {
		const graph = fromDot(toDot(flow, 'en')) as unknown as Graph;
		expect(Object.fromEntries([...clusters(graph)].map(([id, ids]) => [id, ids.sort()]))).toEqual({
			cluster_rollback: ['remove', 'rollback-check', 'rollback-gate'],
			cluster_ends: ['done', 'recover'],
		});
		expect(graph.nodes.map((node) => node.id)).toEqual(['ask']);
	});

	test('the shipped flow gets sections from its ids and both parsers accept it', async () => {
		// (jsdom's import.meta.url is not a file URL: the path is taken from the working directory.)
		const shipped: Flow = loadFlowText(
			readFileSync(join(process.cwd(), 'flows', 'w365-avd-2026-01.yaml'), 'utf8'),
			'shipped.yaml',
		).flow!;
		const db = await parseMermaid(toMermaid(shipped, 'ja'));
		expect(db.getSubGraphs().length).toBeGreaterThanOrEqual(3);
		const graph = fromDot(toDot(shipped, 'en')) as unknown as Graph;
		expect(graph.subgraphs.length).toBeGreaterThanOrEqual(3);
	});
});

describe('--focus', () => {
	test('draws the node, the nodes that lead to it and the nodes it leads to, and the edges between them', async () => {
		const db = await parseMermaid(toMermaid(flow, 'en', 'rollback-gate'));
		expect([...db.getVertices().keys()].sort()).toEqual([
			'n_done',
			'n_remove',
			'n_rollback_check',
			'n_rollback_gate',
		]);
		expect(
			db
				.getEdges()
				.map((edge) => `${edge.start}>${edge.end}`)
				.sort(),
		).toEqual([
			'n_remove>n_done',
			'n_rollback_check>n_rollback_gate',
			'n_rollback_gate>n_done',
			'n_rollback_gate>n_remove',
		]);
		const graph = fromDot(toDot(flow, 'en', 'rollback-gate')) as unknown as Graph;
		const ids = [...graph.nodes, ...graph.subgraphs.flatMap((sub) => sub.nodes)]
			.map((node) => node.id)
			.sort();
		expect(ids).toEqual(['done', 'remove', 'rollback-check', 'rollback-gate']);
	});
});

describe('labels are shortened only between words', () => {
	test.each([
		[
			'A very long answer label that goes on and on about the problem at hand',
			30,
			'A very long answer label that…',
		],
		['Supercalifragilisticexpialidocious', 10, 'Supercalifragilisticexpialidocious…'],
		['更新プログラムをアンインストールしてから再起動してください', 12],
	])('%s', (text, max, expected?) => {
		const short = shorten(text, max);
		if (expected) expect(short).toBe(expected);
		const kept = short.replace(/…$/, '');
		expect(text.startsWith(kept)).toBe(true);
		// What follows the cut starts a new word.
		const next = text.slice(kept.length);
		const words = [...new Intl.Segmenter('ja', {granularity: 'word'}).segment(text)].map(
			(segment) => segment.index,
		);
		expect(next === '' || words.includes(kept.length) || /^\s/.test(next)).toBe(true);
	});
});
