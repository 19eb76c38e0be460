/**
 * Keys typed while Ink, React and Yoga are still loading are answered at once, by the same
 * reducer (apply-keys.ts) and drawn by the same painter as the first frame (frame-text.ts): a key
 * pressed the moment the question shows is answered about 150 ms sooner (README "Performance").
 * Ink then starts from the screen the keys left, with the same key decoder, and its first frame
 * is the one on screen. Nothing here loads Ink.
 */
import type {Transitions} from '../session/record-transitions.js';
import {applyKeys, type KeyExit, type KeyTarget} from './apply-keys.js';
import type {FirstScreen} from './first-frame.js';
import {frameText} from './frame-text.js';
import {createKeyDecoder, type InputEvent, type KeyDecoder} from './key-decoder.js';
import {layoutScreen, type ScreenLayout} from './screen-layout.js';
import {initialScreen, type Screen} from './screen-state.js';
import {
	colorAllowed,
	type TerminalScreen,
	type TerminalSize,
	terminalSize,
} from './terminal-screen.js';

/** A screen as drawn: at `size`, with its layout (first-frame.ts hands over the first frame's). */
export type LaidOut = {screen: Screen; size: TerminalSize; layout: ScreenLayout};

/** What Ink starts from (App's `early` prop). */
export type EarlyHandOver = {screen: Screen; printing: boolean; decoder: KeyDecoder};

export type EarlyKeys = {
	/** The screen now (for a signal handler). */
	current: () => Screen;
	/** Resolves when a key quits (q, Ctrl+C) before Ink runs. */
	exited: Promise<KeyExit>;
	/** Resolves once no key has come for `ms` (or `atMost` ms after the first frame, whichever
	 * is first): when loading Ink, which holds up keys while it evaluates, costs no one a wait. */
	paused: (ms: number, atMost: number) => Promise<void>;
	/** Stops reading (what is left of an unfinished escape sequence goes back to the input, for
	 * Ink) and returns where the keys left the screen. Safe to call more than once. */
	handOver: () => EarlyHandOver;
};

export function answerEarlyKeys(
	/** With `shown` (first-frame.ts), keys start from the screen the first frame shows. */
	terminal: TerminalScreen & {shown?: LaidOut},
	{
		state,
		language,
		detecting,
		asOf,
		logPath,
		helpdesk,
		transitions,
	}: FirstScreen & {transitions: Transitions},
	input: NodeJS.ReadStream = process.stdin,
): EarlyKeys {
	const target: KeyTarget = {
		screen: terminal.shown?.screen ?? initialScreen(state, language, detecting),
		printing: false,
	};
	const decoder = createKeyDecoder();
	// A key is handled on the layout of the screen it was pressed on, which is the one last drawn:
	// laid out once, not again for each key (0.3–0.7 ms of the first key's answer).
	let laidOut: LaidOut | undefined = terminal.shown;
	const layout = (screen: Screen) => {
		const size = terminalSize(terminal.stream);
		if (
			laidOut?.screen !== screen ||
			laidOut.size.columns !== size.columns ||
			laidOut.size.rows !== size.rows
		)
			laidOut = {screen, size, layout: layoutScreen(screen, size, {asOf, logPath, helpdesk})};
		return laidOut.layout;
	};
	let pending = '';
	let reading = input.isTTY === true;
	let lastInput = now();
	const shownAt = lastInput;
	let exit!: (exit: KeyExit) => void;
	const exited = new Promise<KeyExit>((resolve) => {
		exit = resolve;
	});
	const repaint = () => terminal.writer.frame(frameText(layout(target.screen), colorAllowed()));
	/** Those waiting for the keys to pause: no key is read after a stop, so the wait is over. */
	const waiting = new Set<() => void>();
	const stop = () => {
		if (!reading) return;
		reading = false;
		for (const done of [...waiting]) done();
		input.removeListener('readable', onReadable);
		terminal.stream.off('resize', repaint);
		// As Ink does when it stops reading: the input no longer keeps the process alive (Ink
		// takes it up again when it starts).
		input.unref?.();
	};
	function onReadable() {
		let chunk: string | null;
		// biome-ignore lint/suspicious/noAssignInExpressions: the stream's read loop
		while (reading && (chunk = input.read() as string | null) !== null) {
			lastInput = now();
			const split = splitInput(pending + chunk);
			pending = split.pending;
			for (const piece of split.pieces) {
				const quit = applyKeys(target, decoder.push(piece), {
					layout,
					transitions,
					print: (text) => {
						terminal.writer.print(text);
						return true;
					},
					release: () => terminal.writer.release(),
				});
				if (quit) {
					stop();
					exit(quit);
					return;
				}
			}
			repaint();
		}
	}
	if (reading) {
		input.setEncoding('utf8');
		input.on('readable', onReadable);
		// The writer repaints the whole screen after a resize (frame-writer.ts): laid out anew.
		terminal.stream.on('resize', repaint);
	}
	return {
		current: () => target.screen,
		exited,
		paused: (ms, atMost) =>
			new Promise((resolve) => {
				let timer: NodeJS.Timeout | undefined;
				const done = () => {
					clearTimeout(timer);
					waiting.delete(done);
					resolve();
				};
				const check = () => {
					const wait = Math.min(lastInput + ms, shownAt + atMost) - now();
					if (!reading || wait <= 0) done();
					else timer = setTimeout(check, wait);
				};
				waiting.add(done);
				check();
			}),
		handOver() {
			stop();
			if (pending !== '') input.unshift(pending);
			pending = '';
			return {screen: target.screen, printing: target.printing, decoder};
		},
	};
}

