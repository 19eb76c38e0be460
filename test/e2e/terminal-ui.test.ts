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
		// An admin giving the user's build: uninstalling is offered only at the January update's build.
		terminal = startTerminal(['--fact', 'os.build=26100.7623'], {
			columns: 40,
			rows: 20,
			env: {LANG: 'ja_JP.UTF-8'},
		});
		const widthOk = (screen: string) => {
			for (const line of screen.split('\n'))
				expect(stringWidth(line), line).toBeLessThanOrEqual(40);
		};
		widthOk(await terminal.waitFor('ステップ 1 · symptom'));
		terminal.keys('7');
		widthOk(await terminal.waitFor('ステップ 2 · uninstall-risks'));
		terminal.keys('4');
		widthOk(await terminal.waitFor('ステップ 3 · rollback-build'));
		terminal.keys('Enter');
		widthOk(await terminal.waitFor('ステップ 4 · backup-gate'));
		// Cancel has the focus: walk up to the first item and confirm each one.
		terminal.keys(
			'Up',
			'Up',
			'Up',
			'Space',
			'Down',
			'Space',
			'Down',
			'Space',
			'Down',
			'Down',
			'Enter',
		);
		// After the gate the safe choice has the focus.
		widthOk(await terminal.waitFor(/ステップ 5 · rollback-choice[\s\S]*❯ 1\. やめてブラウザー版/));
		terminal.keys('Enter');
		widthOk(await terminal.waitFor('ステップ 6 · web-client'));
		terminal.keys('1');
		widthOk(await terminal.waitFor(/結果: 回避策で作業中/));
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(0);
	});

	it('acts on every key of one write as if typed one by one, and takes a pasted value with its line break', async () => {
		terminal = startTerminal(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--fact', 'os.build=19045.6809'],
			{columns: 80, rows: 24},
		);
		await terminal.waitFor('Step 1 · symptom');
		// j Enter in one write (fast typing, an SSH packet): the Enter confirms the moved highlight.
		terminal.bytes('j\r');
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('b');
		await terminal.waitFor('Step 1 · symptom');
		// Several keys in one send-keys: ↑ back to the first choice, then Enter.
		terminal.keysAtOnce('k', 'Enter');
		await terminal.waitFor('Step 2 · os-check');
		terminal.bytes('22');
		await terminal.waitFor('OS build — the OS build winver shows, e.g. 26100.7623');
		terminal.bytes('26100.7623\r\n');
		await terminal.waitFor('OS build: 26100.7623 (corrected)');
		// A real paste (tmux's paste buffer, its line break sent as Enter) fills in and saves.
		terminal.keys('2', '2');
		await terminal.waitFor('OS build — the OS build winver shows, e.g. 26100.7623');
		terminal.tmux('set-buffer', '26100.7627\n');
		terminal.tmux('paste-buffer', '-t', 'app');
		await terminal.waitFor('OS build: 26100.7627 (corrected)');
		// A bracketed paste is text: its q and Enter are not keys.
		terminal.bytes('\u001B[200~q\r\u001B[201~');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(terminal.screen()).toContain('Step 2 · os-check');
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(130);
	});

	it('at 20x10 keeps the highlighted choice on screen; narrower, it says it is too small and Enter picks nothing', async () => {
		// Uninstalling is offered only at the January update's build.
		terminal = startTerminal(['--no-detect', '--fact', 'os.build=26100.7623'], {
			columns: 20,
			rows: 10,
			env: {LANG: 'ja_JP.UTF-8'},
		});
		await terminal.waitFor('ステップ 1 · sympt');
		terminal.keys('7');
		await terminal.waitFor('ステップ 2 · unins');
		terminal.keys('4');
		await terminal.waitFor('ステップ 3 · rollb');
		terminal.keys('Enter');
		let screen = await terminal.waitFor('ステップ 4 · backu');
		expect(screen).toMatch(/❯ 中止する/);
		for (const line of screen.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(20);
		terminal.keys('Up', 'Up');
		screen = await terminal.waitFor(/❯ \[ \] 2\./);
		terminal.resize(15, 10);
		await terminal.waitFor(/端末が[\s\S]*小さすぎ[\s\S]*20×/);
		terminal.keys('Enter');
		await new Promise((resolve) => setTimeout(resolve, 300));
		terminal.resize(20, 10);
		screen = await terminal.waitFor(/❯ \[ \] 2\./);
		expect(screen).not.toContain('[x]');
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(130);
	});

	it('y copies the step’s command to the clipboard (OSC 52, here into tmux) and shows it whole', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW, '--no-detect'], {columns: 40, rows: 20});
		terminal.tmux('set-option', '-g', 'set-clipboard', 'on');
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('y');
		await terminal.waitFor('Copied to the clipboard (1 of');
		expect(terminal.screen().split('\n')).toContain('Restart-Service -Name Spooler -Force');
		expect(terminal.tmux('show-buffer')).toBe('Restart-Service -Name Spooler -Force');
		terminal.keys('x');
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('y');
		await terminal.waitFor('Copied to the clipboard (2 of');
		expect(terminal.tmux('show-buffer')).not.toBe('Restart-Service -Name Spooler -Force');
		terminal.keys('x', 'q');
		expect(await expectTerminalRestored(terminal)).toBe(130);
	});

	it('re-lays out when the window is resized mid-flow, with no debris left', async () => {
		terminal = startTerminal(['--flow', INCIDENT_FLOW, '--lang', 'en'], {columns: 80, rows: 24});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('1');
		await terminal.waitFor('Step 2 · symptom-timing');
		const once = (screen: string, text: string) =>
			expect(screen.split(text).length - 1, screen).toBe(1);
		terminal.resize(40, 20);
		const narrow = await terminal.waitFor(/3\. No, it failed before that, or\n\s+never worked/);
		for (const line of narrow.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
		once(narrow, 'Step 2 · symptom-timing');
		once(narrow, "Can't connect to Windows 365");
		expect(narrow.split('\n')[1]).toBe('Step 2 · symptom-timing · Since when');
		terminal.resize(100, 30);
		const wide = await terminal.waitFor('3. No, it failed before that, or never worked');
		once(wide, 'Step 2 · symptom-timing');
		expect(wide.split('\n')[1]).toBe('Step 2 · symptom-timing · Since when');
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

	it('q mid-flow leaves the build it knows and the exact --resume command on the normal screen', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'w365-ui-log-')), 'logs');
		terminal = startTerminal(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--log-dir',
				dir,
				'--no-detect',
				'--lang',
				'en',
				'--fact',
				'os.product=Windows 11',
				'--fact',
				'os.build=26100.3000',
			],
			{columns: 120, rows: 24},
		);
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		terminal.keys('q');
		expect(await expectTerminalRestored(terminal)).toBe(130);
		const id = sessionFile(dir).split('/').at(-1)!.replace('.jsonl', '');
		// The command is one line, however the terminal wraps it on screen.
		const screen = terminal.joinedScreen();
		expect(screen).toContain('For the record: Windows 11, build 26100.3000');
		expect(screen).toContain(
			`To continue where you stopped: w365-triage --resume ${id} --log-dir ${dir}`,
		);
	});

	it('watch follows the terminal UI back from an outcome, and ends only when the program does', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'w365-ui-log-')), 'logs');
		terminal = startTerminal(
			['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect', '--lang', 'en'],
			{columns: 80, rows: 24},
		);
		await terminal.waitFor('Step 1 · symptom');
		const watcher = startTerminal(['watch', '--log-dir', dir, '--lang', 'en'], {
			columns: 160,
			rows: 50,
		});
		try {
			await watcher.waitFor('Watching session');
			terminal.keys('3');
			await terminal.waitFor('Outcome: Contact the helpdesk');
			await watcher.waitFor('Outcome reached: Contact the helpdesk.');
			terminal.keys('b');
			await terminal.waitFor('Step 1 · symptom');
			await watcher.waitFor('went back to Step 1 · symptom');
			terminal.keys('2');
			await terminal.waitFor('Step 2 · spooler');
			terminal.keys('1');
			await terminal.waitFor('Outcome: Resolved');
			await watcher.waitFor('Outcome reached: Resolved.');
			expect(watcher.screen()).not.toContain('The session ended');
			terminal.keys('q');
			expect(await expectTerminalRestored(terminal)).toBe(0);
			await watcher.waitFor('The session ended: Resolved.');
			expect((await watcher.afterExit()).exitCode).toBe(0);
		} finally {
			watcher.close();
		}
	});

	it('SIGHUP (a dropped link) mid-flow: the log records it, the terminal is restored, --resume goes on', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'w365-ui-log-')), 'logs');
		terminal = startTerminal(['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect'], {
			columns: 80,
			rows: 24,
		});
		await terminal.waitFor('Step 1 · symptom');
		terminal.keys('2');
		await terminal.waitFor('Step 2 · spooler');
		const file = sessionFile(dir);
		process.kill(sessionPid(file), 'SIGHUP');
		expect(await expectTerminalRestored(terminal)).toBe(130);
		expect(sessionEvents(file).at(-1)).toMatchObject({
			type: 'interrupted',
			reason: 'SIGHUP',
			node: 'spooler',
		});
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
		terminal = startTerminal(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--fact', 'os.product=Windows 11'],
			{columns: 80, rows: 24},
		);
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
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {
			columns: 80,
			rows: 24,
			env: {NO_COLOR: '1', TERM: 'xterm-256color'},
		});
		const screen = await terminal.waitFor('Step 1 · symptom');
		expect(screen).toContain('❯ 1. Nothing prints since the update');
		expect(terminal.raw()).not.toMatch(/\u001B\[(3\d|9\d|38;)/);
		terminal.keys('q');
		await terminal.afterExit();
	});

	it('uses line mode for TERM=dumb', async () => {
		terminal = startTerminal(['--flow', EXAMPLE_FLOW], {
			columns: 80,
			rows: 24,
			env: {TERM: 'dumb'},
		});
		await terminal.waitFor('Answer 1-3 (b back, l language, ? help, q quit):');
		terminal.keys('3', 'Enter');
		await terminal.waitFor('Outcome: Contact the helpdesk');
		expect(await terminal.afterExit()).toMatchObject({exitCode: 0});
	});
});
