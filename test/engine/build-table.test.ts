/** The build table: which row facts pick, where a build stands, and that an OS is one row. */
import {describe, expect, it} from 'vitest';
import {matchBuildRow} from '../../source/engine/build-table.js';
import {answer, currentNode, currentStep, start} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {nodeLines} from '../../source/view/node-content.js';

const row = (
	id: string,
	product: string,
	version: string | undefined,
	from: string,
	below: string,
	broken?: string,
	fixed?: string,
) => `  ${id}:
    product: ${product}
${version ? `    version: "${version}"\n` : ''}    name: ${product}${version ? ` ${version}` : ''}
    builds: {from: "${from}", below: "${below}"}
${broken ? `    broken: {build: "${broken}", kb: KB5000001}\n` : ''}${fixed ? `    fixed: {build: "${fixed}", kb: KB50000${id.length}2, sources: [kb]}\n` : ''}    settings: Settings > Windows Update
    uninstall: Settings > Windows Update > Update history > Uninstall updates
    sources: [kb]
`;

const flowText = (rows: string) => `id: table
version: "1"
title: Table
languages: [en]
start: os
sources:
  kb: {title: The fix, url: "https://example.com/kb"}
builds:
${rows}nodes:
  os:
    kind: detect
    text: Checking.
    facts: [os.product, os.version, os.build]
    rules: []
    table: {before-broken: none, broken: fix, fixed: done, no-fix: none, unknown-build: none, not-listed: none}
    otherwise: none
  fix:
    kind: end
    outcome: escalate
    text: Install {fixed.kb} (build {fixed.build}) on {name}.
  done:
    kind: end
    outcome: resolved
    text: Fixed on {name}.
  none:
    kind: end
    outcome: escalate
    text: Nothing to do.
`;

const ROWS =
	row('client', 'Windows 11', '24H2', '26100', '26100.20000', '26100.7623', '26100.7627') +
	row(
		'server',
		'Windows Server 2025',
		undefined,
		'26100.20000',
		'26101',
		'26100.32230',
		'26100.32234',
	);

const load = (rows: string) => {
	const loaded = loadFlowText(flowText(rows), 'table.yaml');
	if (!loaded.flow) throw new Error(loaded.findings.map((finding) => finding.message).join('\n'));
	return loaded.flow;
};
const given = (values: Record<string, string>): Facts =>
	Object.fromEntries(
		Object.entries(values).map(([name, value]) => [name, {value, origin: 'flag'}]),
	);

describe('matchBuildRow', () => {
	const flow = load(ROWS);
	it('the build decides, numerically, and says when the product disagrees', () => {
		expect(matchBuildRow(flow, given({'os.build': '26100.999'}))).toMatchObject({
			id: 'client',
			status: 'before-broken',
		});
		expect(matchBuildRow(flow, given({'os.build': '26100.7623'}))).toMatchObject({
			id: 'client',
			status: 'broken',
		});
		expect(matchBuildRow(flow, given({'os.build': '26100.19999'}))).toMatchObject({
			id: 'client',
			status: 'fixed',
		});
		expect(matchBuildRow(flow, given({'os.build': '26100.20000'}))).toMatchObject({
			id: 'server',
			status: 'before-broken',
		});
		expect(
			matchBuildRow(
				flow,
				given({'os.product': 'Windows 11', 'os.version': '24H2', 'os.build': '26100.32230'}),
			),
		).toMatchObject({id: 'server', status: 'broken', conflict: 'Windows 11 24H2'});
		expect(
			matchBuildRow(flow, given({'os.product': 'Windows 10', 'os.build': '26100.7623'})),
		).not.toHaveProperty('conflict');
		expect(matchBuildRow(flow, given({'os.build': '22621.1'}))).toEqual({unlisted: '22621.1'});
	});

	it('without a build, the product and version pick one row or none', () => {
		expect(matchBuildRow(flow, given({'os.product': 'windows server 2025'}))).toMatchObject({
			id: 'server',
			status: 'unknown-build',
		});
		expect(matchBuildRow(flow, given({'os.product': 'Windows 11'}))).toBeUndefined();
		expect(
			matchBuildRow(flow, given({'os.product': 'Windows 11', 'os.version': '24H2'})),
		).toMatchObject({id: 'client'});
		expect(matchBuildRow(flow, {})).toBeUndefined();
	});
});

describe('an OS is one row', () => {
	it('a new row is routed and named by the same nodes, with nothing else added', () => {
		const flow = load(
			ROWS + row('older', 'Windows 11', '23H2', '22631', '22632', '22631.6491', '22631.6494'),
		);
		const state = answer(start(flow, given({'os.build': '22631.6491'})), 'continue');
		expect(currentStep(state).node).toBe('fix');
		expect(currentNode(state).kind).toBe('end');
		expect(
			nodeLines(state, 'en')
				.body.map((line) => line.text)
				.join('\n'),
		).toContain('Install KB5000052 (build 22631.6494) on Windows 11 23H2.');
	});
});
