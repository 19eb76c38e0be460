// @vitest-environment jsdom
// Mermaid's flowchart parser needs DOMPurify, and DOMPurify needs a DOM: jsdom supplies one.
import mermaid from 'mermaid';
import {describe, expect, test} from 'vitest';
import {mermaidText, toMermaid} from '../../source/flow/export-mermaid.js';
import {exportFlow} from './export-fixture.js';

type Vertex = {text?: string; type?: string; classes: string[]};
type Edge = {start: string; end: string; text: string; stroke?: string};
type FlowDb = {getVertices(): Map<string, Vertex>; getEdges(): Edge[]};

/** Parses with the real Mermaid parser (throws on a syntax error) and returns what it understood. */
async function parseFlowchart(text: string): Promise<FlowDb> {
	expect(await mermaid.parse(text)).toMatchObject({diagramType: 'flowchart-v2'});
	return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as FlowDb;
}

/** What Mermaid would draw: its entity placeholders (from `#35;`, `#quot;`…) turned back into
 * characters, and the label split at line breaks. */
function drawn(text: string | undefined): string[] {
	return (text ?? '')
		.replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_match, code: string) =>
			String.fromCodePoint(Number(code)),
		)
		.split('<br>');
}

const flow = exportFlow();
const english = toMermaid(flow, 'en');
const japanese = toMermaid(flow, 'ja');

describe('toMermaid', () => {
	test('the real Mermaid parser accepts the output in every language', async () => {
		await parseFlowchart(english);
		await parseFlowchart(japanese);
		expect(english.startsWith('flowchart TD\n')).toBe(true);
	});

	test('the parser check can fail: broken diagrams are rejected', async () => {
		await expect(mermaid.parse('flowchart TD\n\tend --> a')).rejects.toThrow(/Parse error/);
		await expect(mermaid.parse('flowchart TD\n\ta["6" screen"] --> b')).rejects.toThrow(
			/Parse error/,
		);
		await expect(mermaid.parse('flowchart TD\n\ta -->')).rejects.toThrow(/Parse error/);
		// …and the same label escaped is fine.
		await expect(
			mermaid.parse(`flowchart TD\n\ta["${mermaidText('6" screen')}"] --> b`),
		).resolves.toBeTruthy();
	});

	test('each node kind has its own shape; ids are sanitized (end, hyphens)', async () => {
		const vertices = (await parseFlowchart(english)).getVertices();
		expect(Object.fromEntries([...vertices].map(([id, vertex]) => [id, vertex.type]))).toEqual({
			n_os_build: 'hexagon',
			n_symptom: 'diamond',
			n_reset_gate: 'trapezoid',
			n_reset: 'square',
			n_node: 'stadium',
			n_end: 'stadium',
		});
	});

	test('labels show the id, the title or first line of text, and textual markers', async () => {
		const vertices = (await parseFlowchart(english)).getVertices();
		const label = (id: string) => drawn(vertices.get(id)?.text);
		expect(label('n_os_build')).toEqual(['os-build', 'Check the build', '▶ start']);
		expect(label('n_reset_gate')).toEqual([
			'reset-gate',
			'Back up first',
			'gate: acknowledge 2 items',
		]);
		expect(label('n_node')).toEqual([
			'node',
			'Follow the recovery steps.',
			'Outcome: Data recovery (recovery)',
		]);
		expect(label('n_end')).toEqual(['end', 'Done', 'Outcome: Resolved (resolved)']);
	});

	test('destructive nodes and gates are marked by class and by text', async () => {
		const vertices = (await parseFlowchart(english)).getVertices();
		expect(vertices.get('n_reset')?.classes).toEqual(['destructive']);
		expect(drawn(vertices.get('n_reset')?.text)).toContain('⚠ destructive');
		expect(vertices.get('n_reset_gate')?.classes).toEqual(['gate']);
		expect(english).toMatch(/^\tclassDef destructive /m);
		expect(english).toMatch(/^\tclassDef gate /m);
	});

	test('edge labels: choices, rules with their conditions, otherwise, gate proceed and cancel', async () => {
		const edges = (await parseFlowchart(english)).getEdges();
		expect(
			edges.map((edge) => [edge.start, edge.end, drawn(edge.text).join(' / '), edge.stroke]),
		).toEqual([
			[
				'n_os_build',
				'n_symptom',
				'rule 1: os.build ≥ / 26100.7627 and hotfixes / contains KB5074109',
				'normal',
			],
			['n_os_build', 'n_end', 'rule 2: os.build < / 26100.7627', 'normal'],
			['n_os_build', 'n_symptom', 'otherwise', 'dotted'],
			['n_symptom', 'n_reset_gate', 'Black screen "A" [1] (x) / {y} -->|z|', 'normal'],
			['n_symptom', 'n_end', 'It works -> done; end', 'normal'],
			['n_reset_gate', 'n_reset', 'all acknowledged', 'thick'],
			['n_reset_gate', 'n_end', 'cancel', 'dotted'],
			['n_reset', 'n_node', '', 'normal'],
		]);
	});

	test('Mermaid syntax in flow text is escaped and drawn literally', async () => {
		const vertices = (await parseFlowchart(english)).getVertices();
		expect(drawn(vertices.get('n_symptom')?.text)).toEqual([
			'symptom',
			'#35; <b>b</b> $$x$$ %%{init: {}}%% `md`',
		]);
		// No directive, KaTeX, HTML or raw quote survives in the source.
		expect(english).not.toMatch(/%%\{|\$\$|<b>|"A"/);
	});

	test('terminal control characters and bidi overrides are stripped', async () => {
		const vertices = (await parseFlowchart(english)).getVertices();
		expect(drawn(vertices.get('n_reset')?.text)).toEqual([
			'reset',
			'Delete C:\\Users\\',
			'⚠ destructive',
		]);
		for (const output of [english, japanese]) {
			expect(output).not.toMatch(
				/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/,
			);
			expect(output).not.toContain('ZXZpbA');
		}
	});

	test('Japanese text and vocabulary', async () => {
		const db = await parseFlowchart(japanese);
		const vertices = db.getVertices();
		expect(drawn(vertices.get('n_os_build')?.text)).toEqual(['os-build', 'ビルドを確認', '▶ 開始']);
		expect(drawn(vertices.get('n_reset')?.text)).toEqual([
			'reset',
			'プロファイル C:\\Users\\ を削除',
			'⚠ 破壊的な操作',
		]);
		expect(drawn(vertices.get('n_node')?.text)).toEqual([
			'node',
			'復旧の手順に従います。',
			'結果: データの回復 (recovery)',
		]);
		expect(db.getEdges().map((edge) => drawn(edge.text).join(' / '))).toEqual([
			'ルール 1: os.build ≥ / 26100.7627 かつ hotfixes / に KB5074109 を含む',
			'ルール 2: os.build < / 26100.7627',
			'それ以外',
			'黒い画面 "A" [1]',
			'問題なし',
			'すべて確認済み',
			'キャンセル',
			'',
		]);
	});

	test('long titles are shortened without splitting a character', async () => {
		const long = exportFlow();
		long.nodes.end!.title = {ja: '👩‍💻'.repeat(60), en: 'x'.repeat(100)};
		const vertices = (await parseFlowchart(toMermaid(long, 'ja'))).getVertices();
		const title = drawn(vertices.get('n_end')?.text)[1]!;
		expect(title).toBe(`${'👩‍💻'.repeat(39)}…`);
	});
});
