/**
 * Text from a flow file, a fact (a host name, a registry value), a settings file or a session log
 * is untrusted: an escape sequence in it could write the clipboard (OSC 52), forge links (OSC 8)
 * or move the cursor, and invisible or direction-changing characters could make a command or a
 * path read differently from what it is ("Trojan Source": `iex` shown as something harmless).
 * Everything drawn, printed or exported passes through here first; this is the only sanitizer.
 */
import stripAnsi from 'strip-ansi';

/**
 * What is removed after strip-ansi has taken the escape sequences:
 * - C0 and C1 controls and DEL (BEL, BS, CR, 8-bit CSI/OSC introducers, a lone ESC), except
 *   newline and tab;
 * - bidirectional controls: ALM U+061C, LRM/RLM U+200E–U+200F, embeddings and overrides
 *   U+202A–U+202E, isolates U+2066–U+2069;
 * - zero-width and invisible characters: soft hyphen U+00AD, combining grapheme joiner U+034F,
 *   Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Khmer vowel inherents U+17B4–U+17B5,
 *   Mongolian vowel separator U+180E, U+200B–U+200D (a joiner only outside an emoji), word joiner and invisible operators
 *   U+2060–U+2064, deprecated format controls U+206A–U+206F, BOM/ZWNBSP U+FEFF, interlinear
 *   annotation U+FFF9–U+FFFB, and tag characters U+E0000–U+E007F.
 */
const REMOVED =
	// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is removed on its own, combining ones too.
	/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

/**
 * A zero-width joiner stays only inside an emoji sequence (👩‍💻), where it is what draws one picture.
 * Built on first use: V8 parses a pattern when it is created, and looking up its emoji property
 * classes in ICU costs 2 M instructions, which every start would pay for text that has no joiner.
 */
let joiner: RegExp | undefined;
const joinerPattern = () =>
	(joiner ??=
		/(?<!\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu);

/** Line and paragraph separators (U+2028, U+2029) break a line in some terminals and viewers: a space keeps one line one line. */
const SEPARATORS = /[\u2028\u2029]/g;

export function sanitizeText(text: string): string {
	const kept = stripAnsi(text).replace(REMOVED, '');
	return (kept.includes('\u200D') ? kept.replace(joinerPattern(), '') : kept).replace(
		SEPARATORS,
		' ',
	);
}
