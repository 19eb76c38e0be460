/** The terminal UI as a person sees it: assert on the frame text after each key. */
import {act} from 'react';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {colorAllowed, terminalSize} from '../../source/ui/terminal-screen.js';
import {EXAMPLE_FLOW, INCIDENT_FLOW, loadValidFlow} from '../helpers/flows.js';
import {KEYS, renderApp} from '../helpers/ink.js';

const example = loadValidFlow(EXAMPLE_FLOW);
const incident = loadValidFlow(INCIDENT_FLOW);
const flag = (value: string) => ({value, origin: 'flag' as const});
/** The line the ❯ marker is on. */
const selected = (frame: string) => frame.split('\n').find((line) => line.startsWith('❯'));

describe('question', () => {
	it('shows the title, "Step N · node-id", the choices and the keys', async () => {
		const app = await renderApp(example);
		const frame = app.frame();
		expect(frame).toContain('Printing stopped after an update (example)');
		expect(frame).toContain('Step 1 · symptom');
		expect(frame).toContain('What do you see?');
		expect(selected(frame)).toBe('❯ 1. Nothing prints since the update');
		expect(frame).toContain('  2. Print jobs stay stuck in the queue');
		expect(frame).toContain('↑↓/jk move · 1-9 pick · Enter OK · b back');
		app.unmount();
	});

	it('moves with ↑/↓ and j/k, confirms with Enter', async () => {
		const app = await renderApp(example);
		await app.press(KEYS.down);
		expect(selected(app.frame())).toBe('❯ 2. Print jobs stay stuck in the queue');
		await app.press('j');
		expect(selected(app.frame())).toBe('❯ 3. Something else');
		await app.press('k', KEYS.up);
		expect(selected(app.frame())).toBe('❯ 1. Nothing prints since the update');
		await app.press(KEYS.down, KEYS.enter);
		expect(app.frame()).toContain('Step 2 · spooler');
		expect(app.events.at(-1)).toMatchObject({
			type: 'answer',
			node: 'symptom',
			answer: 'stuck',
			next: 'spooler',
		});
		app.unmount();
	});

	it('applies keys that arrive in one chunk (a paste, or an SSH packet) one after the other', async () => {
		const app = await renderApp(example);
		await app.press(`${KEYS.down}${KEYS.enter}`);
		expect(app.frame()).toContain('Step 2 · spooler');
		await app.press(`${KEYS.down}${KEYS.enter}`);
		expect(app.frame()).toContain('Step 3 · backup');
		app.unmount();
	});

	it('acts on every key of a chunk as if typed one by one: j Enter, 2 Enter Enter, ↓ Enter', async () => {
		const jEnter = await renderApp(example);
		await jEnter.press('j\r');
		expect(jEnter.frame()).toContain('Step 2 · spooler');
		jEnter.unmount();
		// 2 picks the stuck queue, Enter the spooler step's first choice (printed), Enter on the
		// outcome does nothing.
		const twoEnters = await renderApp(example);
		await twoEnters.press('2\r\r');
		expect(
			twoEnters.events
				.filter((event) => event.type === 'answer')
				.map((event) => 'node' in event && event.node),
		).toEqual(['symptom', 'spooler']);
		expect(twoEnters.frame()).toContain('Outcome: Resolved');
		twoEnters.unmount();
	});

	it('never reads a bracketed paste as keys', async () => {
		const app = await renderApp(example);
		await app.press('\u001B[200~q2\r\u001B[201~');
		expect(app.frame()).toContain('Step 1 · symptom');
		expect(app.exits).toEqual([]);
		await app.press('\u001B[200~x\u001B[201~2');
		expect(app.frame()).toContain('Step 2 · spooler');
		app.unmount();
	});

	it('chooses directly with a number key', async () => {
		const app = await renderApp(example);
		await app.press('3');
		expect(app.frame()).toContain('Step 2 · escalate');
		app.unmount();
	});
});

