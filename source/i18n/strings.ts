/** UI strings in every language the app speaks. Flow content is localized in the flow itself. */
import type {FactName, Language, Outcome} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import type {FactOrigin, FactRefusal} from '../facts/fact-values.js';

/** A probe that did not deliver: its English line, and what a translation needs to say it. */
export type DetectionProblem = {
	text: string;
	tool?: string;
	missed?: readonly FactName[];
	cancelled: boolean;
};

type Strings = {
	step: (number: number, id: string) => string;
	outcome: Record<Outcome, string>;
	outcomeLabel: string;
	tellHelpdesk: string;
	helpdeskContact: string;
	sources: string;
	verified: (date: string) => string;
	outdated: (date: string) => string;
	detected: string;
	unknownFact: string;
	origin: Record<FactOrigin, string>;
	detectNext: (id: string) => string;
	gateHint: string;
	gateHintKeys: string;
	footerMore: (from: number, to: number, total: number) => string;
	continueTo: (id: string) => string;
	continueLabel: string;
	correctLabel: string;
	correctTitle: string;
	correctEntry: (name: string, form: string) => string;
	correctKeys: string;
	restartKeys: string;
	helpTitle: string;
	helpClose: string;
	/** The last line of the ? help (the keys come from ui/keymap.ts). */
	helpNote: string;
	printedCommands: string;
	logAt: (path: string) => string;
	gateWhy: string;
	gateCancel: string;
	gateProceed: string;
	gateProceedLocked: (done: number, total: number) => string;
	acknowledged: string;
	notAcknowledged: string;
	invalidAnswer: (input: string, hint: string) => string;
	choicesHint: (count: number) => string;
	/** Back at a step, named by its title (the id stays in the step header below). */
	wentBack: (number: number, name: string) => string;
	droppedAnswers: (list: string) => string;
	droppedAcks: (list: string) => string;
	atStart: string;
	restartConfirm: string;
	restarted: string;
	languageSwitched: string;
	corrected: (name: string, value: string) => string;
	commandFor: (shell: string) => string;
	quit: (number: number, id: string) => string;
	inputEnded: (number: number, id: string) => string;
	gateNeedsPerson: (number: number, id: string) => string;
	finished: string;
	detecting: string;
	detectionProblem: (problem: DetectionProblem) => string;
	role: {'admin-box': string; 'session-host': string};
	/** A value of the build table's row that the row does not state. */
	rowValueUnknown: string;
	/** The form a fact's value takes, for correcting it on screen. */
	factForm: Record<FactName, string>;
	/** A corrected value that does not have that form. */
	factInvalid: (name: string, value: string, form: string) => string;
	/** A --fact or facts-file value refused (flags and fact ids stay as typed). */
	factRefused: (refusal: FactRefusal) => string;
	/** A facts file that names a fact twice. */
	factGivenTwice: (name: string, firstLine: number) => string;
	/** A backup item marked "not applicable here". */
	notApplicableMark: string;
	notApplicableReason: (reason: string) => string;
	naHint: string;
	naWhich: (numbers: string) => string;
	naReason: string;
	naReasonTooShort: string;
	naTitle: (item: string) => string;
	naKeys: string;
	/** The broken update's KB, where the row does not state it. */
	rowBrokenKbUnknown: string;
	/** The build is known and belongs to another product than the one picked or given. */
	rowConflict: (build: string, row: string, named: string) => string;
	/** Fact names as people say them (the ids, os.build etc., stay in flags, facts files and the log). */
	factNames: Record<FactName, string>;
	tooSmall: (columns: number, rows: number) => string;
	sourcesFolded: (count: number) => string;
	copied: (index: number, total: number) => string;
	nothingToCopy: string;
	reading: string;
};

const shellNames: Record<string, string> = {powershell: 'PowerShell', cmd: 'Command Prompt (cmd)'};
/** The same shells as Windows names them on a Japanese screen. */
const shellNamesJa: Record<string, string> = {
	powershell: 'PowerShell',
	cmd: 'コマンド プロンプト (cmd)',
};

/** 2026-12-02 → 2026年12月2日: a Japanese sentence does not carry an ISO date. */
function japaneseDate(date: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : date;
}

