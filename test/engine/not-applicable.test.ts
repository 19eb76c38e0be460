/** "Not applicable here" in the engine and the session log: settles an item only with a reason,
 * is undone by going back, and a log with it rebuilds to the same state. */
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
	acknowledge,
	answer,
	back,
	currentStep,
	EngineError,
	markNotApplicable,
	options,
	pendingAcks,
	start,
	summary,
} from '../../source/engine/engine.js';
import {loadFlowFile} from '../../source/flow/load-flow.js';
import type {SessionEvent} from '../../source/session/events.js';
import {parseEvent} from '../../source/session/event-schema.js';
import {applyEvent} from '../../source/session/rebuild-state.js';

const flow = loadFlowFile(
	fileURLToPath(new URL('../../flows/w365-avd-2026-01.yaml', import.meta.url)),
).flow!;

function atGate() {
	let state = start(flow, {'os.build': {value: '26100.7623', origin: 'flag'}});
	for (const id of ['rollback', 'continue', 'continue']) state = answer(state, id);
	return state;
}

describe('markNotApplicable', () => {
	it('needs a reason in words, and a real item of the current gate', () => {
		const state = atGate();
		expect(() => markNotApplicable(state, 'windows-backup', '')).toThrow(EngineError);
		expect(() => markNotApplicable(state, 'windows-backup', ' y ')).toThrow(EngineError);
		expect(() => markNotApplicable(state, 'no-such-item', 'IT turned it off')).toThrow(EngineError);
		expect(() => markNotApplicable(start(flow), 'windows-backup', 'IT turned it off')).toThrow(
			EngineError,
		);
	});

	it('settles the item like an acknowledgement; proceed needs every item settled', () => {
		let state = markNotApplicable(atGate(), 'windows-backup', '  IT   turned it off ');
		expect(currentStep(state).na).toEqual([{item: 'windows-backup', reason: 'IT turned it off'}]);
		expect(pendingAcks(state)).toEqual(['external-drive', 'cloud-storage']);
		expect(options(state).map((option) => option.id)).toEqual(['cancel']);
		state = acknowledge(acknowledge(state, 'external-drive'), 'cloud-storage');
		expect(options(state).map((option) => option.id)).toEqual(['cancel', 'proceed']);
		const after = answer(state, 'proceed');
		expect(summary(after).path.find((step) => step.node === 'backup-gate')).toMatchObject({
			notApplicable: [{item: 'windows-backup', reason: 'IT turned it off'}],
		});
		// Going back to the gate drops it with the acknowledgements.
		const {invalidated} = back(after);
		expect(invalidated.acks).toContainEqual({node: 'backup-gate', item: 'windows-backup'});
	});

	it('a logged not-applicable event is valid and rebuilds the same state', () => {
		const state = atGate();
		const event = parseEvent({
			type: 'not-applicable',
			time: '2026-12-02T07:00:00Z',
			step: 4,
			node: 'backup-gate',
			item: 'windows-backup',
			reason: 'IT turned it off',
		});
		expect(event).toBeDefined();
		const rebuilt = applyEvent({state, language: 'en'}, event as SessionEvent, 9);
		expect(currentStep(rebuilt.state).na).toEqual([
			{item: 'windows-backup', reason: 'IT turned it off'},
		]);
		expect(
			parseEvent({
				type: 'not-applicable',
				time: 'x',
				step: 4,
				node: 'backup-gate',
				item: 'windows-backup',
			}),
		).toBeUndefined();
	});
});

describe('a reason', () => {
	it('is kept to one line of at most 200 characters', () => {
		const state = markNotApplicable(
			atGate(),
			'windows-backup',
			`IT\nturned it off ${'x'.repeat(500)}`,
		);
		const reason = currentStep(state).na![0]!.reason;
		expect(reason.startsWith('IT turned it off x')).toBe(true);
		expect([...reason].length).toBe(200);
	});
});
