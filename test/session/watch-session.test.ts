/** `watch`: follows a session file another process appends to, and ends when the session does. */
import {spawn} from 'node:child_process';
import {appendFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {watchCommand} from '../../source/commands/watch-command.js';
import type {SessionEvent} from '../../source/session/events.js';
import {watchSession} from '../../source/session/watch-session.js';
import {buildSession, EXAMPLE} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const clock = (iso: string) => iso.slice(11, 19);

/** A short walk to the backup gate, two acknowledgements, then a cancel to the workaround. */
const walk = () =>
	buildSession(
		(t, state) => {
			let next = t.answer(state, 'stuck');
			next = t.answer(next, 'still-broken');
			next = t.acknowledge(next, 'files');
			next = t.acknowledge(next, 'restore-point');
			return t.answer(next, 'cancel');
		},
		{file: EXAMPLE.file},
	).events;

const lines = (events: SessionEvent[], pid?: number) =>
	events.map((event) => `${JSON.stringify(pid ? {...event, pid} : event)}\n`);

describe('watchSession', () => {
	it('shows each event appended by another process within a second, and ends with the session', async () => {
		const dir = tempDir();
		const path = join(dir, '20260120-091500-ab12.jsonl');
		const [first, ...rest] = lines(walk());
		writeFileSync(path, first!);
		// The writer appends one event every 300 ms, the third one in two pieces (a line being
		// written must not be read as a torn one), and says on stdout when each line is complete.
		const script = `
const fs = require('node:fs');
const lines = JSON.parse(process.argv[1]);
const path = process.argv[2];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
	for (const [index, line] of lines.entries()) {
		await sleep(300);
		if (index === 2) {
			fs.appendFileSync(path, line.slice(0, 25));
			await sleep(300);
			fs.appendFileSync(path, line.slice(25));
		} else {
			fs.appendFileSync(path, line);
		}
		process.stdout.write(index + '\\n');
	}
})();`;
		const output: {time: number; text: string}[] = [];
		const watching = watchSession({
			path,
			language: 'en',
			asOf: '2026-01-20',
			clock,
			write: (text) => output.push({time: Date.now(), text}),
		});
		const written: number[] = [];
		const child = spawn(process.execPath, ['-e', script, JSON.stringify(rest), path], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			for (const _ of chunk.trim().split('\n')) written.push(Date.now());
		});
		const result = await watching;
		await new Promise((resolve) => child.once('exit', resolve));
		expect(result).toBe('ended');

		// One block for what was there, then one block per appended event, each in time.
		expect(output).toHaveLength(1 + rest.length);
		written.forEach((time, index) => expect(output[index + 1]!.time - time).toBeLessThan(1000));
		const text = output.map((entry) => entry.text).join('');
		expect(output[0]!.text).toContain(
			'Watching session 20260120-091500-ab12 (example 1.0.0, started 09:15:00). Read-only; Ctrl+C stops watching.',
		);
		expect(output[0]!.text).toContain('── Step 1 · symptom ──');
		expect(output[1]!.text).toContain(
			'Step 1 · symptom — What do you see? → Print jobs stay stuck in the queue (stuck)',
		);
		expect(output[1]!.text).toContain('Path so far: symptom (stuck) → spooler');
		expect(output[1]!.text).toContain('── Step 2 · spooler ──');
		expect(output[3]!.text).toContain('backup confirmed: I saved and closed my open files (files)');
		expect(output[4]!.text).toContain(
			'  [x] 2. I created a System Restore point (ack:restore-point)',
		);
		expect(output[4]!.text).toContain(
			'Path so far: symptom (stuck) → spooler (still-broken) → backup [files, restore-point]',
		);
		expect(text).toContain('── Step 4 · workaround ──');
		expect(text.trimEnd().endsWith('The session ended: Workaround in use.')).toBe(true);
		// Plain lines: no cursor movement or colour.
		expect(text).not.toContain('\u001B');
	});

	it("draws in the watcher's language, and shows a session that already ended at once", async () => {
		const dir = tempDir();
		const path = join(dir, 'done.jsonl');
		writeFileSync(path, lines(walk()).join(''));
		const output: string[] = [];
		expect(
			await watchSession({
				path,
				language: 'ja',
				asOf: '2026-01-20',
				clock,
				write: (text) => output.push(text),
			}),
		).toBe('ended');
		expect(output).toHaveLength(1);
		expect(output[0]).toContain('── ステップ 4 · workaround ──');
		expect(output[0]).toContain('セッションが終了しました: 回避策で作業中。');
	});

	it('shows the events as text when the flow file cannot be loaded, and stops on Ctrl+C', async () => {
		const dir = tempDir();
		const path = join(dir, 'moved.jsonl');
		const events = walk()
			.slice(0, 3)
			.map((event) =>
				event.type === 'start'
					? {...event, flow: {...event.flow, file: join(dir, 'gone.yaml')}}
					: event,
			);
		writeFileSync(path, lines(events).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchSession({
			path,
			language: 'en',
			asOf: '2026-01-20',
			clock,
			signal: controller.signal,
			write: (text) => output.push(text),
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		controller.abort();
		expect(await watching).toBe('stopped');
		const text = output.join('');
		expect(text).toContain('Showing the events as text: the flow file cannot be loaded.');
		expect(text).toContain('Step 1 · symptom → `stuck`'.replaceAll('`', ''));
		expect(text).toContain('Path so far: symptom (stuck) → spooler (still-broken) → backup');
		expect(text).not.toContain('── Step 3 · backup ──');
		expect(text.trimEnd().endsWith('Stopped watching.')).toBe(true);
	});

	it('says once when the program writing the session is gone, and keeps watching for a resume', async () => {
		const dir = tempDir();
		const path = join(dir, 'killed.jsonl');
		writeFileSync(path, lines(walk().slice(0, 2), 999_999).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchSession({
			path,
			language: 'en',
			asOf: '2026-01-20',
			clock,
			pollMs: 20,
			isAlive: () => false,
			signal: controller.signal,
			write: (text) => output.push(text),
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		appendFileSync(path, lines(walk().slice(2, 3), 999_998).join(''));
		await new Promise((resolve) => setTimeout(resolve, 200));
		controller.abort();
		await watching;
		const gone = output.filter((text) => text.includes('no longer running'));
		expect(gone).toHaveLength(2); // once before the resumed writer's event, once after it stopped again
		expect(output.join('')).toContain('── Step 3 · backup ──');
	});
});

describe('watchCommand', () => {
	it('watches the newest unfinished session in --log-dir by default', async () => {
		const dir = tempDir();
		const events = walk();
		writeFileSync(join(dir, '20260120-091500-ab12.jsonl'), lines(events).join(''));
		const unfinished = events
			.slice(0, 3)
			.map((event) =>
				event.type === 'start' ? {...event, session: '20260119-091500-cd34'} : event,
			);
		writeFileSync(join(dir, '20260119-091500-cd34.jsonl'), lines(unfinished).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchCommand(
			{'log-dir': dir, lang: 'en'},
			{
				write: (text) => output.push(text),
				warn: () => {},
				settings: {cwd: dir},
				signal: controller.signal,
			},
		);
		await new Promise((resolve) => setTimeout(resolve, 150));
		controller.abort();
		expect(await watching).toBe(130);
		expect(output.join('')).toContain('Watching session 20260119-091500-cd34');
	});

	it('says there is nothing to watch in one line', async () => {
		const dir = tempDir();
		const errors: string[] = [];
		expect(
			await watchCommand(
				{'log-dir': join(dir, 'none')},
				{write: () => {}, warn: (text) => errors.push(text), settings: {cwd: dir}},
			),
		).toBe(1);
		expect(errors).toEqual([
			expect.stringMatching(/^w365-triage: no session to watch in .*none: start the triage first/),
		]);
	});
});

describe('watch: an outcome is not the end while the program runs', () => {
	/** To the workaround outcome, back to the gate from it, then on to another outcome. */
	const goBackAfterOutcome = () =>
		buildSession(
			(t, state) => {
				let next = t.answer(state, 'stuck');
				next = t.answer(next, 'still-broken');
				next = t.answer(next, 'cancel');
				next = t.back(next).state;
				next = t.restart(next);
				return t.answer(next, 'other');
			},
			{file: EXAMPLE.file},
		).events;
	const until = async (condition: () => boolean) => {
		const deadline = Date.now() + 5000;
		while (!condition() && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 10));
		expect(condition()).toBe(true);
	};

	it('follows a back and a restart after an outcome, and ends only when the writer has ended', async () => {
		const dir = tempDir();
		const path = join(dir, 'again.jsonl');
		const events = goBackAfterOutcome();
		const firstOutcome = events.findIndex((event) => event.type === 'outcome');
		writeFileSync(path, lines(events.slice(0, firstOutcome + 1), 999_999).join(''));
		let alive = true;
		let result: string | undefined;
		const output: string[] = [];
		const watching = watchSession({
			path,
			language: 'en',
			asOf: '2026-01-20',
			clock,
			pollMs: 20,
			isAlive: () => alive,
			write: (text) => output.push(text),
		});
		void watching.then((value) => (result = value));
		await until(() =>
			output
				.join('')
				.includes('Outcome reached: Workaround in use. Still watching while the program runs'),
		);
		expect(output.join('')).not.toContain('The session ended');

		appendFileSync(path, lines(events.slice(firstOutcome + 1), 999_999).join(''));
		await until(() => output.join('').includes('Outcome reached: Contact the helpdesk.'));
		const text = output.join('');
		expect(text).toContain('went back to Step 3 · backup');
		expect(text).toContain('restarted from step 1');
		expect(result).toBeUndefined();

		alive = false;
		expect(await watching).toBe('ended');
		expect(output.join('').trimEnd().endsWith('The session ended: Contact the helpdesk.')).toBe(
			true,
		);
	});

	it('ends at once at an outcome whose writer has already ended', async () => {
		const dir = tempDir();
		const path = join(dir, 'done.jsonl');
		writeFileSync(path, lines(walk(), 999_999).join(''));
		const output: string[] = [];
		expect(
			await watchSession({
				path,
				language: 'en',
				asOf: '2026-01-20',
				clock,
				isAlive: () => false,
				write: (text) => output.push(text),
			}),
		).toBe('ended');
		expect(output.join('')).toContain('The session ended: Workaround in use.');
		expect(output.join('')).not.toContain('Outcome reached');
	});
});

describe('watch --wait', () => {
	it('ignores the sessions already there and follows the next one to start', async () => {
		const dir = tempDir();
		const events = walk();
		writeFileSync(join(dir, '20260120-091500-ab12.jsonl'), lines(events).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchCommand(
			{'log-dir': dir, lang: 'en', wait: true},
			{
				write: (text) => output.push(text),
				warn: () => {},
				settings: {cwd: dir},
				signal: controller.signal,
				pollMs: 20,
			},
		);
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(output.join('')).toContain(
			`Waiting for the next session of this user to start in ${dir}`,
		);
		expect(output.join('')).not.toContain('Watching session');
		const next = events.map((event) =>
			event.type === 'start' ? {...event, session: '20260120-101500-ef56'} : event,
		);
		writeFileSync(join(dir, '20260120-101500-ef56.jsonl'), lines(next).join(''));
		expect(await watching).toBe(0);
		expect(output.join('')).toContain('Watching session 20260120-101500-ef56');
		expect(output.join('')).toContain('The session ended: Workaround in use.');
	});

	it("never follows another user's file, and Ctrl+C stops the wait with 130", async () => {
		const dir = tempDir();
		const {waitForNewSession} = await import('../../source/session/wait-for-session.js');
		const controller = new AbortController();
		const waiting = waitForNewSession(dir, {
			signal: controller.signal,
			pollMs: 20,
			uid: (process.getuid?.() ?? 0) + 1,
		});
		writeFileSync(join(dir, '20260120-101500-ef56.jsonl'), lines(walk()).join(''));
		await new Promise((resolve) => setTimeout(resolve, 150));
		controller.abort();
		expect(await waiting).toBeUndefined();

		const stopped = new AbortController();
		const command = watchCommand(
			{'log-dir': dir, wait: true},
			{write: () => {}, warn: () => {}, settings: {cwd: dir}, signal: stopped.signal, pollMs: 20},
		);
		await new Promise((resolve) => setTimeout(resolve, 60));
		stopped.abort();
		expect(await command).toBe(130);
	});

	it('takes no session name', async () => {
		await expect(
			watchCommand({session: 'x', wait: true}, {write: () => {}, warn: () => {}}),
		).rejects.toThrow(/--wait follows the next session/);
	});
});
