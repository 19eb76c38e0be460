/**
 * What line mode says at its prompts (ja, en). Only the line-mode front end uses these; the texts
 * both front ends share stay in i18n/strings.ts.
 *
 * One rule for confirmations, said in every prompt that asks one: the whole word `yes` (or
 * `はい`). A single `y` is refused with that reason, at a backup gate and at restart alike.
 */
import type {Language} from '../flow/schema.js';

export type LineStrings = {
	promptChoice: (count: number, correctable: boolean) => string;
	gateItem: (index: number, total: number, text: string) => string;
	promptAck: string;
	confirmedItem: (index: number, total: number, text: string) => string;
	notApplicableItem: (index: number, total: number, text: string, reason: string) => string;
	promptGateDone: (total: number) => string;
	yesInFull: string;
	gateHint: string;
	restartConfirm: string;
	notRestarted: (typedY: boolean) => string;
	correctWhich: (names: readonly string[]) => string;
	factHint: (names: readonly string[]) => string;
	correctValue: (name: string, form: string) => string;
	valueRefused: (reason: string) => string;
	nothingCorrected: string;
	help: string[];
};

const en: LineStrings = {
	promptChoice: (count, correctable) =>
		`Answer 1-${count} (${correctable ? 'c correct a fact, ' : ''}b back, l language, ? help, q quit): `,
	gateItem: (index, total, text) => `Item ${index} of ${total}: ${text}`,
	promptAck:
		'Type yes once it is really done (na not applicable here, c cancel, the safe way; b back): ',
	confirmedItem: (index, total, text) => `Confirmed ${index} of ${total}: ${text}`,
	notApplicableItem: (index, total, text, reason) =>
		`Not applicable here ${index} of ${total}: ${text} (why: ${reason})`,
	promptGateDone: (total) =>
		`All ${total} backups confirmed. 1 cancel (the safe way), 2 continue: `,
	yesInFull:
		'type yes in full to confirm an item (a single y is not enough here), c to cancel (the safe way), or b to go back',
	gateHint: 'type yes once the item is really done, c to cancel (the safe way), or b to go back',
	restartConfirm:
		'Restart from step 1? Your answers so far are dropped. Type yes to restart (anything else stays): ',
	notRestarted: (typedY) =>
		typedY ? 'Not restarted: type yes in full to restart.' : 'Not restarted.',
	correctWhich: (names) =>
		`Which fact? ${names.map((name, index) => `${index + 1} ${name}`).join(', ')} (a number or a name; Enter keeps them): `,
	factHint: (names) => `type a number from 1 to ${names.length}, or one of ${names.join(', ')}`,
	correctValue: (name, form) => `New value for ${name} (${form}; Enter keeps it): `,
	valueRefused: (reason) => `${reason}. Type it again, or press Enter to keep the value.`,
	nothingCorrected: 'Nothing corrected.',
	help: [
		'Each prompt takes one line: the number (or id) of an answer, or one of the keys below.',
		'Detected facts and instructions are shown and the walk goes on by itself; only questions and backup items ask.',
		'After detected facts, c corrects one of them: the walk goes back to where they were checked.',
		'b goes back one step (later answers are dropped); r restarts (type yes to confirm).',
		'l switches between Japanese and English; ? shows this help; q quits.',
		'At a backup gate, type yes in full for each item you have really done; c cancels (the safe way).',
		'An item that cannot be done here: type na, its number, then why (kept in the session log).',
		'Commands are printed on their own lines: copy them exactly, then run them yourself.',
	],
};

const ja: LineStrings = {
	promptChoice: (count, correctable) =>
		`1-${count} で回答（${correctable ? 'c 環境情報を修正、' : ''}b 戻る、l 言語、? ヘルプ、q 終了）: `,
	gateItem: (index, total, text) => `項目 ${index}/${total}: ${text}`,
	promptAck: '実際に済ませたら yes と入力（na 該当しない、c 中止＝安全な選択、b 戻る）: ',
	confirmedItem: (index, total, text) => `確認済み ${index}/${total}: ${text}`,
	notApplicableItem: (index, total, text, reason) =>
		`該当しない ${index}/${total}: ${text}（理由: ${reason}）`,
	promptGateDone: (total) =>
		`${total} 件のバックアップをすべて確認しました。1 中止（安全な選択）、2 続行: `,
	yesInFull:
		'項目を確認するには yes と最後まで入力してください（ここでは y だけでは確認になりません）。中止（安全な選択）は c、戻るには b',
	gateHint: '実際に済ませた項目は yes、中止（安全な選択）は c、戻るには b と入力してください',
	restartConfirm:
		'最初からやり直しますか？ これまでの回答は取り消されます。やり直すなら yes と入力（それ以外はこのまま）: ',
	notRestarted: (typedY) =>
		typedY
			? 'やり直しませんでした。やり直すには yes と最後まで入力してください。'
			: 'やり直しませんでした。',
	correctWhich: (names) =>
		`どの情報を修正しますか？ ${names.map((name, index) => `${index + 1} ${name}`).join('、')}（番号か名前。Enter で修正しない）: `,
	factHint: (names) => `1-${names.length} の番号か、${names.join('、')} のどれかを入力してください`,
	correctValue: (name, form) => `${name}の新しい値（${form}。Enter で修正しない）: `,
	valueRefused: (reason) =>
		`${reason.replace(/。$/, '')}。もう一度入力するか、Enter で今の値のままにしてください。`,
	nothingCorrected: '修正しませんでした。',
	help: [
		'プロンプトごとに 1 行入力します: 回答の番号（または ID）か、次のキーです。',
		'検出した環境情報と手順は表示したまま自動で先に進みます。入力を求めるのは質問とバックアップの確認項目だけです。',
		'環境情報が表示された後は、c でその情報を修正できます（確認したステップに戻ります）。',
		'b で 1 つ前のステップに戻ります（それ以降の回答は取り消されます）。r で最初からやり直します（yes で確定）。',
		'l で日本語と英語を切り替えます。? でこのヘルプ、q で終了します。',
		'バックアップの確認では、実際に済ませた項目ごとに yes と最後まで入力します。c で中止します（安全な選択）。',
		'ここで実行できない項目は、na、項目の番号、理由の順に入力します（理由はセッションログに残ります）。',
		'コマンドはそれぞれ 1 行で表示されます。そのままコピーして、ご自身で実行してください。',
	],
};

export function lineStrings(language: Language): LineStrings {
	return language === 'ja' ? ja : en;
}

/** The whole word, in either language: a confirmation is never a single keystroke. */
export function isYes(text: string): boolean {
	return /^(yes|はい)$/i.test(text.trim());
}

export function isBareY(text: string): boolean {
	return /^y$/i.test(text.trim());
}
