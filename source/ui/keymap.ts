/**
 * The keys of the terminal UI, once: the footer and the `?` help are both drawn from this list,
 * so they cannot disagree. (The keys themselves are acted on in screen-state.ts.)
 *
 * A footer entry is one unit, "key label", never split across lines. When the footer has less
 * room than it needs, the entries with the highest `drop` go first, so the keys that matter on
 * a screen (cancel at a gate, help everywhere) stay.
 */
import {textWidth} from '../terminal/text-width.js';
import type {Language} from '../flow/schema.js';

export type KeyContext = 'choices' | 'detect' | 'gate' | 'end';

type Words = Record<Language, string>;

type Binding = {
	keys: string;
	/** Footer label; none: help only. */
	short?: Words;
	/** Help line. */
	long: Words;
	/** Screens where the footer shows it. */
	on: readonly KeyContext[];
	/** Shown only when the screen has something for it (cut lines to print or copy). */
	needsCut?: boolean;
	/** Footer order of giving way: higher goes first. */
	drop: number;
};

const ANSWERING: readonly KeyContext[] = ['choices', 'detect'];
const ALL: readonly KeyContext[] = ['choices', 'detect', 'gate', 'end'];

export const KEYMAP: readonly Binding[] = [
	{
		keys: '↑↓/jk',
		short: {en: 'move', ja: '移動'},
		long: {en: '↑/↓ or j/k: move the highlight (❯)', ja: '↑/↓ または j/k: ❯ を移動'},
		on: ['choices', 'detect', 'gate'],
		drop: 6,
	},
	{
		keys: '1-9',
		short: {en: 'pick', ja: '選択'},
		long: {en: '1–9: choose that answer directly', ja: '1–9: その番号の回答を直接選ぶ'},
		on: ANSWERING,
		drop: 5,
	},
	{
		keys: 'Enter',
		short: {en: 'OK', ja: '決定'},
		long: {en: 'Enter: confirm the highlighted answer', ja: 'Enter: ❯ の回答で決定'},
		on: ANSWERING,
		drop: 1,
	},
	{
		keys: 'Space',
		short: {en: 'tick/untick', ja: '確認/取り消し'},
		long: {
			en: 'Space or Enter at a backup gate: tick the item under ❯, or untick it',
			ja: 'バックアップ確認で Space か Enter: ❯ の項目を確認、もう一度で取り消し',
		},
		on: ['gate'],
		drop: 1,
	},
	{
		keys: 'c',
		short: {en: 'cancel', ja: '中止'},
		long: {
			en: 'c or Esc at a backup gate: cancel (the safe way)',
			ja: 'バックアップ確認で c か Esc: 中止（安全な選択）',
		},
		on: ['gate'],
		drop: 0,
	},
	{
		keys: 'n',
		short: {en: 'not applicable', ja: '該当しない'},
		long: {
			en: 'n at a backup gate: mark the item under ❯ "not applicable here" and say why (Space takes it back)',
			ja: 'バックアップ確認で n: ❯ の項目を、理由を書いて「該当しない」にする（Space で取り消し）',
		},
		on: ['gate'],
		drop: 6,
	},
	{
		keys: 'c',
		short: {en: 'correct', ja: '修正'},
		long: {
			en: 'c at a detected-facts step: correct a fact',
			ja: '自動検出のステップで c: 情報を修正',
		},
		on: ['detect'],
		drop: 4,
	},
	{
		keys: 'b',
		short: {en: 'back', ja: '戻る'},
		long: {
			en: 'b, Backspace or ←: go back one step (the earlier answer is pre-selected)',
			ja: 'b、Backspace、←: 1 つ前に戻る（前の回答が選択された状態）',
		},
		on: ALL,
		drop: 3,
	},
	{
		keys: 'PgDn/PgUp',
		long: {en: 'PgDn/PgUp: scroll a long step', ja: 'PgDn/PgUp: 長いステップをスクロール'},
		on: [],
		drop: 9,
	},
	{
		keys: 'y',
		short: {en: 'copy', ja: 'コピー'},
		long: {
			en: 'y: copy the commands and links of this step to the clipboard (OSC 52)',
			ja: 'y: このステップのコマンドとリンクをクリップボードにコピー（OSC 52）',
		},
		on: ALL,
		drop: 7,
	},
	{
		keys: 'p',
		short: {en: 'show cut lines', ja: '省略行を表示'},
		long: {
			en: 'p: print lines cut with … whole, for copying',
			ja: 'p: … で省略した行を全体表示（コピー用）',
		},
		on: ALL,
		needsCut: true,
		drop: 8,
	},
	{
		keys: 'v',
		short: {en: 'read aloud', ja: '読み上げ'},
		long: {
			en: 'v: the step as short numbered sentences, to read to someone',
			ja: 'v: ステップを短い番号付きの文で表示（読み上げ用）',
		},
		on: ALL,
		drop: 10,
	},
	{
		keys: 's',
		long: {
			en: 's in the read-aloud view: show or fold the sources',
			ja: '読み上げ用の表示で s: 出典を表示／折りたたみ',
		},
		on: [],
		drop: 11,
	},
	{
		keys: 'r',
		short: {en: 'restart', ja: '最初から'},
		long: {en: 'r: restart from step 1 (asks first)', ja: 'r: 最初からやり直す（確認あり）'},
		on: ['end'],
		drop: 4,
	},
	{
		keys: 'l',
		short: {en: '日本語', ja: 'English'},
		long: {en: 'l: switch Japanese/English', ja: 'l: 日本語/英語の切り替え'},
		on: ALL,
		drop: 5,
	},
	{
		keys: '?',
		short: {en: 'help', ja: 'ヘルプ'},
		long: {en: '?: this help', ja: '?: このヘルプ'},
		on: ALL,
		drop: 0,
	},
	{
		keys: 'q',
		short: {en: 'quit', ja: '終了'},
		long: {
			en: 'q or Ctrl+C: quit (the session log keeps where you were)',
			ja: 'q または Ctrl+C: 終了（セッションログに途中まで残ります）',
		},
		on: ALL,
		drop: 2,
	},
];

