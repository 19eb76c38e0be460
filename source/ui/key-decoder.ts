/**
 * Terminal input, as the keys a person pressed: hand-written because the keys of one read reach
 * Ink 8's useInput handlers before React re-renders, and a run of plain characters arrives as one
 * input, so with ink-select-input handling its own keys "↓↓⏎" written at once (as over SSH) picked
 * the first of five choices instead of the third, and "j⏎" or "2⏎" picked nothing; with this
 * decoder and screen-state.ts each key acts as if typed alone.
 *
 * Ink splits a read into events: an escape sequence, a lone ESC, a run of plain characters, or a
 * bracketed paste (ESC[200~ … ESC[201~, whole even across reads). `j` then Enter (typed fast, or
 * batched by an SSH link) arrives as the one run "j\r": useInput would report it as the text
 * "j\r" and the Enter is lost (and in the fact field, a pasted "26100.7623\n" would type a
 * carriage return instead of submitting). This decoder turns every character of a run into its
 * own key, so a chunk acts exactly as if typed one key at a time.
 *
 * A bracketed paste (sent by a terminal where paste mode was left on, or by tmux's
 * `paste-buffer -p`) is one paste key carrying the text: it is never read as keys, so a pasted
 * "q" or "y" cannot quit or restart. The app does not turn paste mode on, so an ordinary paste is
 * typed key by key and a pasted line break submits the fact field.
 */
import type {Key} from './screen-state.js';

/** A paste longer than this is cut: nothing the app asks for is that long. */
const PASTE_LIMIT = 4096;

/** Escape sequences by their final byte (CSI or SS3; modifier parameters such as ESC[1;2A are
 * read as the plain key) and the `~` keys by number. */
const FINAL: Record<string, Key['name']> = {A: 'up', B: 'down', D: 'left', C: 'right'};
const TILDE: Record<string, Key['name']> = {'5': 'pageUp', '6': 'pageDown', '3': 'backspace'};

export type KeyDecoder = {
	/** One input event as Ink splits a read (see above); returns its keys in order. */
	push: (event: InputEvent) => Key[];
};

/** What Ink's input parser yields for a read: escape sequences, runs of plain characters, and
 * bracketed pastes (whole, even when they came over several reads). */
export type InputEvent = string | {readonly paste: string};

export function createKeyDecoder(): KeyDecoder {
	// A line break sent as CR LF is one Enter, even when the LF arrives in the next read.
	let afterCr = false;

	return {
		push(event) {
			const keys: Key[] = [];
			if (typeof event !== 'string') {
				afterCr = false;
				keys.push({name: 'paste', text: pasteText(event.paste).slice(0, PASTE_LIMIT)});
				return keys;
			}
			if (event.startsWith('\u001B')) {
				afterCr = false;
				const key = escapeKey(event);
				if (key) keys.push(key);
				return keys;
			}
			for (const character of event) {
				const wasCr = afterCr;
				afterCr = character === '\r';
				if (character === '\n' && wasCr) continue;
				const key = characterKey(character);
				if (key) keys.push(key);
			}
			return keys;
		},
	};
}

function characterKey(character: string): Key | undefined {
	switch (character) {
		case '\r':
		case '\n':
			return {name: 'enter'};
		case '\u007F':
		case '\b':
			return {name: 'backspace'};
		case '\u0003':
			return {name: 'ctrlC'};
		case ' ':
			return {name: 'space'};
		default:
			// Other control characters (Tab, Ctrl+letters) do nothing.
			return /^[\u0000-\u001F\u0080-\u009F]$/u.test(character)
				? undefined
				: {name: 'text', text: character};
	}
}

function escapeKey(sequence: string): Key | undefined {
	if (sequence === '\u001B') return {name: 'escape'};
	const match = /^\u001B(?:\[|O)([\d;]*)([A-Za-z~])$/u.exec(sequence);
	if (!match) return undefined; // Alt+key, function keys, reports: nothing to do
	const [, parameters = '', final = ''] = match;
	const name = final === '~' ? TILDE[parameters.split(';')[0]!] : FINAL[final];
	return name ? ({name} as Key) : undefined;
}

/** The text of a paste, without escape sequences or control characters; line breaks kept as \n. */
function pasteText(text: string): string {
	return text
		.replaceAll(/\u001B(?:\[[\d;?]*[ -/]*[@-~]|O.|.)?/gu, '')
		.replaceAll(/\r\n?/gu, '\n')
		.replaceAll(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/gu, '');
}
