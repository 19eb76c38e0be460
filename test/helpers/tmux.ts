/**
 * Drives the built binary in a real terminal: tmux on a private socket, send-keys to type,
 * capture-pane to read the screen, pipe-pane to record the raw bytes the app wrote.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BINARY} from './run-binary.js';

export type Terminal = {
	keys: (...keys: string[]) => void;
	/** Any tmux command on this terminal's server (e.g. set-option, show-buffer). */
	tmux: (...args: string[]) => string;
	/** Several keys in one send-keys command. */
	keysAtOnce: (...keys: string[]) => void;
	/** Sends raw bytes in one write. */
	bytes: (text: string) => void;
	screen: () => string;
	/** The screen with lines the terminal wrapped joined again: a line the app wrote wider than
	 * the window shows up here as one long line (capture-pane -J). */
	joinedScreen: () => string;
	waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
	resize: (columns: number, rows: number) => void;
	/** Raw bytes the app wrote to the terminal. */
	raw: () => string;
	/** `stty -a` of the terminal after the app exited, and its exit code. */
	afterExit: () => Promise<{exitCode: number; stty: string}>;
	close: () => void;
};

export function startTerminal(
	args: string[],
	{columns, rows, env = {}}: {columns: number; rows: number; env?: Record<string, string>},
): Terminal {
	const envs = Object.entries({LANG: 'en_US.UTF-8', ...env}).map(
		([name, value]) => `${name}=${shellQuote(value)}`,
	);
	return startShellTerminal(
		`env ${envs.join(' ')} ${shellQuote(process.execPath)} ${shellQuote(BINARY)} ${args.map(shellQuote).join(' ')}`,
		{columns, rows},
	);
}

/** Runs any shell command line in the terminal (e.g. ssh to the app), then records its exit code
 * and `stty -a` like startTerminal. */
export function startShellTerminal(
	commandLine: string,
	{columns, rows}: {columns: number; rows: number},
): Terminal {
	const dir = mkdtempSync(join(tmpdir(), 'w365-tmux-'));
	const socket = join(dir, 'socket');
	const tmux = (...tmuxArgs: string[]) =>
		execFileSync('tmux', ['-u', '-S', socket, ...tmuxArgs], {encoding: 'utf8'});
	const command = [
		commandLine,
		`echo $? > ${shellQuote(join(dir, 'exit'))}.tmp`,
		`stty -a > ${shellQuote(join(dir, 'stty'))}`,
		`mv ${shellQuote(join(dir, 'exit'))}.tmp ${shellQuote(join(dir, 'exit'))}`,
		'sleep 600',
	].join('; ');
	tmux('new-session', '-d', '-s', 'app', '-x', String(columns), '-y', String(rows), command);
	tmux('pipe-pane', '-t', 'app', '-o', `cat >> ${shellQuote(join(dir, 'raw'))}`);
	const screen = () => tmux('capture-pane', '-p', '-t', 'app');
	return {
		keys: (...keys) => {
			for (const key of keys) tmux('send-keys', '-t', 'app', key);
		},
		tmux,
		keysAtOnce: (...keys) => {
			tmux('send-keys', '-t', 'app', ...keys);
		},
		bytes: (text) => {
			tmux('send-keys', '-t', 'app', '-H', ...Buffer.from(text).toString('hex').match(/../g)!);
		},
		screen,
		joinedScreen: () => tmux('capture-pane', '-p', '-J', '-t', 'app'),
		async waitFor(text, timeoutMs = 8000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const current = screen();
				if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
				if (Date.now() > deadline)
					throw new Error(`timed out waiting for ${String(text)}; screen:\n${current}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		resize: (c, r) => {
			tmux('resize-window', '-t', 'app', '-x', String(c), '-y', String(r));
		},
		raw: () => (existsSync(join(dir, 'raw')) ? readFileSync(join(dir, 'raw'), 'latin1') : ''),
		async afterExit() {
			const deadline = Date.now() + 8000;
			while (!existsSync(join(dir, 'exit'))) {
				if (Date.now() > deadline) throw new Error(`the app did not exit; screen:\n${screen()}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return {
				exitCode: Number(readFileSync(join(dir, 'exit'), 'utf8').trim()),
				stty: readFileSync(join(dir, 'stty'), 'utf8'),
			};
		},
		close: () => {
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

export function shellQuote(value: string): string {
	return `'${value.replaceAll("'", "'\\''")}'`;
}
