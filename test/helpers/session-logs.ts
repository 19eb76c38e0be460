/** Reading the session logs a test run of the binary wrote. */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

/** The session file in `logDir` (each run in a test gets a log directory of its own). */
export function sessionFile(logDir: string): string {
	const [name] = readdirSync(logDir).filter((file) => file.endsWith('.jsonl'));
	if (name === undefined) throw new Error(`no session log in ${logDir}`);
	return join(logDir, name);
}

/** Every event of a session log, in order. */
export function sessionEvents(file: string): Record<string, any>[] {
	return readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, any>);
}

/** The process writing a session: its start event's pid (read while the session is still being written). */
export function sessionPid(file: string): number {
	return (JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {pid: number}).pid;
}
