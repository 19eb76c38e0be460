/**
 * The terminal the UI draws on, from the first frame (painted before Ink has loaded) until the
 * UI closes: the alternate screen, raw input, and the frame writer that Ink's frames go through.
 * Nothing here loads Ink.
 */
import {FrameWriter, frameStream} from './frame-writer.js';

// The alternate screen: terminals do not reflow it on resize, and leaving it restores what was on
// screen before (the run then prints its outcome into the normal scrollback).
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

export type TerminalSize = {columns: number; rows: number};

/** Some pseudo-terminals report 0 (or no) columns and rows: then assume 80x24. */
export function terminalSize(stream: {columns?: number; rows?: number}): TerminalSize {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

/** Whether colour may be used: NO_COLOR (no-color.org) and TERM=dumb turn it off. Meaning never
 * depends on colour alone: selection and state are also marked by symbols. */
export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
	return !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

export type TerminalScreen = {
	writer: FrameWriter;
	/** The stream Ink renders into (see frameStream). */
	stream: NodeJS.WriteStream;
	/** Leaves the alternate screen, shows the cursor, ends raw input. Safe to call twice. */
	close: () => void;
};

export function openTerminalScreen(
	terminal: NodeJS.WriteStream = process.stdout,
	input: NodeJS.ReadStream = process.stdin,
): TerminalScreen {
	const writer = new FrameWriter(terminal);
	const stream = frameStream(terminal, writer);
	terminal.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR);
	// Raw input from the first frame on: keys typed before Ink listens wait for it in the terminal,
	// instead of being echoed over the frame (Ink keeps raw mode on while it runs).
	const raw = input.isTTY && typeof input.setRawMode === 'function';
	if (raw) input.setRawMode(true);
	let closed = false;
	return {
		writer,
		stream,
		close() {
			if (closed) return;
			closed = true;
			// Ink turns raw mode off when it unmounts; this is for a start that never got that far.
			// On a terminal that is gone, the call fails (EIO, thrown as an 'error' event).
			if (raw && input.isRaw) {
				try {
					input.setRawMode(false);
				} catch {}
			}
			stream.emit('close');
			terminal.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		},
	};
}
