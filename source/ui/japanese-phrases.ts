/**
 * Where Japanese text may break: between phrases (文節) as BudouX finds them — the phrase
 * segmenter Chrome uses — instead of between any two characters (外付 / けドライブ), with the line
 * rules (禁則) applied on top: no line starts with closing punctuation or a small kana (）」』】、。
 * っ …), and none ends with opening punctuation (（「『【). URLs and runs of Latin text stay whole.
 *
 * BudouX and its model take 10–25 ms to load and build, so they are loaded on their own (a
 * separate chunk): before the first frame only when it is in Japanese, otherwise with Ink after
 * it (first-frame.ts, run-terminal.ts, run-ink.tsx). Until then Japanese breaks between characters, with the
 * same line rules.
 */
import type {Parser} from 'budoux';

const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
// Both cases spelled out, not the i flag (wrap-lines.ts says why).
const URL = /[a-zA-Z][a-zA-Z\d+.-]*:\/\/[^\s（）「」『』【】、。]+/gu;
const LEADING_CLOSERS =
	/^[、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)\]}.,;:!?]+/u;
const TRAILING_OPENERS = /[（「『【〔〈《([{]+$/u;

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function loadJapanesePhrases(): Promise<void> {
	loading ??= import('budoux').then(({Parser: PhraseParser, jaModel}) => {
		parser = new PhraseParser(jaModel);
	});
	return loading;
}

/** Whether Japanese text is broken between phrases yet (before, between any two characters). */
export function phrasesLoaded(): boolean {
	return parser !== undefined;
}

function phrases(text: string): string[] {
	if (!CJK.test(text)) return [text];
	if (!parser) return [...text];
	// Every key lays the screen out again: the same text is not parsed twice.
	let found = memo.get(text);
	if (!found) {
		if (memo.size >= 2000) memo.clear();
		found = parser.parse(text);
		memo.set(text, found);
	}
	return found;
}

const memo = new Map<string, string[]>();

/**
 * The paragraph as whitespace runs and unbreakable pieces: a line may break before any piece or
 * at any whitespace, never inside a piece.
 */
export function breakablePieces(text: string): string[] {
	const out: string[] = [];
	for (const part of text.match(/\s+|\S+/gu) ?? []) {
		if (/^\s/u.test(part)) {
			out.push(part);
			continue;
		}
		// URLs whole; the rest by phrase.
		const pieces: string[] = [];
		let at = 0;
		for (const match of part.matchAll(URL)) {
			if (match.index > at) pieces.push(...phrases(part.slice(at, match.index)));
			pieces.push(match[0]);
			at = match.index + match[0].length;
		}
		if (at < part.length) pieces.push(...phrases(part.slice(at)));
		// Line rules: closing punctuation at the start of a piece moves to the end of the piece
		// before it, opening punctuation at the end of a piece to the start of the next one (only
		// the marks move, so pieces stay short).
		const glued: string[] = [];
		for (let piece of pieces) {
			if (glued.length > 0) {
				const lead = LEADING_CLOSERS.exec(piece)?.[0] ?? '';
				glued[glued.length - 1] += lead;
				piece = piece.slice(lead.length);
				const previous = glued.at(-1)!;
				const trail = TRAILING_OPENERS.exec(previous)?.[0] ?? '';
				if (trail !== '' && piece !== '') {
					if (trail === previous) glued.pop();
					else glued[glued.length - 1] = previous.slice(0, -trail.length);
					piece = trail + piece;
				}
			}
			if (piece !== '') glued.push(piece);
		}
		out.push(...glued);
	}
	return out;
}
