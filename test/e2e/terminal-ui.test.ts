/** The built binary in a real terminal (tmux): what people see, and the terminal they get back. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW, INCIDENT_FLOW} from '../helpers/flows.js';
import {sessionEvents, sessionFile, sessionPid} from '../helpers/session-logs.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

/** The terminal is usable again: echo and line editing on, and the cursor shown last. */
async function expectTerminalRestored(t: Terminal) {
	const {exitCode, stty} = await t.afterExit();
	expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
	expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
	const raw = t.raw();
	expect(raw.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(raw.lastIndexOf(HIDE_CURSOR));
	return exitCode;
}

describe('terminal UI in tmux', () => {
	it('walks to an outcome at 80x24 in English and quits with exit 0', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		// ↓ and Enter in one write, as a fast typist or an SSH link delivers them.
		terminal.bytes('\u001B[B\r');
		await terminal.waitFor('Step 2 · spooler');
		const screen = terminal.screen();
		expect(screen.split('\n')).toContain('Restart-Service -Name Spooler -Force');
		terminal.keys('1');
		await terminal.waitFor('Outcome: Resolved');
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(0);
	});

	it('walks the shipped flow in Japanese at 40x20 through the backup gate, nothing wider than the window', async () => {
		terminal = startTerminal([], {columns: 40, rows: 20, env: {LANG: 'ja_JP.UTF-8'}});
		const widthOk = (screen: string) => {
			for (const line of screen.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
		};
		widthOk(await terminal.waitFor('ステップ 1 · symptom'));
		terminal.keys('3');
		widthOk(await terminal.waitFor('ステップ 2 · uninstall-risks'));
		terminal.keys('4');
		widthOk(await terminal.waitFor('ステップ 3 · backup-gate'));
		// Cancel has the focus: walk up to the first item and confirm each one.
		terminal.keys('Up', 'Up', 'Up', 'Space', 'Down', 'Space', 'Down', 'Space', 'Down', 'Down', 'Enter');
		widthOk(await terminal.waitFor('ステップ 4 · rollback-choice'));
		terminal.keys('3');
		widthOk(await terminal.waitFor('ステップ 5 · web-client'));
		terminal.keys('1');
		widthOk(await terminal.waitFor(/結果: 回避策で作業中/));
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(0);
	});

	it('re-lays out when the window is resized mid-flow, with no debris left', async () => {
		terminal = startTerminal(['--flow', INCIDENT_FLOW, '--lang', 'en'], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('1');
		await terminal.waitFor('Step 2 · symptom-timing');
		const once = (screen: string, text: string) => expect(screen.split(text).length - 1, screen).toBe(1);
		terminal.resize(40, 20);
		const narrow = await terminal.waitFor(/3\. No, it failed before that, or\n\s+never worked/);
		for (const line of narrow.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
		once(narrow, 'Step 2 · symptom-timing');
		once(narrow, "Can't connect to Windows 365");
		expect(narrow.split('\n')[1]).toBe('Step 2 · symptom-timing');
		terminal.resize(100, 30);
		const wide = await terminal.waitFor('3. No, it failed before that, or never worked');
		once(wide, 'Step 2 · symptom-timing');
		expect(wide.split('\n')[1]).toBe('Step 2 · symptom-timing');
		terminal.keys('Down');
		await terminal.waitFor('❯ 2. Not sure');
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(130);
	});

	it('Ctrl+C quits mid-flow with 130 and leaves the terminal usable', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('C-c');
		expect(await expectTerminalRestored(terminal)).toBe(130);
		expect(terminal.screen()).toContain('Stopped at step 2 · spooler.');
	});

	it('SIGHUP (a dropped link) mid-flow: the log records it, the terminal is restored, --resume goes on', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'w365-ui-log-')), 'logs');
		terminal = startTerminal(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect'], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		const file = sessionFile(dir);
		process.kill(sessionPid(file), 'SIGHUP');
		expect(await expectTerminalRestored(terminal)).toBe(130);
		expect(sessionEvents(file).at(-1)).toMatchObject({type: 'interrupted', reason: 'SIGHUP', node: 'spooler'});
		terminal.close();
		terminal = startTerminal(['--resume', '--log-dir', dir], {columns: 80, rows: 24});
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('1');
		await terminal.waitFor('Outcome: Resolved');
		// The path may go to a line of its own (it is never split), so look for it without the label.
		expect(terminal.screen()).toContain('Session log:');
		expect(terminal.screen().replace(/\s+/g, ' ')).toContain(file);
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(0);
	});

	it('with --no-detect, a detect step shows the given facts and never says it is detecting', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW, '--no-detect', '--fact', 'os.product=Windows 11'], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('1');
		await terminal.waitFor('Step 2 · os-check');
		// Given a moment in which a detection's result would have arrived.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(terminal.screen()).toContain('Windows 11');
		expect(terminal.screen()).not.toContain('Detecting');
		terminal.keys('q');
		await terminal.afterExit();
	});

	it('honours NO_COLOR: no colour codes, and the selection still marked with ❯', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {columns: 80, rows: 24, env: {NO_COLOR: '1', TERM: 'xterm-256color'}});
		const screen = await terminal.waitFor('Step 1 · symptom');
		expect(screen).toContain('❯ 1. Nothing prints since the update');
		expect(terminal.raw()).not.toMatch(/\u001B\[(3\d|9\d|38;)/);
		terminal.keys('q');
		await terminal.afterExit();
	});

	it('uses line mode for TERM=dumb', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {columns: 80, rows: 24, env: {TERM: 'dumb'}});
		await terminal.waitFor('Answer 1-3 (b back, l language, ? help, q quit):');
		terminal.keys('3', 'Enter');
		await terminal.waitFor('Outcome: Escalate to the helpdesk');
		expect(await terminal.afterExit()).toMatchObject({exitCode: 0});
	});
});