export const STRINGS: Record<Language, Strings> = {
	en: {
		step: (number, id) => `Step ${number} · ${id}`,
		outcome: {
			resolved: 'Resolved',
			workaround: 'Workaround in use',
			escalate: 'Contact the helpdesk',
			recovery: 'Data recovery',
		},
		outcomeLabel: 'Outcome',
		tellHelpdesk: 'Tell the helpdesk',
		helpdeskContact: 'Helpdesk',
		sources: 'Sources',
		verified: (date) => `Verified ${date}`,
		outdated: (date) =>
			`⚠ This advice was due for review on ${date} and may be outdated: check the sources below for newer updates.`,
		detected: 'About this PC',
		unknownFact: '(unknown)',
		origin: {
			detected: 'detected',
			flag: 'given by --fact',
			file: 'from --facts file',
			answered: 'answered',
			corrected: 'corrected',
		},
		detectNext: (id) => `→ next: ${id}`,
		gateHint:
			'type yes for the next item once it is really done, c to cancel (the safe way), or b to go back',
		gateHintKeys:
			'Confirm each item first: move to it and press Space or Enter. c cancels (the safe way).',
		footerMore: (from, to, total) => `lines ${from}-${to} of ${total} · PgDn/PgUp scroll`,
		continueTo: (id) => `Continue → ${id}`,
		continueLabel: 'Continue',
		correctLabel: 'Correct a fact',
		correctTitle: 'Which fact is wrong?',
		correctEntry: (name, form) => `${name} — ${form}`,
		correctKeys: 'Enter save · Esc cancel',
		restartKeys: 'y restart · any other key: stay',
		helpTitle: 'Help',
		helpClose: 'Press any key to go back to the step.',
		helpNote: 'Commands are shown to copy and run yourself; this app never runs them.',
		printedCommands: 'In full, for copying (press any key to go back):',
		logAt: (path) => `Session log: ${path}`,
		gateWhy:
			'Uninstalling an update or running System Restore can fail and cost you files. Back up first.',
		gateCancel: 'Cancel (the safe way)',
		gateProceed: 'Continue',
		gateProceedLocked: (done, total) => `Continue (locked: ${done} of ${total} confirmed)`,
		acknowledged: '[x]',
		notAcknowledged: '[ ]',
		invalidAnswer: (input, hint) => `"${input}" is not an answer here: ${hint}`,
		choicesHint: (count) => `type a number from 1 to ${count}, or the answer's id`,
		wentBack: (number, name) => `Back to step ${number} · ${name}`,
		droppedAnswers: (list) => `Dropped answers: ${list}`,
		droppedAcks: (list) => `Dropped backup confirmations: ${list}`,
		atStart: 'Already at the first step.',
		restartConfirm: 'Restart from step 1? Your answers so far are dropped. (y/N): ',
		restarted: 'Restarted.',
		languageSwitched: 'Language: English',
		corrected: (name, value) => `${name} set to ${value}.`,
		commandFor: (shell) => `${shellNames[shell] ?? shell}:`,
		quit: (number, id) =>
			`Stopped at step ${number} · ${id}. Nothing was changed on this computer.`,
		inputEnded: (number, id) => `Input ended before the triage finished (step ${number} · ${id}).`,
		gateNeedsPerson: (number, id) =>
			`Step ${number} · ${id} is a backup gate: a person must confirm each backup. Scripted answers never confirm it; name each item as ack:ITEM in --answers only if it was really done, or run interactively.`,
		finished: 'Done.',
		detecting: 'Detecting this computer…',
		detectionProblem: ({text}) => `Detection: ${text}. Answer the questions instead.`,
		role: {
			'admin-box':
				"This computer is not the PC that fails to connect (it is not Windows): answer for the user's PC.",
			'session-host':
				'This runs inside a remote session (a Cloud PC or session host): answer for the device you connect from.',
		},
		rowValueUnknown: '(not stated)',
		factForm: {
			'os.family': 'windows | linux | darwin',
			'os.product': 'a product name, e.g. "Windows 11", "Windows 10", "Windows Server 2025"',
			'os.version': 'a version like 24H2, 25H2, 23H2 or 22H2',
			'os.build': 'the OS build winver shows, e.g. 26100.7623',
			'os.remoteSession': 'true | false',
			hotfixes: 'KB numbers separated by commas, e.g. KB5077744,KB5074109',
			'app.role': 'client | session-host | admin-box',
		},
		factInvalid: (name, value, form) => `${name} "${value}" is not valid: expected ${form}`,
		factRefused: (refusal) => refusal.message,
		factGivenTwice: (name, firstLine) =>
			`${name} is given twice (first at line ${firstLine}); keep one`,
		notApplicableMark: '[–]',
		notApplicableReason: (reason) => `not applicable here: ${reason}`,
		naHint:
			'If an item cannot be done here (e.g. Windows Backup is turned off on a work PC), type na to mark it "not applicable here" and say why.',
		naWhich: (numbers) => `Which item is not applicable here? (${numbers}): `,
		naReason: 'Why does it not apply here? (a few words, kept in the session log): ',
		naReasonTooShort: 'Say why in a few words; the item stays unconfirmed.',
		naTitle: (item) => `Not applicable here: ${item}`,
		naKeys: 'Type why it does not apply here · Enter save · Esc cancel',
		rowBrokenKbUnknown: 'the update installed in January 2026; its KB number is not stated here',
		rowConflict: (build, row, named) =>
			`Build ${build} is ${row}, not ${named}: the advice below follows the build. If the build is wrong, press c to correct it.`,
		factNames: {
			'os.family': 'Operating system',
			'os.product': 'Windows product',
			'os.version': 'Windows version',
			'os.build': 'OS build',
			'os.remoteSession': 'Remote session',
			hotfixes: 'Installed updates',
			'app.role': 'Where this runs',
		},
		tooSmall: (columns, rows) =>
			`Terminal too small: needs ${columns}×${rows}. Enlarge the window, or press q to quit.`,
		sourcesFolded: (count) => `Sources: ${count} (s shows them)`,
		copied: (index, total) =>
			`Copied to the clipboard (${index} of ${total}; y again copies the next). If your terminal does not support that (OSC 52; in tmux: set -g set-clipboard on), copy it from here. Any key goes back.`,
		nothingToCopy: 'This step has no command or link to copy.',
		reading: 'Read-aloud view (v returns to the full step)',
	},
	ja: {
		step: (number, id) => `ステップ ${number} · ${id}`,
		outcome: {
			resolved: '解決',
			workaround: '回避策で作業中',
			escalate: 'ヘルプデスクに連絡',
			recovery: 'データの回復',
		},
		outcomeLabel: '結果',
		tellHelpdesk: 'ヘルプデスクに伝えること',
		helpdeskContact: 'ヘルプデスク',
		sources: '出典',
		verified: (date) => `確認日: ${japaneseDate(date)}`,
		outdated: (date) =>
			`⚠ この案内は ${japaneseDate(date)}に見直す予定でした。情報が古い可能性があります。下の出典で新しい更新プログラムを確認してください。`,
		detected: 'この PC の情報',
		unknownFact: '（不明）',
		origin: {
			detected: '自動検出',
			flag: '--fact で指定',
			file: '--facts ファイル',
			answered: '回答',
			corrected: '修正',
		},
		detectNext: (id) => `→ 次: ${id}`,
		gateHint: '実際に済ませた項目は yes、中止（安全な選択）は c、戻るには b と入力してください',
		gateHintKeys:
			'先に各項目を確認してください: 項目に移動して Space か Enter。c で中止（安全な選択）。',
		footerMore: (from, to, total) => `${total} 行中 ${from}-${to} 行 · PgDn/PgUp でスクロール`,
		continueTo: (id) => `続行 → ${id}`,
		continueLabel: '続行',
		correctLabel: '環境情報を修正する',
		correctTitle: 'どの情報が違いますか？',
		correctEntry: (name, form) => `${name} — ${form}`,
		correctKeys: 'Enter 保存 · Esc 取り消し',
		restartKeys: 'y 最初から · その他のキー: このまま',
		helpTitle: 'ヘルプ',
		helpClose: '何かキーを押すとステップに戻ります。',
		helpNote:
			'コマンドはコピーしてご自身で実行するためのものです。このアプリが実行することはありません。',
		printedCommands: '全体表示（コピー用。何かキーを押すと戻ります）:',
		logAt: (path) => `セッションログ: ${path}`,
		gateWhy:
			'更新プログラムのアンインストールやシステムの復元は失敗することがあり、ファイルを失うおそれがあります。先にバックアップしてください。',
		gateCancel: '中止する（安全な選択）',
		gateProceed: '続行する',
		gateProceedLocked: (done, total) => `続行する（確認済み ${done}/${total}）`,
		acknowledged: '[x]',
		notAcknowledged: '[ ]',
		invalidAnswer: (input, hint) => `「${input}」はここでは選べません: ${hint}`,
		choicesHint: (count) => `1 から ${count} の番号か、回答の ID を入力してください`,
		wentBack: (number, name) => `ステップ ${number}「${name}」に戻りました。`,
		droppedAnswers: (list) => `取り消した回答: ${list}`,
		droppedAcks: (list) => `取り消したバックアップ確認: ${list}`,
		atStart: 'すでに最初のステップです。',
		restartConfirm: '最初からやり直しますか？ これまでの回答は取り消されます。(y/N): ',
		restarted: '最初からやり直します。',
		languageSwitched: '言語: 日本語',
		corrected: (name, value) => `${name}を ${value} にしました。`,
		commandFor: (shell) => `${shellNamesJa[shell] ?? shell}:`,
		quit: (number, id) =>
			`ステップ ${number} · ${id} で終了しました。このコンピューターには何も変更を加えていません。`,
		inputEnded: (number, id) =>
			`入力が終わりましたが、案内は最後まで進んでいません（ステップ ${number} · ${id}）。`,
		gateNeedsPerson: (number, id) =>
			`ステップ ${number} · ${id} はバックアップの確認です。各項目は本人が確認する必要があります。スクリプトの回答では確認しません。実際に済ませた項目だけを --answers に ack:項目ID として書くか、対話形式で実行してください。`,
		finished: '完了しました。',
		detecting: 'このコンピューターを確認しています…',
		// The English line's detail (tool output, durations) stays out: the tool and what was not read.
		detectionProblem: ({tool, missed, cancelled}) => {
			if (cancelled) return '自動検出を中止しました。質問に答えてください。';
			const what = missed
				? [...new Set(missed.map((name) => STRINGS.ja.factNames[name]))].join('、')
				: '一部の情報';
			// A space between Latin and Japanese text only, as Windows writes "reg query で OS ビルド".
			const by = tool ? `${tool} で${/^[\x21-\x7e]/.test(what) ? ' ' : ''}` : '';
			return `自動検出: ${by}${what}を読み取れませんでした。質問に答えてください。`;
		},
		role: {
			'admin-box':
				'このコンピューターは接続できない PC ではありません（Windows ではありません）。利用者の PC について答えてください。',
			'session-host':
				'リモートセッション（クラウド PC またはセッションホスト）の中で実行しています。接続元のデバイスについて答えてください。',
		},
		rowValueUnknown: '（情報なし）',
		factForm: {
			'os.family': 'windows、linux、darwin のいずれか',
			'os.product': '製品名（例: Windows 11、Windows 10、Windows Server 2025）',
			'os.version': 'バージョン（例: 24H2、25H2、23H2、22H2）',
			'os.build': 'winver に表示される OS ビルド（例: 26100.7623）',
			'os.remoteSession': 'true か false',
			hotfixes: 'KB 番号をコンマで区切って（例: KB5077744,KB5074109）',
			'app.role': 'client、session-host、admin-box のいずれか',
		},
		factInvalid: (name, value, form) =>
			`${name}${/[\x21-\x7e]$/.test(name) ? ' ' : ''}の値「${value}」は使えません。${form}で入力してください。`,
		factRefused: (refusal) => {
			if (refusal.kind === 'not-assignment')
				return `--fact "${refusal.assignment}" は 名前=値 の形ではありません。例: --fact os.build=26100.7623`;
			if (refusal.kind === 'unknown') {
				return `「${refusal.name}」という環境情報はありません${refusal.near ? `（${refusal.near} のことですか？）` : ''}。指定できるのは ${FACT_NAMES.join(', ')} です。`;
			}
			return STRINGS.ja.factInvalid(refusal.name, refusal.text, STRINGS.ja.factForm[refusal.name]);
		},
		factGivenTwice: (name, firstLine) =>
			`${name} が 2 回指定されています（最初は ${firstLine} 行目）。どちらか 1 つにしてください。`,
		notApplicableMark: '[–]',
		notApplicableReason: (reason) => `該当しない: ${reason}`,
		naHint:
			'この環境では実行できない項目（会社の PC で Windows バックアップが無効になっている場合など）は、na と入力すると理由を書いて「該当しない」にできます。',
		naWhich: (numbers) => `「該当しない」にする項目の番号（${numbers}）: `,
		naReason: '該当しない理由（セッションログに残ります）: ',
		naReasonTooShort: '理由を短い言葉で書いてください。この項目は未確認のままです。',
		naTitle: (item) => `該当しない: ${item}`,
		naKeys: '該当しない理由を入力 · Enter 保存 · Esc 取り消し',
		rowBrokenKbUnknown: '2026年1月に入った更新プログラム。KB 番号はここでは示せません',
		rowConflict: (build, row, named) =>
			`ビルド ${build} は ${named} ではなく ${row} のビルドです。以下はビルドに合わせた案内です。ビルドが違う場合は c で修正してください。`,
		factNames: {
			'os.family': 'OS の種類',
			'os.product': 'Windows の製品名',
			'os.version': 'Windows のバージョン',
			'os.build': 'OS ビルド',
			'os.remoteSession': 'リモートセッション',
			hotfixes: 'インストール済みの更新プログラム',
			'app.role': '実行している場所',
		},
		tooSmall: (columns, rows) =>
			`端末が小さすぎます: ${columns}×${rows} 以上が必要です。ウィンドウを広げるか、q で終了してください。`,
		sourcesFolded: (count) => `出典: ${count} 件（s で表示）`,
		copied: (index, total) =>
			`クリップボードにコピーしました（${total} 件中 ${index} 件目。もう一度 y で次をコピー）。端末が対応していない場合（OSC 52。tmux では set -g set-clipboard on）は、ここからコピーしてください。何かキーを押すと戻ります。`,
		nothingToCopy: 'このステップにはコピーできるコマンドやリンクがありません。',
		reading: '読み上げ用の表示（v で通常の表示に戻ります）',
	},
};

export function strings(language: Language): Strings {
	return STRINGS[language];
}
