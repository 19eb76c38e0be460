/**
 * Copying a command or URL with one key. OSC 52 asks the terminal to put text on the clipboard:
 * it travels with the output, so it works over SSH, and in tmux with `set -g set-clipboard on`.
 * Terminals that do not support it ignore it, so the text is also shown whole (print screen)
 * for a mouse copy: the plain fallback needs no detection.
 */
import {sanitizeText} from '../terminal/sanitize-text.js';

export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(sanitizeText(text), 'utf8').toString('base64')}\u0007`;
}
