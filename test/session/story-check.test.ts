/** The story check: where a log stops making sense, with and without its flow; and how readers mark it. */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {SessionEvent} from '../../source/session/events.js';
import {checkStory} from '../../source/session/story-check.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {runBinary} from '../helpers/run-binary.js';
import {buildSession, EXAMPLE, goldenWalk} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const golden = () => buildSession(goldenWalk).events;
const at = (time: string) => `2026-01-20T09:${time}.000Z`;
/** The first steps of a walk: symptom → spooler. */
const opening = (): SessionEvent[] => buildSession((t, state) => t.answer(state, 'stuck')).events;

describe('checkStory', () => {
	it('accepts a real walk (restart, auto steps, back out of a gate, every item, an outcome), with and without the flow', () => {
		expect(checkStory(golden())).toEqual({ok: true});
		expect(checkStory(golden(), EXAMPLE.flow)).toEqual({ok: true});
	});

	it('a second start event: two sessions written into one file', () => {
		const events = [...opening(), {...opening()[0]!, time: at('20:00')}];
		expect(checkStory(events)).toEqual({
			ok: false,
			event: 3,
			problem: 'a second start event (two sessions written into one file)',
		});
	});

	it('two writers interleaved: an answer at a step the walk had left', () => {
		const events = [
			...opening(),
			{
				type: 'answer',
				time: at('20:00'),
				step: 1,
				node: 'symptom',
				answer: 'other',
				next: 'escalate',
			} as SessionEvent,
		];
		expect(checkStory(events)).toMatchObject({
			ok: false,
			event: 3,
			problem: 'answer at step 1 · symptom, but the walk was at step 2 · spooler',
		});
	});

	it('an answer the step does not have (only the flow can tell)', () => {
		const events = [
			...opening(),
			{
				type: 'answer',
				time: at('20:00'),
				step: 2,
				node: 'spooler',
				answer: 'reboot',
				next: 'fixed',
			} as SessionEvent,
		];
		expect(checkStory(events)).toEqual({ok: true});
		expect(checkStory(events, EXAMPLE.flow)).toMatchObject({
			ok: false,
			event: 3,
			problem: expect.stringContaining('reboot'),
		});
	});

	it('"Resolved" at step 1: an outcome where the flow has no end', () => {
		const events = [
			opening()[0]!,
			{
				type: 'outcome',
				time: at('20:00'),
				step: 1,
				node: 'symptom',
				outcome: 'resolved',
			} as SessionEvent,
		];
		expect(checkStory(events, EXAMPLE.flow)).toEqual({
			ok: false,
			event: 2,
			problem: 'the walk is not at a "resolved" outcome',
		});
	});

	it("a step that does not follow the flow's edge", () => {
		const events = [
			opening()[0]!,
			{
				type: 'answer',
				time: at('20:00'),
				step: 1,
				node: 'symptom',
				answer: 'stuck',
				next: 'uninstall',
			} as SessionEvent,
		];
		expect(checkStory(events, EXAMPLE.flow)).toEqual({
			ok: false,
			event: 2,
			problem: 'the answer now leads to spooler, not uninstall',
		});
	});

	it('answers after the outcome, and going "back" forwards', () => {
		const finished = golden();
		const last = finished.at(-1)!;
		expect(
			checkStory([
				...finished,
				{
					type: 'ack',
					time: at('59:00'),
					step: last.step,
					node: last.node,
					item: 'files',
				} as SessionEvent,
			]),
		).toMatchObject({
			ok: false,
			problem: 'ack after the outcome was reached',
		});
		const events = [
			...opening(),
			{
				type: 'back',
				time: at('20:00'),
				step: 2,
				node: 'spooler',
				to: {step: 3, node: 'backup'},
				invalidated: {answers: [], acks: []},
			} as SessionEvent,
		];
		expect(checkStory(events)).toMatchObject({
			ok: false,
			event: 3,
			problem: 'going back from step 2 to step 3',
		});
	});
});

describe('readers mark a log that stops making sense (real binary)', () => {
	it('export says so first (md and json) and on stderr; sessions marks the row', async () => {
		const dir = join(tempDir(), 'logs');
		mkdirSync(dir, {mode: 0o700});
		const [start, answer] = buildSession((t, state) => t.answer(state, 'stuck'), {
			file: EXAMPLE_FLOW,
		}).events;
		const lines = [
			start,
			answer,
			{type: 'outcome', time: at('16:00'), step: 1, node: 'symptom', outcome: 'resolved'},
			{...start, time: at('17:00')},
		];
		const file = join(dir, '20260120-091500-ab12.jsonl');
		writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`, {mode: 0o600});
		const env = {XDG_CONFIG_HOME: join(dir, '..', 'config')};

		const md = await runBinary(['export', file, '--format', 'md', '--lang', 'en'], {env});
		expect(md.code).toBe(0);
		const sentence =
			'20260120-091500-ab12.jsonl stops making sense at event 3: outcome at step 1 · symptom, but the walk was at step 2 · spooler. From there on it shows what the file says, not what happened.';
		expect(md.stdout.split('\n')[0]).toBe(`> ⚠ ${sentence}`);
		expect(md.stderr).toContain(sentence);

		const json = await runBinary(['export', file, '--format', 'json', '--lang', 'en'], {env});
		expect(JSON.parse(json.stdout).story).toEqual({
			consistent: false,
			event: 3,
			problem: 'outcome at step 1 · symptom, but the walk was at step 2 · spooler',
			note: sentence,
		});

		const listed = await runBinary(['sessions', '--log-dir', dir, '--lang', 'en'], {env});
		expect(listed.stdout).toContain('⚠ inconsistent from event 3');
		expect(listed.stderr).toContain(sentence);
	});
});