const SEPARATOR = ' · ';

/** The footer for a screen: whole "key label" units, in at most `maxLines` lines of `width`. */
export function footerLines(
	context: KeyContext,
	language: Language,
	{width, maxLines, hasCut}: {width: number; maxLines: number; hasCut: boolean},
): string[] {
	let units = KEYMAP.filter(
		(binding) => binding.short && binding.on.includes(context) && (!binding.needsCut || hasCut),
	);
	for (;;) {
		const lines = pack(
			units.map((binding) => `${binding.keys} ${binding.short![language]}`),
			width,
		);
		if (lines.length <= maxLines || units.length <= 1) return lines.slice(0, maxLines);
		const dropped = units.reduce((worst, binding) => (binding.drop > worst.drop ? binding : worst));
		units = units.filter((binding) => binding !== dropped);
	}
}

/** The `?` help: every key, one line each. */
export function helpLines(language: Language): string[] {
	return KEYMAP.map((binding) => binding.long[language]);
}

/** The help for a small screen: every key with its short label (or the help line's words), packed. */
export function compactHelpLines(language: Language, width: number): string[] {
	return pack(
		KEYMAP.map(
			(binding) =>
				`${binding.keys} ${binding.short?.[language] ?? binding.long[language].slice(binding.long[language].indexOf(':') + 1).trim()}`,
		),
		width,
	);
}

function pack(units: string[], width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const unit of units) {
		const joined = line === '' ? unit : `${line}${SEPARATOR}${unit}`;
		if (line !== '' && textWidth(joined) > width) {
			lines.push(line);
			line = unit;
		} else line = joined;
	}
	if (line !== '') lines.push(line);
	return lines;
}
