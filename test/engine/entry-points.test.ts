/**
 * `--at NODE` may begin a walk only where no destructive step can be shown before its gate is
 * confirmed in the same session: checked on every node of every flow the repository has.
 */
import {describe, expect, it} from 'vitest';
import {entryRefusal, startAt} from '../../source/engine/entry-points.js';
import {EngineError} from '../../source/engine/engine.js';
import {flowEdges} from '../../source/flow/flow-graph.js';
import type {Flow} from '../../source/flow/schema.js';
import {SHIPPED_FLOW} from '../../source/commands/open-flow.js';
import {EXAMPLE_FLOW, loadValidFlow} from '../helpers/flows.js';

const FLOWS: [string, Flow][] = [
	['shipped', loadValidFlow(SHIPPED_FLOW)],
	['example', loadValidFlow(EXAMPLE_FLOW)],
	[
		'authoring',
		loadValidFlow(new URL('../../docs/examples/start-menu-2026-03.yaml', import.meta.url).pathname),
	],
];

describe.each(FLOWS)('entry points of the %s flow', (_name, flow) => {
	it('no node a walk may begin at reaches a destructive step without passing a gate', () => {
		const unguarded = flowEdges(flow).filter((edge) => edge.kind !== 'proceed');
		const allowed = Object.keys(flow.nodes).filter((id) => entryRefusal(flow, id) === undefined);
		expect(allowed).toContain(flow.start);
		for (const entry of allowed) {
			const seen = new Set([entry]);
			const queue = [entry];
			for (let head = 0; head < queue.length; head++) {
				expect(flow.nodes[queue[head]!]!.destructive, `${entry} → ${queue[head]}`).not.toBe(true);
				for (const edge of unguarded) {
					if (edge.from === queue[head] && !seen.has(edge.to)) {
						seen.add(edge.to);
						queue.push(edge.to);
					}
				}
			}
		}
	});

	it('refuses every destructive step and every gate-guarded node, naming a gate to begin at instead', () => {
		const destructive = Object.keys(flow.nodes).filter((id) => flow.nodes[id]!.destructive);
		expect(destructive.length).toBeGreaterThan(0);
		for (const id of destructive) {
			const refusal = entryRefusal(flow, id)!;
			expect(refusal).toContain('is a destructive step');
			const gate = /--at ([a-z0-9-]+)/.exec(refusal)![1]!;
			expect(flow.nodes[gate]!.kind).toBe('gate');
			expect(entryRefusal(flow, gate)).toBeUndefined();
			expect(() => startAt(flow, {}, id)).toThrow(EngineError);
		}
		for (const gate of Object.keys(flow.nodes).filter((id) => flow.nodes[id]!.kind === 'gate')) {
			const after = (flow.nodes[gate] as {next: string}).next;
			expect(entryRefusal(flow, after), after).toMatch(
				/destructive step|comes after a backup gate/,
			);
		}
	});

	it('begins the path at the node, with the facts given', () => {
		const state = startAt(flow, {'os.build': {value: '26100.7627', origin: 'flag'}}, flow.start);
		expect(state.path).toEqual([{node: flow.start, acks: []}]);
		expect(entryRefusal(flow, 'no-such-node')).toContain('has no node');
	});
});
