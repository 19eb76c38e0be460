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

const lines = (events: SessionEvent[], pid?: number) => events.map((event) => `${JSON.stringify(pid ? {...event, pid} : event)}\n`);

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
		const watching = watchSession({path, language: 'en', asOf: '2026-01-20', clock, write: (text) => output.push({time: Date.now(), text})});
		const written: number[] = [];
		const child = spawn(process.execPath, ['-e', script, JSON.stringify(rest), path], {stdio: ['ignore', 'pipe', 'inherit']});
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
		expect(output[0]!.text).toContain('Watching session 20260120-091500-ab12 (example 1.0.0, started 09:15:00). Read-only; Ctrl+C stops watching.');
		expect(output[0]!.text).toContain('── Step 1 · symptom ──');
		expect(output[1]!.text).toContain('Step 1 · symptom — What do you see? → Print jobs stay stuck in the queue (stuck)');
		expect(output[1]!.text).toContain('Path so far: symptom (stuck) → spooler');
		expect(output[1]!.text).toContain('── Step 2 · spooler ──');
		expect(output[3]!.text).toContain('backup confirmed: I saved and closed my open files (files)');
		expect(output[4]!.text).toContain('  [x] 2. I created a System Restore point (ack:restore-point)');
		expect(output[4]!.text).toContain('Path so far: symptom (stuck) → spooler (still-broken) → backup [files, restore-point]');
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
		expect(await watchSession({path, language: 'ja', asOf: '2026-01-20', clock, write: (text) => output.push(text)})).toBe('ended');
		expect(output).toHaveLength(1);
		expect(output[0]).toContain('── ステップ 4 · workaround ──');
		expect(output[0]).toContain('セッションが終了しました: 回避策で作業中。');
	});

	it('shows the events as text when the flow file cannot be loaded, and stops on Ctrl+C', async () => {
		const dir = tempDir();
		const path = join(dir, 'moved.jsonl');
		const events = walk().slice(0, 3).map((event) => (event.type === 'start' ? {...event, flow: {...event.flow, file: join(dir, 'gone.yaml')}} : event));
		writeFileSync(path, lines(events).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchSession({path, language: 'en', asOf: '2026-01-20', clock, signal: controller.signal, write: (text) => output.push(text)});
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
		const watching = watchSession({path, language: 'en', asOf: '2026-01-20', clock, pollMs: 20, isAlive: () => false, signal: controller.signal, write: (text) => output.push(text)});
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
		const unfinished = events.slice(0, 3).map((event) => (event.type === 'start' ? {...event, session: '20260119-091500-cd34'} : event));
		writeFileSync(join(dir, '20260119-091500-cd34.jsonl'), lines(unfinished).join(''));
		const output: string[] = [];
		const controller = new AbortController();
		const watching = watchCommand({'log-dir': dir, lang: 'en'}, {write: (text) => output.push(text), warn: () => {}, settings: {cwd: dir}, signal: controller.signal});
		await new Promise((resolve) => setTimeout(resolve, 150));
		controller.abort();
		expect(await watching).toBe(130);
		expect(output.join('')).toContain('Watching session 20260119-091500-cd34');
	});

	it('says there is nothing to watch in one line', async () => {
		const dir = tempDir();
		const errors: string[] = [];
		expect(await watchCommand({'log-dir': join(dir, 'none')}, {write: () => {}, warn: (text) => errors.push(text), settings: {cwd: dir}})).toBe(1);
		expect(errors).toEqual([expect.stringMatching(/^w365-triage: no session to watch in .*none: start the triage first/)]);
	});
});
