/**
 * Standard output or error that cannot be written (a full disk, /dev/full, a reader that went
 * away) is one line on stderr and exit code 1, never a stack trace. A terminal that hung up (EIO)
 * is not an error here: the hangup is handled where the walk is (commands/run-terminal.ts,
 * run-lines.ts), so the session log still records it.
 */
import {writeSync} from 'node:fs';

const WHY: Record<string, string> = {
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EPIPE: 'the program reading it has stopped',
	EBADF: 'it is closed',
	EIO: 'input/output error',
	EACCES: 'permission denied',
	EROFS: 'read-only file system',
	EFBIG: 'file too large',
};

export function outputErrorLine(
	stream: 'standard output' | 'standard error',
	error: unknown,
): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const why = code
		? `${code}: ${WHY[code] ?? 'write failed'}`
		: String((error as Error | undefined)?.message ?? error);
	return `w365-triage: cannot write to ${stream} (${why}); nothing more is written. Free some space or send the output elsewhere.`;
}

/** Says so on stderr (if stderr still works) and exits 1 at once: nothing after it could be seen. */
export function failOutput(stream: 'standard output' | 'standard error', error: unknown): never {
	if (stream === 'standard output') {
		try {
			writeSync(2, `${outputErrorLine(stream, error)}\n`);
		} catch {
			// stderr is gone too: the exit code is all that is left.
		}
	}
	process.exit(1);
}

/** Whether an error is a failed write to one of the standard streams. */
export function isOutputError(error: unknown): boolean {
	const {code, syscall} = (error as NodeJS.ErrnoException | undefined) ?? {};
	return syscall === 'write' && typeof code === 'string';
}

/** Installs the handlers for errors reported asynchronously (pipes, terminals). */
export function guardStandardStreams(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EIO') failOutput('standard output', error);
	});
	process.stderr.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EIO') failOutput('standard error', error);
	});
}
