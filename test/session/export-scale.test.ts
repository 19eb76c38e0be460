/**
 * Export, resume and watch replay a session in time linear in its events: a path 100,000 steps
 * long (someone going round web client ⇄ compare options) once took over four minutes to export,
 * because every replayed answer copied the whole path.
 */
import {describe, expect, it} from 'vitest';
import type {SessionEvent} from '../../source/session/events.js';
import {exportSession} from '../../source/session/export-session.js';
import {rebuildState} from '../../source/session/rebuild-state.js';
import {startEvent} from '../../source/session/session-log.js';
import {INCIDENT_FLOW, loadValidFlowFile} from '../helpers/flows.js';

const INCIDENT = loadValidFlowFile(INCIDENT_FLOW);

/** A session of about `count` events whose path keeps growing, with a step back now and then. */
function longSession(count: number): SessionEvent[] {
	let time = Date.parse('2026-01-20T09:15:00.000Z');
	const at = () => {
		time += 1000;
		return new Date(time).toISOString();
	};
	const start = startEvent({
		id: '20260120-091500-long',
		time: at(),
		flow: INCIDENT.flow,
		flowFile: INCIDENT.file,
		flowHash: INCIDENT.hash,
		language: 'en',
		facts: {},
		appVersion: '0.1.0',
	});
	const events: SessionEvent[] = [start];
	let step = 1;
	const answer = (node: string, id: string, next: string, auto = false) => {
		events.push({
			type: 'answer',
			time: at(),
			step,
			node,
			answer: id,
			next,
			...(auto ? {auto: true} : {}),
		} as SessionEvent);
		step++;
	};
	answer('symptom', 'auth-failure', 'symptom-timing');
	answer('symptom-timing', 'after-update', 'detect-os');
	answer('detect-os', 'continue', 'ask-os', true);
	answer('ask-os', 'win11-24h2', 'detect-os');
	answer('detect-os', 'continue', 'check-build', true);
	answer('check-build', 'below', 'fix');
	answer('fix', 'next', 'fix-confirm', true);
	answer('fix-confirm', 'not-installed', 'managed-pc');
	answer('managed-pc', 'web-client', 'web-client');
	while (events.length < count) {
		answer('web-client', 'compare', 'compare-options');
		if (events.length % 1000 === 0) {
			events.push({
				type: 'back',
				time: at(),
				step,
				node: 'compare-options',
				to: {step: step - 1, node: 'web-client'},
				invalidated: {answers: [{node: 'web-client', answer: 'compare'}], acks: []},
			} as SessionEvent);
			step--;
			continue;
		}
		answer('compare-options', 'web-client', 'web-client');
	}
	return events;
}

describe('replaying a long session', () => {
	const events = longSession(100_000);

	it('rebuilds 100,000 events in seconds, to the same place', () => {
		const began = performance.now();
		const {state} = rebuildState(events, INCIDENT.flow, INCIDENT.hash);
		const seconds = (performance.now() - began) / 1000;
		expect(state.path.at(-1)!.node).toMatch(/^(web-client|compare-options)$/);
		expect(state.path.length).toBeGreaterThan(90_000);
		// About half a second here; the path-copying replay took minutes. The bound is generous for
		// a loaded machine and still far below anything quadratic.
		expect(seconds).toBeLessThan(15);
	});

	it('exports 100,000 events in seconds, every event on its own line', () => {
		const began = performance.now();
		const {text, report} = exportSession(
			{events, warnings: [], path: ''},
			{
				format: 'md',
				sessionFlow: {status: 'ok', flow: INCIDENT.flow, hash: INCIDENT.hash},
				personal: {localUser: 'nobody-here', localHost: 'no-such-host'},
			},
		);
		const seconds = (performance.now() - began) / 1000;
		expect(report.entries).toHaveLength(events.length);
		expect(report.facts).toContainEqual({
			name: 'os.version',
			value: '24H2',
			origin: 'answered',
			via: 'ask-os',
		});
		expect(text.split('\n').filter((line) => /^\d+\. /.test(line)).length).toBe(events.length);
		expect(seconds).toBeLessThan(30);
	});
});
