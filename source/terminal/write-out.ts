/**
 * Writes the walk's plain text (line mode, the summary after the terminal UI, notices) to a
 * terminal that may be gone (a dropped SSH link, EIO): the log matters more than the echo. Any
 * other failure (a full disk, /dev/full) is one line and exit 1 (output-errors.ts).
 */
import {failOutput} from './output-errors.js';
import {sanitizeText} from './sanitize-text.js';

export function writeOut(stream: NodeJS.WritableStream, text: string): void {
	try {
		// Line mode and the summary after the UI are plain text: nothing in them may be a control.
		stream.write(sanitizeText(text));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EIO') return;
		failOutput(stream === process.stderr ? 'standard error' : 'standard output', error);
	}
}