/** Milliseconds on a monotonic clock. Not `performance.now()`: the global `performance` loads
 * node:perf_hooks (seven modules, about 1 ms) on first use, which here fell between the first frame
 * and the first key. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

const ESC = '\u001B';
const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';
/** A paste whose end has not come within this many characters is taken as it is. */
const PASTE_WAIT_LIMIT = 65536;

/**
 * Splits terminal input into the events Ink 8's input parser makes of it (what key-decoder.ts
 * expects): escape sequences (CSI, SS3, ESC and one character), the runs of text between them,
 * and a bracketed paste (ESC[200~ … ESC[201~) whole, as one paste event. An escape sequence or a
 * paste cut off at the end is returned as `pending`, to go before the next read; a lone ESC at
 * the end is the Escape key.
 */
export function splitInput(text: string): {pieces: InputEvent[]; pending: string} {
	const pieces: InputEvent[] = [];
	let index = 0;
	while (index < text.length) {
		const at = text.indexOf(ESC, index);
		if (at === -1) {
			pieces.push(text.slice(index));
			break;
		}
		if (at > index) pieces.push(text.slice(index, at));
		if (text.startsWith(PASTE_START, at)) {
			const end = text.indexOf(PASTE_END, at + PASTE_START.length);
			if (end === -1 && text.length - at < PASTE_WAIT_LIMIT)
				return {pieces, pending: text.slice(at)};
			const stop = end === -1 ? text.length : end;
			pieces.push({paste: text.slice(at + PASTE_START.length, stop)});
			index = end === -1 ? text.length : end + PASTE_END.length;
			continue;
		}
		if (at === text.length - 1) {
			pieces.push(ESC);
			break;
		}
		const double = text[at + 1] === ESC;
		const end = sequenceEnd(text, double ? at + 1 : at);
		if (end === 'pending') return {pieces, pending: text.slice(at)};
		// Not a control sequence: ESC ESC, or ESC and the character after it (Alt+key).
		const wide = (text.codePointAt(at + 1) ?? 0) > 0xffff;
		const next = end ?? at + (double ? 2 : wide ? 3 : 2);
		pieces.push(text.slice(at, next));
		index = next;
	}
	return {pieces, pending: ''};
}

/** Where the CSI or SS3 sequence whose ESC is at `at` ends; undefined if it is neither. */
function sequenceEnd(text: string, at: number): number | 'pending' | undefined {
	const kind = text[at + 1];
	if (kind === undefined) return 'pending';
	if (kind === 'O') {
		const final = text.charCodeAt(at + 2);
		if (Number.isNaN(final)) return 'pending';
		return final >= 0x40 && final <= 0x7e ? at + 3 : undefined;
	}
	if (kind !== '[') return undefined;
	for (let index = at + 2; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x3f) continue; // parameters and intermediates
		if (code === 0x5b && index === at + 2) continue; // the legacy ESC [ [ A
		return code >= 0x40 && code <= 0x7e ? index + 1 : undefined;
	}
	return 'pending';
}