describe('back, restart, language, help, quit', () => {
	it('goes back with b, Backspace and ←, pre-selecting the earlier answer and saying what was dropped', async () => {
		const app = await renderApp(example);
		await app.press('2', '2');
		expect(app.frame()).toContain('Step 3 · backup');
		await app.press('b');
		expect(app.frame()).toContain('Step 2 · spooler');
		expect(app.frame()).toContain(
			'Dropped answers: Restart the print spooler: It still does not print',
		);
		expect(app.frame()).not.toContain('still-broken');
		expect(selected(app.frame())).toBe('❯ 2. It still does not print');
		await app.press(KEYS.backspace);
		expect(app.frame()).toContain('Step 1 · symptom');
		expect(selected(app.frame())).toBe('❯ 2. Print jobs stay stuck in the queue');
		await app.press(KEYS.left);
		expect(app.frame()).toContain('Already at the first step.');
		expect(app.events.filter((event) => event.type === 'back')).toHaveLength(2);
		app.unmount();
	});

	it('restarts only after a confirmation', async () => {
		const app = await renderApp(example);
		await app.press('2', 'r');
		expect(app.frame()).toContain('Restart from step 1?');
		await app.press('n');
		expect(app.frame()).toContain('Step 2 · spooler');
		await app.press('r', 'y');
		expect(app.frame()).toContain('Step 1 · symptom');
		expect(app.frame()).toContain('Restarted.');
		expect(app.events.at(-1)).toMatchObject({type: 'restart', node: 'spooler'});
		app.unmount();
	});

	it('switches language live with l, staying on the same step', async () => {
		const app = await renderApp(example);
		await app.press('2', KEYS.down, 'l');
		const frame = app.frame();
		expect(frame).toContain('ステップ 2 · spooler');
		expect(frame).toContain('l English');
		expect(app.events.at(-1)).toMatchObject({type: 'language', language: 'ja', node: 'spooler'});
		await app.press('l');
		expect(app.frame()).toContain('Step 2 · spooler');
		app.unmount();
	});

	it('shows help with ? and returns on any key', async () => {
		const app = await renderApp(example);
		await app.press('2', '?');
		expect(app.frame()).toContain('Help — Step 2 · spooler');
		expect(app.frame()).toContain('b, Backspace or ←: go back one step');
		// Every key the footers offer is in the help, c (cancel, correct) too.
		for (const key of [
			'↑/↓',
			'1–9',
			'Enter',
			'Space',
			'c or Esc',
			'c at',
			'b,',
			'PgDn',
			'y:',
			'p:',
			'v:',
			'r:',
			'l:',
			'?:',
			'q or Ctrl+C',
		]) {
			expect(
				app
					.frame()
					.split('\n')
					.some((line) => line.startsWith(key)),
				key,
			).toBe(true);
		}
		await app.press('x');
		expect(app.frame()).toContain('Step 2 · spooler');
		expect(app.frame()).not.toContain('Help —');
		// At 40x20 in Japanese the keys are listed short, every one of them, and the way back last.
		const small = await renderApp(incident, {language: 'ja', columns: 40, rows: 20});
		await small.press('?');
		const lines = small.frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(19);
		for (const unit of [
			'c 中止',
			'c 修正',
			'q 終了',
			'y コピー',
			'PgDn/PgUp 長いステップをスクロール',
		])
			expect(lines.join(' · ')).toContain(unit);
		expect(lines.at(-1)).toBe('何かキーを押すとステップに戻ります。');
		small.unmount();
		app.unmount();
	});

	it('quits with q or Ctrl+C: 130 when unfinished, 0 after an outcome', async () => {
		const app = await renderApp(example);
		await app.press('q');
		expect(app.exits.at(-1)).toMatchObject({exitCode: 130});
		await app.press(KEYS.ctrlC);
		expect(app.exits).toHaveLength(2);
		await app.press('3', 'q');
		expect(app.exits.at(-1)).toMatchObject({exitCode: 0});
		app.unmount();
	});
});

