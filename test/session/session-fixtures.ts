/** Sessions built by driving the real engine through the recording wrappers, with a fake clock. */
import type {State} from '../../source/engine/engine.js';
import {start} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import {loadFlowFile} from '../../source/flow/load-flow.js';
import type {Flow, Language} from '../../source/flow/schema.js';
import type {SessionEvent, SessionEventInput} from '../../source/session/events.js';
import {recordTransitions, type Transitions} from '../../source/session/record-transitions.js';
import {hashFlow} from '../../source/session/flow-hash.js';
import {startEvent} from '../../source/session/session-log.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';

export const EXAMPLE = (() => {
	const loaded = loadFlowFile(EXAMPLE_FLOW);
	if (!loaded.flow || loaded.source === undefined)
		throw new Error('flows/example.yaml does not load');
	return {
		flow: loaded.flow,
		source: loaded.source,
		hash: hashFlow(loaded.source),
		file: EXAMPLE_FLOW,
	};
})();

export const START_FACTS: Facts = {
	'os.product': {value: 'Windows 11', origin: 'detected', via: 'registry'},
	'os.build': {value: '26100.4100', origin: 'flag'},
};

/** A clock that ticks `stepSeconds` per reading, from a fixed start. */
export function fakeClock(startIso = '2026-01-20T09:15:00.000Z', stepSeconds = 7): () => Date {
	let time = Date.parse(startIso);
	return () => {
		const now = new Date(time);
		time += stepSeconds * 1000;
		return now;
	};
}

export type Built = {events: SessionEvent[]; state: State};

/** Records a session in memory: the start event, then whatever `walk` does with the transitions. */
export function buildSession(
	walk: (transitions: Transitions, state: State) => State,
	{
		flow = EXAMPLE.flow,
		hash = EXAMPLE.hash,
		file = 'flows/example.yaml',
		facts = START_FACTS,
		language = 'en' as Language,
		id = '20260120-091500-ab12',
		now = fakeClock(),
	} = {},
): Built {
	const first = startEvent({
		id,
		time: now().toISOString(),
		flow,
		flowFile: file,
		flowHash: hash,
		language,
		facts,
		appVersion: '0.1.0',
	});
	// Keep the file as given (startEvent resolves it) so golden files do not name this machine.
	const events: SessionEvent[] = [{...first, flow: {...first.flow, file}}];
	const record = (input: SessionEventInput) =>
		events.push({...input, time: now().toISOString()} as SessionEvent);
	const state = walk(recordTransitions(record), start(flow, facts));
	return {events, state};
}

/**
 * The golden walk through the example flow: a restart, the detect node passed automatically, a
 * back out of the backup gate (dropping an acknowledgement), then every backup item confirmed,
 * the update removed, and printing fixed.
 */
export function goldenWalk(t: Transitions, initial: State): State {
	let state = t.answer(initial, 'no-print');
	state = t.answer(state, 'continue', {auto: true});
	state = t.restart(state);
	state = t.answer(state, 'no-print');
	state = t.answer(state, 'continue', {auto: true});
	state = t.answer(state, 'still-broken');
	state = t.acknowledge(state, 'files');
	state = t.back(state).state;
	state = t.answer(state, 'still-broken');
	for (const item of ['files', 'restore-point', 'power']) state = t.acknowledge(state, item);
	state = t.answer(state, 'proceed');
	return t.answer(state, 'printed');
}

export type {Flow};
