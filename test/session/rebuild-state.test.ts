/** Resume and replay: a log walks the engine back to the same place, on the same flow only. */
import {describe, expect, it} from 'vitest';
import {
	currentStep,
	effectiveFacts,
	start,
	stepNumber,
	summary,
} from '../../source/engine/engine.js';
import type {SessionEvent} from '../../source/session/events.js';
import {hashFlow} from '../../source/session/flow-hash.js';
import {rebuildState} from '../../source/session/rebuild-state.js';
import {replayAnswers, replayFacts} from '../../source/session/replay-answers.js';
import {FlowMismatchError, SessionReplayError} from '../../source/session/session-error.js';
import {runPlain} from '../../source/plain/run-plain.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {readSessionFile} from '../../source/session/read-session.js';
import {recordInterrupted} from '../../source/session/record-interrupted.js';
import {resumeSession} from '../../source/session/resume-session.js';
import {openSessionLog} from '../../source/session/session-log.js';
import {buildSession, EXAMPLE, goldenWalk} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

describe('rebuildState', () => {
	it('replays answers, acknowledgements, back and restart to the same state', () => {
		const {events, state} = buildSession(goldenWalk);
		const rebuilt = rebuildState(events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(state);
		expect(rebuilt.language).toBe('en');
		expect(summary(rebuilt.state).outcome).toBe('resolved');
	});

	it('stops where an unfinished session stopped: after a back, with the earlier answer remembered', () => {
		const {events, state} = buildSession((t, initial) => {
			let next = t.answer(initial, 'stuck');
			next = t.answer(next, 'still-broken');
			next = t.acknowledge(next, 'files');
			next = t.back(next).state;
			t.language(next, 'ja');
			return next;
		});
		const rebuilt = rebuildState(events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(state);
		expect(stepNumber(rebuilt.state)).toBe(2);
		expect(currentStep(rebuilt.state)).toEqual({
			node: 'spooler',
			acks: [],
			previous: 'still-broken',
		});
		expect(rebuilt.language).toBe('ja');
	});

	it('replays a backup confirmation taken back (unticked), in resume and in answer replay', () => {
		const {events, state} = buildSession((t, initial) => {
			let next = t.answer(initial, 'stuck');
			next = t.answer(next, 'still-broken');
			next = t.acknowledge(next, 'files');
			next = t.acknowledge(next, 'power');
			return t.unacknowledge(next, 'files');
		});
		expect(events.at(-1)).toMatchObject({type: 'ack', item: 'files', undo: true});
		const rebuilt = rebuildState(events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(state);
		expect(currentStep(rebuilt.state).acks).toEqual(['power']);
		expect(replayAnswers(events)).toEqual(['stuck', 'still-broken', 'ack:power']);
	});

	it('replays a restart and fact corrections', () => {
		const {events, state} = buildSession(
			(t, initial) => {
				let next = t.answer(initial, 'no-print');
				next = t.restart(next);
				next = t.setFact(next, 'os.build', '26100.1000', 'corrected');
				next = t.answer(next, 'no-print');
				return t.answer(next, 'continue');
			},
			{facts: {'os.product': {value: 'Windows 11', origin: 'detected'}}},
		);
		const rebuilt = rebuildState(events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(state);
		// Build 26100.1000 is older than the fix: the detect node routed to "update".
		expect(currentStep(rebuilt.state).node).toBe('update');
		expect(effectiveFacts(rebuilt.state)['os.build']).toEqual({
			value: '26100.1000',
			origin: 'corrected',
			via: undefined,
		});
	});

	it('replays facts that detection filled in after the first frame', () => {
		const {events, state} = buildSession(
			(t, initial) => {
				const next = t.detected(initial, {
					'os.family': {value: 'windows', origin: 'detected', via: 'systeminformation'},
					'os.product': {value: 'Windows 11', origin: 'detected', via: 'registry'},
					'app.role': {value: 'client', origin: 'detected'},
				});
				return t.answer(next, 'no-print');
			},
			{facts: {'os.build': {value: '26100.4100', origin: 'flag'}}},
		);
		const rebuilt = rebuildState(events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(state);
		expect(effectiveFacts(rebuilt.state)).toEqual(effectiveFacts(state));
	});

	it('refuses, with a typed error that says what to do, when the flow file has changed', () => {
		const {events} = buildSession(goldenWalk);
		const edited = EXAMPLE.source.replace('version: "1.0.0"', 'version: "1.0.1"');
		const attempt = () => rebuildState(events, EXAMPLE.flow, hashFlow(edited));
		expect(attempt).toThrow(FlowMismatchError);
		expect(attempt).toThrow(
			/recorded with flow example 1\.0\.0 \(sha256 [0-9a-f]{12}…\), but the flow file now has sha256 [0-9a-f]{12}…: the flow has changed since/,
		);
		const error = (() => {
			try {
				attempt();
			} catch (caught) {
				return caught as FlowMismatchError;
			}
			return undefined;
		})();
		expect(error?.recorded).toBe(hashFlow(EXAMPLE.source));
		expect(error?.actual).toBe(hashFlow(edited));
	});

	it('refuses a log that does not fit the flow, naming the event', () => {
		const {events} = buildSession((t, initial) => t.answer(initial, 'stuck'));
		const tampered = events.map((event) =>
			event.type === 'answer' ? {...event, answer: 'other'} : event,
		) as SessionEvent[];
		expect(() => rebuildState(tampered, EXAMPLE.flow, EXAMPLE.hash)).toThrow(SessionReplayError);
		expect(() => rebuildState(tampered, EXAMPLE.flow, EXAMPLE.hash)).toThrow(
			/event 2 \(answer at step 1 · symptom\) cannot be replayed: the answer now leads to escalate, not spooler/,
		);
	});
});

describe('replayAnswers', () => {
	it('turns a session into --answers tokens (ack:ITEM for acks, b for back, r for restart)', () => {
		const {events} = buildSession(goldenWalk);
		expect(replayAnswers(events, {flow: EXAMPLE.flow, flowHash: EXAMPLE.hash})).toEqual([
			'no-print',
			'r',
			'no-print',
			'still-broken',
			'ack:files',
			'b',
			'still-broken',
			'ack:files',
			'ack:restore-point',
			'ack:power',
			'proceed',
			'printed',
		]);
		// Without the flow, answers at nodes that continue on their own are kept (the plain front end
		// drops a token that matches such a node's answer).
		expect(replayAnswers(events)).toContain('continue');
	});

	it('refuses to replay on a changed flow', () => {
		const {events} = buildSession(goldenWalk);
		expect(() =>
			replayAnswers(events, {flowHash: hashFlow(`${EXAMPLE.source}\n# edited\n`)}),
		).toThrow(FlowMismatchError);
	});

	it('walks the same path through the plain front end', async () => {
		const {events, state} = buildSession(goldenWalk);
		const replayed = await runPlain({
			state: start(EXAMPLE.flow, replayFacts(events)),
			language: 'en',
			answers: replayAnswers(events, {flow: EXAMPLE.flow, flowHash: EXAMPLE.hash}),
			input: {read: async () => null},
			write: () => {},
			interactive: false,
			asOf: '2026-01-20',
			transitions: recordTransitions(() => {}),
		});
		expect(replayed.exitCode).toBe(0);
		expect(summary(replayed.state).path).toEqual(summary(state).path);
	});
});

describe('resumeSession', () => {
	const tempDir = useTempDirs();
	const loadFlow = () => ({flow: EXAMPLE.flow, hash: EXAMPLE.hash});

	it('continues the newest unfinished session in the same file, where it stopped', () => {
		const dir = tempDir();
		const log = openSessionLog({
			logDir: dir,
			flow: EXAMPLE.flow,
			flowFile: EXAMPLE.file,
			flowHash: EXAMPLE.hash,
			language: 'ja',
			facts: {},
			appVersion: '0.1.0',
		});
		const t = recordTransitions(log.record);
		let state = t.answer(start(EXAMPLE.flow), 'stuck');
		state = t.answer(state, 'still-broken');
		state = t.acknowledge(state, 'files');
		recordInterrupted(log, state, 'SIGHUP');
		log.close();

		const resumed = resumeSession(undefined, {logDir: dir, loadFlow});
		expect(resumed.log.path).toBe(log.path);
		expect(resumed.state).toEqual(state);
		expect(resumed.language).toBe('ja');
		const again = recordTransitions(resumed.log.record);
		again.answer(
			again.acknowledge(again.acknowledge(resumed.state, 'restore-point'), 'power'),
			'cancel',
		);
		resumed.log.close();
		expect(readSessionFile(log.path!).events.map((event) => event.type)).toEqual([
			'start',
			'answer',
			'answer',
			'ack',
			'interrupted',
			'ack',
			'ack',
			'answer',
			'outcome',
		]);
		// Finished now: nothing left to resume.
		expect(() => resumeSession(undefined, {logDir: dir, loadFlow})).toThrow(
			/there is no unfinished session to resume in/,
		);
		expect(() => resumeSession(resumed.log.id, {logDir: dir, loadFlow})).toThrow(
			/already reached its outcome/,
		);
	});
});
