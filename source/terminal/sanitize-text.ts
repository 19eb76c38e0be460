/**
 * Text from a flow file, a fact (a host name, a registry value) or a session log is untrusted: an
 * escape sequence in it could write the clipboard (OSC 52), forge links (OSC 8) or move the cursor.
 * Everything drawn or exported passes through here first.
 */
import stripAnsi from 'strip-ansi';

// strip-ansi leaves bare C0/C1 controls (BEL, BS, CR, 8-bit OSC introducers, a lone ESC); drop
// them too, keeping only newline and tab.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function sanitizeText(text: string): string {
	return stripAnsi(text).replace(CONTROLS, '');
}
