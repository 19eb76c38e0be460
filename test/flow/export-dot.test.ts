import {spawnSync} from 'node:child_process';
import {fromDot, type EdgeModel, type NodeModel} from 'ts-graphviz';
import {describe, expect, test} from 'vitest';
import {dotString, toDot} from '../../source/flow/export-dot.js';
import {exportFlow} from './export-fixture.js';

const flow = exportFlow();
const english = toDot(flow, 'en');
const japanese = toDot(flow, 'ja');

/** What Graphviz draws for a label the parser returned: DOT has already turned `\"` into `"`;
 * Graphviz then reads `\\` as a backslash and `\n` (`\l`, `\r`) as a line break. */
function drawn(label: unknown): string[] {
	return String(label ?? '')
		.replace(/\\([\\nlr])/g, (_match, escaped: string) => (escaped === '\\' ? '\\' : '\n'))
		.split('\n');
}

/** Every node, also those drawn inside a section's cluster (a subgraph). */
function allNodes(graph: {
	nodes: readonly NodeModel[];
	subgraphs: readonly {nodes: readonly NodeModel[]; subgraphs: readonly any[]}[];
}): NodeModel[] {
	return [...graph.nodes, ...graph.subgraphs.flatMap((subgraph) => allNodes(subgraph))];
}

function nodes(dot: string): Map<string, NodeModel> {
	return new Map(allNodes(fromDot(dot)).map((node) => [node.id, node]));
}

function ends(edge: EdgeModel): string[] {
	return edge.targets.map((target) => ('id' in target ? target.id : '?'));
}

describe('toDot', () => {
	test('a real DOT parser accepts the output in every language', () => {
		for (const dot of [english, japanese]) {
			const graph = fromDot(dot);
			expect(graph.directed).toBe(true);
			expect(graph.id).toBe('export-test');
			expect(
				allNodes(graph)
					.map((node) => node.id)
					.sort(),
			).toEqual(['end', 'node', 'os-build', 'reset', 'reset-gate', 'symptom']);
			expect(graph.edges).toHaveLength(8);
		}
	});

	test('the parser check can fail: broken DOT is rejected', () => {
		expect(() => fromDot('digraph { a -> }')).toThrow();
		expect(() => fromDot('digraph { a [label="6" screen"] }')).toThrow();
		expect(() => fromDot('digraph { a [label="unterminated\\"] }')).toThrow();
		// …and the same label escaped is fine.
		expect(
			fromDot(`digraph { a [label=${dotString('6" screen')}] }`).nodes[0]?.attributes.get('label'),
		).toBe('6" screen');
	});

	test('each node kind has its own shape; ends are drawn doubled', () => {
		const byId = nodes(english);
		const shape = (id: string) => byId.get(id)?.attributes.get('shape');
		expect(shape('symptom')).toBe('diamond');
		expect(shape('os-build')).toBe('hexagon');
		expect(shape('reset')).toBe('box');
		expect(shape('reset-gate')).toBe('trapezium');
		expect(shape('end')).toBe('oval');
		expect(String(byId.get('end')?.attributes.get('peripheries'))).toBe('2');
	});

	test('destructive nodes are red, bold and say so; gates are marked', () => {
		const byId = nodes(english);
		const reset = byId.get('reset')!.attributes;
		expect([reset.get('color'), reset.get('fontcolor'), reset.get('style')]).toEqual([
			'red',
			'red',
			'bold',
		]);
		expect(drawn(reset.get('label'))).toEqual(['reset', 'Delete C:\\Users\\', '⚠ destructive']);
		const gate = byId.get('reset-gate')!.attributes;
		expect(gate.get('style')).toBe('filled,bold');
		expect(drawn(gate.get('label'))).toEqual([
			'reset-gate',
			'Back up first',
			'gate: acknowledge 2 items',
		]);
		expect(byId.get('symptom')!.attributes.get('color')).toBeUndefined();
	});

	test('labels: id, title or first line of text, start and outcome', () => {
		const byId = nodes(english);
		const label = (id: string) => drawn(byId.get(id)?.attributes.get('label'));
		expect(label('os-build')).toEqual(['os-build', 'Check the build', '▶ start']);
		expect(label('symptom')).toEqual(['symptom', '#35; <b>b</b> $$x$$ %%{init: {}}%% `md`']);
		expect(label('node')).toEqual([
			'node',
			'Follow the recovery steps.',
			'Outcome: Data recovery (recovery)',
		]);
		expect(label('end')).toEqual(['end', 'Done', 'Outcome: Resolved (resolved)']);
	});

	test('edge labels and styles', () => {
		const edges = fromDot(english).edges.map((edge) => [
			...ends(edge),
			drawn(edge.attributes.get('label')).join(' / '),
			edge.attributes.get('style') ?? '',
		]);
		expect(edges).toEqual([
			[
				'os-build',
				'symptom',
				'rule 1: os.build ≥ / 26100.7627 and hotfixes / contains KB5074109',
				'',
			],
			['os-build', 'end', 'rule 2: os.build < / 26100.7627', ''],
			['os-build', 'symptom', 'otherwise', 'dashed'],
			['symptom', 'reset-gate', 'Black screen "A" [1] (x) / {y} -->|z|', ''],
			['symptom', 'end', 'It works -> done; end', ''],
			['reset-gate', 'reset', 'all acknowledged', 'bold'],
			['reset-gate', 'end', 'cancel', 'dashed'],
			['reset', 'node', '', ''],
		]);
	});

	test('strings are escaped for DOT and for Graphviz label escapes', () => {
		expect(dotString('a "b" \\N c\\\nd')).toBe('"a \\"b\\" \\\\N c\\\\\\nd"');
		// Quotes become \" ; a trailing backslash is doubled so it cannot swallow the closing quote.
		expect(english).toContain('label="reset\\nDelete C:\\\\Users\\\\\\n⚠ destructive"');
		expect(english).toContain('graph [label="The \\"sign-in\\" [test] flow (1.0.0, en)"');
	});

	test('terminal control characters and bidi overrides are stripped', () => {
		for (const output of [english, japanese]) {
			expect(output).not.toMatch(
				/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/,
			);
			expect(output).not.toContain('ZXZpbA');
		}
	});

	test('Japanese labels', () => {
		const byId = nodes(japanese);
		expect(drawn(byId.get('reset')?.attributes.get('label'))).toEqual([
			'reset',
			'プロファイル C:\\Users\\ を削除',
			'⚠ 破壊的な操作',
		]);
		expect(drawn(byId.get('end')?.attributes.get('label'))).toEqual([
			'end',
			'完了',
			'結果: 解決 (resolved)',
		]);
		expect(
			fromDot(japanese).edges.map((edge) => drawn(edge.attributes.get('label')).join('')),
		).toContain('すべて確認済み');
	});

	// Not needed in CI (the npm parser above is the check); a second opinion where Graphviz exists.
	test.skipIf(spawnSync('dot', ['-V']).error !== undefined)(
		'Graphviz itself renders the output without complaint',
		() => {
			for (const dot of [english, japanese]) {
				const result = spawnSync('dot', ['-Tsvg'], {input: dot, encoding: 'utf8'});
				expect(result.status).toBe(0);
				expect(result.stderr).toBe('');
			}
			expect(spawnSync('dot', ['-Tsvg'], {input: english, encoding: 'utf8'}).stdout).toContain(
				'>Delete C:\\Users\\</text>',
			);
		},
	);
});
