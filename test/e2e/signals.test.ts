/**
 * Signals and teardown in a real terminal (tmux): SIGINT, SIGTERM, SIGHUP and SIGQUIT at every node kind of
 * the example flow. Each must leave the terminal as it was (echo and line editing on, the cursor
 * shown last), exit 130, and log where the walk stopped and why.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {BINARY} from '../helpers/run-binary.js';
import {isRunning, waitUntilGone} from '../helpers/processes.js';
import {sessionEvents, sessionFile, sessionPid} from '../helpers/session-logs.js';
import {shellQuote, startShellTerminal, startTerminal, type Terminal} from '../helpers/tmux.js';

const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

const scratch = mkdtempSync(join(tmpdir(), 'w365-signals-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

type Place = {
	kind: string;
	keys: string[];
	header: string;
	node: string;
	step: number;
	args?: string[];
};

/** How to reach each node kind of flows/example.yaml from its first screen. */
const PLACES: Place[] = [
	{kind: 'question', keys: [], header: 'Step 1 · symptom', node: 'symptom', step: 1},
	// Given facts show on the detect screen, which waits for Enter (or a correction).
	{
		kind: 'detect',
		keys: ['1'],
		header: 'Step 2 · os-check',
		node: 'os-check',
		step: 2,
		args: ['--fact', 'os.product=Windows 11', '--fact', 'os.build=26100.4100'],
	},
	{kind: 'step', keys: ['2'], header: 'Step 2 · spooler', node: 'spooler', step: 2},
	{kind: 'gate', keys: ['2', '2'], header: 'Step 3 · backup', node: 'backup', step: 3},
	{kind: 'end', keys: ['3'], header: 'Outcome: Contact the helpdesk', node: 'escalate', step: 2},
];

const CASES = PLACES.flatMap((place) => SIGNALS.map((signal) => ({...place, signal})));

async function walkTo(terminal: Terminal, place: Place): Promise<void> {
	await terminal.waitFor('Step 1 · symptom');
	for (const key of place.keys) {
		const before = terminal.screen();
		terminal.keys(key);
		// One key per screen: wait for the screen to change before the next.
		const deadline = Date.now() + 8000;
		while (terminal.screen() === before && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 25));
	}
	await terminal.waitFor(place.header);
}

/** Sends `signal` to the app logging to `logDir`: it must exit 130 and leave the terminal echoing
 * and editing lines again. Returns its session file and pid. */
async function signalApp(
	terminal: Terminal,
	logDir: string,
	signal: (typeof SIGNALS)[number],
): Promise<{file: string; pid: number}> {
	const file = sessionFile(logDir);
	const pid = sessionPid(file);
	process.kill(pid, signal);
	const {exitCode, stty} = await terminal.afterExit();
	expect(exitCode).toBe(130);
	expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
	expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
	return {file, pid};
}

describe.concurrent('signals in a real terminal (Ink UI, example flow)', () => {
	it.each(CASES)(
		'$signal at a $kind node ($node): exit 130, terminal restored, logged',
		async ({signal, ...place}) => {
			const logDir = join(scratch, `${place.kind}-${signal}`);
			const terminal = startTerminal(
				['--flow', EXAMPLE_FLOW, '--log-dir', logDir, '--no-detect', ...(place.args ?? [])],
				{columns: 80, rows: 24},
			);
			try {
				await walkTo(terminal, place);
				// Raw mode is off: the shell after us echoes and edits lines again.
				const {file, pid} = await signalApp(terminal, logDir, signal);
				const raw = terminal.raw();
				expect(raw).toContain(HIDE_CURSOR);
				expect(raw.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(raw.lastIndexOf(HIDE_CURSOR));
				// The alternate screen was left, and the place (or the outcome) is in the scrollback.
				expect(raw.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(raw.lastIndexOf('\u001B[?1049h'));
				expect(terminal.screen()).toContain(
					place.kind === 'end'
						? 'Outcome: Contact the helpdesk'
						: `Stopped at step ${place.step} · ${place.node}.`,
				);
				const events = sessionEvents(file);
				expect(events.at(-1)).toMatchObject({
					type: 'interrupted',
					reason: signal,
					step: place.step,
					node: place.node,
					pid,
				});
				expect(events.filter((event) => event.type === 'interrupted')).toHaveLength(1);
			} finally {
				terminal.close();
			}
		},
	);
});

describe.concurrent('signals in a real terminal (line mode)', () => {
	it.each(SIGNALS)('%s at a question: exit 130, the terminal as it was, logged', async (signal) => {
		const logDir = join(scratch, `plain-${signal}`);
		const terminal = startTerminal(
			['--flow', EXAMPLE_FLOW, '--log-dir', logDir, '--no-detect', '--plain'],
			{columns: 80, rows: 24},
		);
		try {
			await terminal.waitFor('Answer 1-3');
			const {file} = await signalApp(terminal, logDir, signal);
			// Line mode never hides the cursor or switches screens.
			expect(terminal.raw()).not.toContain(HIDE_CURSOR);
			expect(terminal.screen()).toContain('Stopped at step 1 · symptom.');
			expect(sessionEvents(file).at(-1)).toMatchObject({
				type: 'interrupted',
				reason: signal,
				step: 1,
				node: 'symptom',
			});
		} finally {
			terminal.close();
		}
	});
});

describe.concurrent('the terminal itself going away (its pty hangs up, as when a window closes)', () => {
	it.each([
		['terminal UI', [] as string[], 'Step 2 · spooler', 'SIGHUP'],
		['line mode', ['--plain'], '── Step 2 · spooler ──', 'eof'],
	])(
		'%s: the stop is logged, the process leaves at once, and Node does not abort on the dead terminal',
		async (_, args, header, reason) => {
			const logDir = join(scratch, `hangup-${reason}`);
			const stderr = join(scratch, `hangup-${reason}.stderr`);
			const app = [
				process.execPath,
				BINARY,
				'--flow',
				EXAMPLE_FLOW,
				'--log-dir',
				logDir,
				'--no-detect',
				...args,
			]
				.map(shellQuote)
				.join(' ');
			// A shell in between, as in a real terminal: it, not the app, gets the hangup signal first.
			const terminal = startShellTerminal(
				`bash -c ${shellQuote(`env LANG=en_US.UTF-8 ${app} 2> ${shellQuote(stderr)}`)}`,
				{columns: 80, rows: 24},
			);
			try {
				await terminal.waitFor(args.length > 0 ? 'Answer 1-3' : 'Step 1 · symptom');
				terminal.keys(...(args.length > 0 ? ['2', 'Enter'] : ['2']));
				await terminal.waitFor(header);
				const file = sessionFile(logDir);
				const pid = sessionPid(file);
				expect(isRunning(pid)).toBe(true);
				terminal.close();
				expect(await waitUntilGone(pid, 5000)).toBe(true);
				expect(sessionEvents(file).at(-1)).toMatchObject({
					type: 'interrupted',
					reason,
					step: 2,
					node: 'spooler',
					pid,
				});
				// Node 20 would abort here ("Assertion failed" in ResetStdio) without dead-terminal.ts.
				expect(readFileSync(stderr, 'utf8')).toBe('');
			} finally {
				terminal.close();
			}
		},
	);
});