describe('backup gate', () => {
	const toGate = async () => {
		const app = await renderApp(example);
		await app.press('2', '2');
		return app;
	};

	it('says why it is there, starts on cancel, and keeps Continue locked', async () => {
		const app = await toGate();
		const frame = app.frame();
		expect(frame).toContain(
			'Uninstalling an update or running System Restore can fail and cost you files.\nBack up first.',
		);
		expect(selected(frame)).toBe('❯ Cancel (the safe way)');
		expect(frame).toContain('  [ ] 1.');
		expect(frame).toContain('Continue (locked: 0 of 3 confirmed)');
		await app.press(KEYS.down, KEYS.enter);
		expect(app.frame()).toContain('Step 3 · backup');
		expect(app.frame()).toContain('Confirm each item first');
		app.unmount();
	});

	it('cancels with Enter on the default focus, and with c', async () => {
		const app = await toGate();
		await app.press(KEYS.enter);
		expect(app.frame()).toContain('Step 4 · workaround');
		const other = await toGate();
		await other.press('c');
		expect(other.frame()).toContain('Step 4 · workaround');
		app.unmount();
		other.unmount();
	});

	it('acknowledges each item on its own, then opens the destructive step', async () => {
		const app = await toGate();
		await app.press(KEYS.up, KEYS.up, KEYS.up, KEYS.space);
		expect(app.frame()).toMatch(/\[x\] 1\./);
		expect(app.frame()).toMatch(/\[ \] 2\./);
		expect(app.frame()).toContain('Continue (locked: 1 of 3 confirmed)');
		await app.press(KEYS.down, KEYS.enter, KEYS.down, KEYS.space);
		expect(app.frame()).toContain('Continue');
		expect(app.frame()).not.toContain('locked');
		await app.press(KEYS.down, KEYS.down, KEYS.enter);
		expect(app.frame()).toContain('Step 4 · uninstall');
		expect(
			app.events
				.filter((event) => event.type === 'ack')
				.map((event) => 'item' in event && event.item),
		).toEqual(['files', 'restore-point', 'power']);
		app.unmount();
	});

	it('unticks a ticked item, drops the hint once an item is ticked, and does not wrap from item 1 to Continue', async () => {
		const app = await toGate();
		await app.press(KEYS.down, KEYS.enter);
		expect(app.frame()).toContain('Confirm each item first');
		await app.press(KEYS.up, KEYS.up, KEYS.up, KEYS.up, KEYS.up);
		expect(selected(app.frame())).toMatch(/^❯ \[ \] 1\./);
		await app.press(KEYS.up);
		expect(selected(app.frame())).toMatch(/^❯ \[ \] 1\./);
		await app.press(KEYS.space);
		expect(app.frame()).not.toContain('Confirm each item first');
		expect(selected(app.frame())).toMatch(/^❯ \[x\] 1\./);
		await app.press(KEYS.enter);
		expect(selected(app.frame())).toMatch(/^❯ \[ \] 1\./);
		expect(app.frame()).toContain('Continue (locked: 0 of 3 confirmed)');
		expect(app.events.filter((event) => event.type === 'ack')).toMatchObject([
			{item: 'files'},
			{item: 'files', undo: true},
		]);
		app.unmount();
	});

	it('going back past a passed gate says which confirmations were dropped', async () => {
		const app = await toGate();
		await app.press(
			KEYS.up,
			KEYS.up,
			KEYS.up,
			KEYS.space,
			KEYS.down,
			KEYS.space,
			KEYS.down,
			KEYS.space,
			KEYS.down,
			KEYS.down,
			KEYS.enter,
		);
		expect(app.frame()).toContain('Step 4 · uninstall');
		await app.press('b');
		expect(app.frame()).toContain('Step 3 · backup');
		expect(app.frame()).toContain('Dropped answers: Before removing the update: Continue');
		expect(app.frame()).toContain(
			'Dropped backup confirmations: I saved and closed my open files · I created a\nSystem Restore point · The PC is plugged in and may restart',
		);
		expect(app.frame()).not.toMatch(/backup:|restore-point|proceed/);
		expect(app.frame()).toContain('Continue (locked: 0 of 3 confirmed)');
		app.unmount();
	});
});

