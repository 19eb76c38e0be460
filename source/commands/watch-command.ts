/**
 * `watch [SESSION] [--wait] [--lang ja|en]`: follow a running session read-only (the newest
 * unfinished one by default; with --wait, the next one this user starts). Exit 0 when the session
 * ends; Ctrl+C (or the watcher's own SSH link dropping) stops watching or waiting with 130, like
 * any interrupted command; 1 when the file is not a session log.
 */
import {statSync} from 'node:fs';
import {commandContext} from '../session/command-context.js';
import {parseAsOf, parseLanguage} from './parse-options.js';
import {listSessions} from '../session/list-sessions.js';
import {resolveSession, sessionTooLarge} from '../session/read-session.js';
import {SessionError} from '../session/session-error.js';
import {waitForNewSession} from '../session/wait-for-session.js';
import {sessionStrings} from '../session/session-strings.js';
import {watchSession} from '../session/watch-session.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {UsageError} from './usage.js';

import type {CommandIo} from './sessions-command.js';

export type WatchCommandOptions = {
	session?: string;
	lang?: string;
	'log-dir'?: string;
	'as-of'?: string;
	/** Wait for the next session to start, then follow it. */
	wait?: boolean;
};

export async function watchCommand(
	options: WatchCommandOptions,
	io: CommandIo & {signal?: AbortSignal; pollMs?: number},
): Promise<number> {
	const warn = io.warn ?? ((text: string) => void process.stderr.write(text));
	const asOf = parseAsOf(options['as-of']);
	if (options.wait && options.session)
		throw new UsageError('watch --wait follows the next session to start: give no SESSION with it');
	const context = commandContext(
		{language: parseLanguage(options.lang), logDir: options['log-dir']},
		warn,
		io.settings,
	);

	// Without a caller's signal, Ctrl+C, SIGTERM and SIGHUP stop watching (and nothing else).
	const controller = new AbortController();
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
	const stop = () => controller.abort();
	if (!io.signal) for (const signal of signals) process.on(signal, stop);
	const signal = io.signal ?? controller.signal;
	try {
		let path: string | undefined;
		try {
			if (options.wait) {
				io.write(
					`${sanitizeText(sessionStrings(context.language).watchWaiting(context.logDir))}\n`,
				);
				path = await waitForNewSession(context.logDir, {
					signal,
					...(io.pollMs ? {pollMs: io.pollMs} : {}),
				});
				if (path === undefined) return 130;
			} else
				path = options.session
					? resolveSession(options.session, context.logDir)
					: newestSession(context.logDir, io.isAlive);
			// Following a huge file would read all of it, waiting for a line that never ends.
			const tooLarge = sessionTooLarge(path, statSync(path, {throwIfNoEntry: false})?.size ?? 0);
			if (tooLarge) throw tooLarge;
		} catch (error) {
			if (!(error instanceof SessionError)) throw error;
			warn(`w365-triage: ${sanitizeText(error.message)}\n`);
			return 1;
		}
		const result = await watchSession({
			path,
			language: context.language,
			asOf,
			write: io.write,
			signal,
			...(io.pollMs ? {pollMs: io.pollMs} : {}),
			...(io.isAlive ? {isAlive: io.isAlive} : {}),
		});
		return result === 'ended' ? 0 : result === 'invalid' ? 1 : 130;
	} finally {
		if (!io.signal) for (const signal of signals) process.off(signal, stop);
	}
}

/** The newest session still going (or stopped without an end), else the newest of all. */
function newestSession(logDir: string, isAlive?: (pid: number) => boolean): string {
	const {sessions} = listSessions(logDir, {isAlive, limit: 50});
	const running =
		sessions.find((session) => session.status === 'in-progress') ??
		sessions.find((session) => session.status === 'unfinished');
	const chosen = running ?? sessions[0];
	if (!chosen) {
		throw new SessionError(
			`no session to watch in ${logDir}: start the triage first, or name a session (w365-triage watch SESSION, or --log-dir DIR)`,
		);
	}
	return chosen.path;
}
