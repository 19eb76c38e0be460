/** `sessions` and `sessions --stats`, and finding the session --resume continues. */
import {appendFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionsCommand} from '../../source/commands/sessions-command.js';
import type {SessionEvent} from '../../source/session/events.js';
import {findResumable, listSessions} from '../../source/session/list-sessions.js';
import {buildSession, fakeClock, goldenWalk} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const LIVE = 4242;
const DEAD = 4343;
const isAlive = (pid: number) => pid === LIVE;

function save(dir: string, events: SessionEvent[], pid: number) {
	const id = (events[0] as Extract<SessionEvent, {type: 'start'}>).session;
	writeFileSync(
		join(dir, `${id}.jsonl`),
		events.map((event) => `${JSON.stringify({...event, pid})}\n`).join(''),
	);
	return join(dir, `${id}.jsonl`);
}

/** Four sessions: resolved (en), interrupted at the gate (ja), killed, and one still running. */
function fixtureDir(): string {
	const dir = tempDir();
	save(dir, buildSession(goldenWalk, {id: '20260120-091500-aaaa'}).events, DEAD);
	const interrupted = buildSession(
		(t, state) => t.answer(t.answer(state, 'stuck'), 'still-broken'),
		{
			id: '20260121-091500-bbbb',
			language: 'ja',
			now: fakeClock('2026-01-21T09:15:00.000Z', 30),
		},
	).events;
	interrupted.push({
		type: 'interrupted',
		time: '2026-01-21T09:17:00.000Z',
		step: 3,
		node: 'backup',
		reason: 'quit',
	});
	save(dir, interrupted, DEAD);
	save(
		dir,
		buildSession((t, state) => t.answer(state, 'stuck'), {
			id: '20260122-091500-cccc',
			now: fakeClock('2026-01-22T09:15:00.000Z'),
		}).events,
		DEAD,
	);
	const running = save(
		dir,
		buildSession((t, state) => t.answer(state, 'no-print'), {
			id: '20260123-091500-dddd',
			now: fakeClock('2026-01-23T09:15:00.000Z'),
		}).events,
		LIVE,
	);
	appendFileSync(running, '{"type":"answer","ti'); // being written, or torn
	return dir;
}

describe('listSessions', () => {
	it('summarizes each session from its events alone, newest first', () => {
		const {sessions} = listSessions(fixtureDir(), {isAlive});
		expect(
			sessions.map(({id, status, outcome, reason, last, language}) => ({
				id,
				status,
				outcome,
				reason,
				last,
				language,
			})),
		).toEqual([
			{
				id: '20260123-091500-dddd',
				status: 'in-progress',
				outcome: undefined,
				reason: undefined,
				last: {step: 2, node: 'os-check'},
				language: 'en',
			},
			{
				id: '20260122-091500-cccc',
				status: 'unfinished',
				outcome: undefined,
				reason: undefined,
				last: {step: 2, node: 'spooler'},
				language: 'en',
			},
			{
				id: '20260121-091500-bbbb',
				status: 'interrupted',
				outcome: undefined,
				reason: 'quit',
				last: {step: 3, node: 'backup'},
				language: 'ja',
			},
			{
				id: '20260120-091500-aaaa',
				status: 'finished',
				outcome: 'resolved',
				reason: undefined,
				last: {step: 6, node: 'fixed'},
				language: 'en',
			},
		]);
		expect(sessions[0]!.warnings).toEqual([{code: 'torn-last-line', line: 3}]);
	});

	it('resumes the newest session that stopped before an outcome and that nothing is still writing', () => {
		expect(findResumable(fixtureDir(), {isAlive})?.id).toBe('20260122-091500-cccc');
		expect(findResumable(join(tempDir(), 'empty'))).toBeUndefined();
	});
});

describe('sessions command', () => {
	const run = async (options: Parameters<typeof sessionsCommand>[0], dir = fixtureDir()) => {
		const out: string[] = [];
		const err: string[] = [];
		const code = await sessionsCommand(
			{'log-dir': dir, ...options},
			{
				write: (text) => out.push(text),
				warn: (text) => err.push(text),
				settings: {cwd: dir},
				isAlive,
			},
		);
		return {code, out: out.join(''), err: err.join(''), dir};
	};

	it('lists recent sessions with start time, flow, language, last step and how each ended', async () => {
		const {code, out, err, dir} = await run({lang: 'en'});
		expect(code).toBe(0);
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toBe(`Sessions in ${dir}, newest first:`);
		expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
			[
				'20260123-091500-dddd',
				expect.stringMatching(/^2026-01-2[23] \d\d:\d\d$/),
				'example 1.0.0',
				'en',
				'Step 2 · os-check',
				'in progress',
			],
			[
				'20260122-091500-cccc',
				expect.any(String),
				'example 1.0.0',
				'en',
				'Step 2 · spooler',
				'unfinished (the program stopped without a word)',
			],
			[
				'20260121-091500-bbbb',
				expect.any(String),
				'example 1.0.0',
				'ja',
				'Step 3 · backup',
				'interrupted (the user quit)',
			],
			[
				'20260120-091500-aaaa',
				expect.any(String),
				'example 1.0.0',
				'en',
				'Step 6 · fixed',
				'Resolved',
			],
		]);
		// The torn line is a warning in one line, not an error.
		expect(err).toBe(
			'20260123-091500-dddd.jsonl: the last line was cut short (the program stopped while writing it) and was ignored\n',
		);
	});

	it('speaks Japanese, and says when the directory has no sessions', async () => {
		const dir = tempDir();
		const {out} = await run({lang: 'ja'}, dir);
		expect(out).toBe(`${dir} にセッションはありません。\n`);
	});

	it('adds up outcomes per flow version, where people stopped, and the time per step, locally', async () => {
		const {code, out} = await run({lang: 'en', stats: true});
		expect(code).toBe(0);
		expect(out).toMatch(
			/^4 session\(s\) in .*\n\nOutcomes per flow version:\n {2}example 1\.0\.0 \([0-9a-f]{8}\): 1 Resolved, 1 interrupted, 1 unfinished, 1 in progress\n/,
		);
		expect(out).toContain('Where unfinished sessions stopped:\n  backup: 1\n  spooler: 1\n');
		// symptom was answered after 7 s (x2 in the golden walk, and in two more sessions) and 30 s.
		expect(out).toContain('  symptom: 7s (5 answer(s))');
		expect(out).toContain('Computed from the local logs only; nothing is sent anywhere.');
	});

	it('gives --json for tools', async () => {
		const {out} = await run({json: true});
		expect(
			JSON.parse(out).map((session: {id: string; status: string}) => [session.id, session.status]),
		).toEqual([
			['20260123-091500-dddd', 'in-progress'],
			['20260122-091500-cccc', 'unfinished'],
			['20260121-091500-bbbb', 'interrupted'],
			['20260120-091500-aaaa', 'finished'],
		]);
	});
});