describe('detect and step', () => {
	it('shows detected facts with where they came from, and lets the user correct one', async () => {
		const app = await renderApp(example, {
			facts: {'os.product': flag('Windows 10'), 'os.build': flag('19045.6809')},
		});
		await app.press('1');
		let frame = app.frame();
		expect(frame).toContain('Step 2 · os-check');
		expect(frame).toContain('Windows product: Windows 10 (given by --fact)');
		expect(frame).toContain('→ next: Install the latest updates');
		expect(frame).toContain('❯ 1. Continue → Install the latest updates');
		expect(frame).not.toMatch(/os\.product|os\.build/);
		await app.press('2');
		expect(app.frame()).toContain('Which fact is wrong?');
		await app.press('2');
		expect(app.frame()).toContain('OS build — the OS build winver shows, e.g. 26100.7623');
		await app.press('a', 'b', 'c', KEYS.enter);
		expect(app.frame()).toContain('OS build "abc" is not valid');
		await app.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, ...'26100.7627', KEYS.enter);
		frame = app.frame();
		expect(frame).toContain('OS build: 26100.7627 (corrected)');
		expect(frame).toContain('OS build set to 26100.7627.');
		expect(app.events.at(-1)).toMatchObject({
			type: 'fact',
			name: 'os.build',
			value: '26100.7627',
			origin: 'corrected',
		});
		app.unmount();
	});

	it('takes a pasted value ending in a line break (\\n, \\r, \\r\\n) as typed, and submits it', async () => {
		for (const end of ['\n', '\r', '\r\n']) {
			const app = await renderApp(example, {
				facts: {'os.product': flag('Windows 10'), 'os.build': flag('19045.6809')},
			});
			await app.press('1', '2', '2');
			await app.press(`26100.7623${end}`);
			expect(app.events.at(-1)).toMatchObject({
				type: 'fact',
				name: 'os.build',
				value: '26100.7623',
				origin: 'corrected',
			});
			expect(app.frame()).toContain('OS build: 26100.7623 (corrected)');
			app.unmount();
		}
	});

	it('puts a bracketed paste in the fact field as text: its line break does not submit', async () => {
		const app = await renderApp(example, {
			facts: {'os.product': flag('Windows 10'), 'os.build': flag('19045.6809')},
		});
		await app.press('1', '2', '2', '\u001B[200~26100.7623\r\n\u001B[201~');
		expect(app.frame()).toContain('> 26100.7623▏');
		expect(app.events.filter((event) => event.type === 'fact')).toEqual([]);
		await app.press(KEYS.enter);
		expect(app.events.at(-1)).toMatchObject({type: 'fact', name: 'os.build', value: '26100.7623'});
		app.unmount();
	});

	it('says it is detecting, lets the user move on, and fills the detect step in when detection ends', async () => {
		let finish!: (detection: {facts: Record<string, unknown>; problems: string[]}) => void;
		const pending = new Promise<never>((resolve) => {
			finish = resolve as never;
		});
		const app = await renderApp(example, {detect: () => pending});
		await app.press('1');
		expect(app.frame()).toContain('Detecting this computer…');
		expect(app.frame()).toContain('OS build: (unknown)');
		expect(app.frame()).toContain(
			'→ next: The Windows version could not be detected. Which one is it?',
		);
		const detected = (value: string, via: string) => ({value, origin: 'detected', via});
		await act(async () => {
			finish({
				facts: {
					'os.product': detected('Windows 11', 'reg query'),
					'os.build': detected('26100.7623', 'reg query'),
				},
				problems: ['Get-HotFix timed out after 10 s: installed updates were not read'],
			});
		});
		const frame = app.frame();
		expect(frame).not.toContain('Detecting this computer…');
		expect(frame).toContain('OS build: 26100.7623 (detected: reg query)');
		expect(frame).toContain('→ next: Restart the print spooler');
		expect(frame).toContain(
			'Detection: Get-HotFix timed out after 10 s: installed updates were not read.\nAnswer the questions instead.',
		);
		expect(app.events.filter((event) => event.type === 'fact')).toHaveLength(2);
		app.unmount();
	});

	it('prints commands bare on their own lines, and the sources with the verified date', async () => {
		const app = await renderApp(example);
		await app.press('2');
		const lines = app.frame().split('\n');
		expect(lines).toContain('Restart-Service -Name Spooler -Force');
		expect(lines).toContain('net stop spooler && net start spooler');
		expect(lines).toContain('https://example.com/printing/restart-spooler');
		expect(app.frame()).toContain('Verified 2026-01-20');
		app.unmount();
	});

	it('pages a step taller than the terminal instead of tearing the screen', async () => {
		const app = await renderApp(example, {rows: 14});
		await app.press('2');
		const frame = app.frame();
		expect(frame.split('\n').length).toBeLessThanOrEqual(14);
		expect(frame).toMatch(/lines 1-\d+ of \d+ · PgDn\/PgUp scroll/);
		await app.press(KEYS.pageDown);
		expect(app.frame()).not.toMatch(/lines 1-/);
		await app.press(KEYS.pageDown, KEYS.pageDown);
		expect(app.frame()).toContain('Verified 2026-01-20');
		expect(app.frame()).toMatch(/lines \d+-12 of 12/);
		await app.press(KEYS.pageUp, KEYS.pageUp, KEYS.pageUp);
		expect(app.frame()).toMatch(/lines 1-/);
		app.unmount();
	});
});

