import {describe, expect, it} from 'vitest';
import {
	acknowledge,
	answer,
	back,
	currentNode,
	currentStep,
	effectiveFacts,
	EngineError,
	isFinished,
	options,
	outcome,
	pendingAcks,
	resolveAnswer,
	restart,
	setFact,
	start,
	stepNumber,
	summary,
} from '../../source/engine/engine.js';
import {loadFlowText} from '../../source/flow/load-flow.js';
import {EXAMPLE_FLOW, loadValidFlow} from '../helpers/flows.js';

const flow = loadValidFlow(EXAMPLE_FLOW);
const flag = (value: string) => ({value, origin: 'flag' as const});

describe('engine', () => {
	it('starts at the start node, step 1', () => {
		const state = start(flow);
		expect(currentStep(state).node).toBe('symptom');
		expect(stepNumber(state)).toBe(1);
		expect(isFinished(state)).toBe(false);
	});

	it('routes a detect node on facts, and to otherwise when they are missing', () => {
		const known = answer(
			start(flow, {'os.product': flag('Windows 11'), 'os.build': flag('26100.7623')}),
			'no-print',
		);
		expect(currentStep(known).node).toBe('os-check');
		expect(options(known)).toEqual([{id: 'continue', next: 'spooler'}]);

		const old = answer(
			start(flow, {'os.product': flag('Windows 10'), 'os.build': flag('19045.6809')}),
			'no-print',
		);
		expect(options(old)[0]!.next).toBe('update');

		const unknown = answer(start(flow), 'no-print');
		expect(options(unknown)[0]!.next).toBe('ask-os');
	});

	it('compares builds numerically, not as text', () => {
		// 26100.999 < 26100.4000 numerically, although "999" > "4000" as text.
		const state = answer(
			start(flow, {'os.product': flag('Windows 11'), 'os.build': flag('26100.999')}),
			'no-print',
		);
		expect(options(state)[0]!.next).toBe('update');
	});

	it('records facts answered in the flow, and forgets them on back', () => {
		let state = answer(answer(start(flow), 'no-print'), 'continue');
		state = answer(state, 'win11');
		expect(effectiveFacts(state)['os.product']).toEqual({
			value: 'Windows 11',
			origin: 'answered',
			via: 'ask-os',
		});
		state = back(state).state;
		expect(currentStep(state).node).toBe('ask-os');
		expect(effectiveFacts(state)['os.product']).toBeUndefined();
	});

	it('resolves numbers and ids to answers', () => {
		const state = start(flow);
		expect(resolveAnswer(state, '2')).toBe('stuck');
		expect(resolveAnswer(state, 'other')).toBe('other');
		expect(resolveAnswer(state, '4')).toBeUndefined();
		expect(resolveAnswer(state, 'nope')).toBeUndefined();
	});

	it('goes back any number of steps, to the start and no further, pre-selecting the earlier answer', () => {
		let state = start(flow);
		state = answer(state, 'stuck');
		state = answer(state, 'still-broken');
		expect(currentStep(state).node).toBe('backup');
		const once = back(state);
		expect(currentStep(once.state).node).toBe('spooler');
		expect(currentStep(once.state).previous).toBe('still-broken');
		expect(once.invalidated.answers).toEqual([{node: 'spooler', answer: 'still-broken'}]);

		const twice = back(state, 2);
		expect(currentStep(twice.state).node).toBe('symptom');
		expect(currentStep(twice.state).previous).toBe('stuck');
		expect(twice.invalidated.answers).toEqual([
			{node: 'symptom', answer: 'stuck'},
			{node: 'spooler', answer: 'still-broken'},
		]);
		const beyond = back(state, 10);
		expect(beyond.state.path).toHaveLength(1);
		expect(back(beyond.state).state.path).toHaveLength(1);
	});

	it('skips nodes passed automatically when going back', () => {
		let state = answer(
			start(flow, {'os.product': flag('Windows 11'), 'os.build': flag('26100.7623')}),
			'no-print',
		);
		state = answer(state, 'continue', {auto: true});
		expect(currentStep(state).node).toBe('spooler');
		expect(currentStep(back(state).state).node).toBe('symptom');
	});

	it('keeps the gate closed until every item is acknowledged; cancel is always open', () => {
		let state = answer(answer(start(flow), 'stuck'), 'still-broken');
		expect(currentNode(state).kind).toBe('gate');
		expect(options(state).map((option) => option.id)).toEqual(['cancel']);
		expect(() => answer(state, 'proceed')).toThrow(EngineError);
		state = acknowledge(state, 'files');
		state = acknowledge(state, 'restore-point');
		expect(pendingAcks(state)).toEqual(['power']);
		expect(() => answer(state, 'proceed')).toThrow(/acknowledged/);
		state = acknowledge(state, 'power');
		expect(options(state).map((option) => option.id)).toEqual(['cancel', 'proceed']);
		state = answer(state, 'proceed');
		expect(currentStep(state).node).toBe('uninstall');
	});

	it('reports dropped backup acknowledgements when going back past a gate', () => {
		let state = answer(answer(start(flow), 'stuck'), 'still-broken');
		for (const item of ['files', 'restore-point', 'power']) state = acknowledge(state, item);
		state = answer(state, 'proceed');
		const result = back(state);
		expect(currentStep(result.state).node).toBe('backup');
		expect(currentStep(result.state).acks).toEqual([]);
		expect(result.invalidated.acks).toEqual([
			{node: 'backup', item: 'files'},
			{node: 'backup', item: 'restore-point'},
			{node: 'backup', item: 'power'},
		]);
		expect(result.invalidated.answers).toEqual([{node: 'backup', answer: 'proceed'}]);
	});

	it('refuses to enter a destructive node without a passed gate, even in a flow that skips the validator', () => {
		const loaded = loadFlowText(
			[
				'id: unsafe',
				'version: "1"',
				'title: t',
				'languages: [en]',
				'start: q',
				'nodes:',
				'  q: {kind: question, text: q, choices: [{id: a, label: a, next: boom}, {id: b, label: b, next: done}]}',
				'  boom: {kind: step, destructive: true, text: x, next: done}',
				'  done: {kind: end, outcome: recovery, text: d}',
			].join('\n'),
			'unsafe.yaml',
		);
		expect(loaded.flow).toBeUndefined(); // the validator catches it first
		expect(loaded.findings.map((finding) => finding.code)).toContain('W365E027');
	});

	it('reaches each outcome and summarises the walk as data', () => {
		let state = answer(start(flow), 'stuck');
		state = answer(state, 'printed');
		expect(outcome(state)).toBe('resolved');
		expect(isFinished(state)).toBe(true);
		expect(summary(state)).toMatchObject({
			flow: {id: 'example', version: '1.0.0'},
			path: [
				{node: 'symptom', answer: 'stuck'},
				{node: 'spooler', answer: 'printed'},
				{node: 'fixed'},
			],
			finished: true,
			outcome: 'resolved',
		});
		expect(outcome(answer(start(flow), 'other'))).toBe('escalate');
		let gate = answer(answer(start(flow), 'stuck'), 'still-broken');
		expect(outcome(answer(gate, 'cancel'))).toBe('workaround');
		for (const item of ['files', 'restore-point', 'power']) gate = acknowledge(gate, item);
		expect(outcome(answer(answer(gate, 'proceed'), 'failed'))).toBe('recovery');
	});

	it('restarts from step 1 keeping given facts', () => {
		const facts = {'os.build': flag('26100.1')};
		const state = restart(answer(start(flow, facts), 'stuck'));
		expect(state.path).toHaveLength(1);
		expect(state.facts).toEqual(facts);
	});

	it('re-routes a detect node when a fact is corrected', () => {
		let state = answer(
			start(flow, {'os.product': flag('Windows 10'), 'os.build': flag('19045.1')}),
			'no-print',
		);
		expect(options(state)[0]!.next).toBe('update');
		state = setFact(state, 'os.product', 'Windows 11', 'corrected');
		state = setFact(state, 'os.build', '26100.7627', 'corrected');
		expect(options(state)[0]!.next).toBe('spooler');
		expect(effectiveFacts(state)['os.build']).toEqual({
			value: '26100.7627',
			origin: 'corrected',
			via: undefined,
		});
	});
});