describe('for the call', () => {
	it('l starts the other language at the top of the step instead of at a fragment', async () => {
		const app = await renderApp(example, {rows: 14});
		await app.press('2', KEYS.pageDown, KEYS.pageDown);
		expect(app.frame()).not.toMatch(/lines 1-/);
		await app.press('l');
		expect(app.frame()).toMatch(/12 行中 1-\d+ 行|\d+ 行中 1-\d+ 行/);
		app.unmount();
	});

	it('v shows the step as numbered sentences with the sources folded (s unfolds them); answering still works', async () => {
		const app = await renderApp(incident, {language: 'ja'});
		await app.press('v');
		let frame = app.frame();
		expect(frame).toContain('読み上げ用の表示');
		expect(frame).toMatch(
			/^1\. Windows 365 または Azure Virtual Desktop（AVD）で、どうなっていますか？$/m,
		);
		expect(frame).toMatch(/出典: 1 件（s で表示）/);
		expect(frame).not.toContain('https://');
		await app.press('s');
		expect(app.frame()).toContain('https://support.microsoft.com');
		await app.press('1');
		frame = app.frame();
		expect(frame).toContain('ステップ 2 · symptom-timing · いつから');
		expect(frame).toContain('読み上げ用の表示');
		expect(frame).not.toContain('https://');
		await app.press('v');
		expect(app.frame()).not.toContain('読み上げ用の表示');
		app.unmount();
	});
});

describe('outcome', () => {
	it('says the outcome, what to do next, what to tell the helpdesk and where the log is', async () => {
		const app = await renderApp(example, {logPath: '/tmp/sessions/x.jsonl'});
		await app.press('3');
		const frame = app.frame();
		expect(frame).toContain('Outcome: Contact the helpdesk');
		expect(frame).toContain('Tell the helpdesk:');
		expect(frame).toContain('Session log: /tmp/sessions/x.jsonl');
		expect(frame).toMatch(/^b back · .*r restart · l 日本語 · \? help · q quit$/m);
		app.unmount();
	});
});

describe('narrow and Japanese', () => {
	it('fits every line in 40 columns in Japanese, without cut characters', async () => {
		const app = await renderApp(incident, {language: 'ja', columns: 40, rows: 20});
		for (const keys of [[], ['1'], ['1'], [KEYS.enter]]) {
			await app.press(...keys);
			const frame = app.frame();
			for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
			expect(frame).not.toContain('\uFFFD');
			expect(frame.split('\n').length).toBeLessThanOrEqual(20);
		}
		expect(app.frame()).toContain('ステップ 4');
		app.unmount();
	});

	it('keeps why the gate is there, the checklist and cancel in view at 40x20 in Japanese', async () => {
		const app = await renderApp(incident, {
			language: 'ja',
			columns: 40,
			rows: 20,
			facts: {'os.build': {value: '26100.7623', origin: 'flag'}},
		});
		await app.press('7', '4', '\r');
		const frame = app.frame();
		expect(frame).toContain('ステップ 4 · backup-gate');
		expect(frame).toContain('更新プログラムのアンインストールや');
		expect(frame).toContain('❯ 中止する（安全な選択）');
		expect(frame).toContain('続行する（確認済み 0/3）');
		expect(frame.split('\n').length).toBeLessThanOrEqual(19);
		for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
		app.unmount();
	});

	it('marks the selection with a symbol, so meaning never depends on colour', async () => {
		const app = await renderApp(example, {language: 'ja'});
		expect(selected(app.frame())).toMatch(/^❯ 1\. /);
		app.unmount();
		expect(colorAllowed({NO_COLOR: '1'})).toBe(false);
		expect(colorAllowed({TERM: 'dumb'})).toBe(false);
		expect(colorAllowed({TERM: 'xterm-256color'})).toBe(true);
	});

	it('falls back to 80x24 when a terminal reports 0 columns', () => {
		expect(terminalSize({columns: 0, rows: 0})).toEqual({columns: 80, rows: 24});
		expect(terminalSize({columns: 40, rows: 20})).toEqual({columns: 40, rows: 20});
	});
});
