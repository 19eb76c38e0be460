/**
 * Words for the session commands (sessions, export, watch) and log notices, in every language the
 * app speaks. Kept beside the session code rather than in i18n/strings.ts so the front ends' UI
 * strings and these can change independently.
 */
import type {Language} from '../flow/schema.js';
import type {InterruptedEvent} from './events.js';
import type {DirProblem} from './log-file.js';

type Reason = InterruptedEvent['reason'];

type SessionStrings = {
	languageName: Record<Language, string>;
	reason: Record<Reason, string>;
	interrupted: (reason: string) => string;
	inProgress: string;
	/** Short names for counting sessions by how they ended. */
	endKind: Record<'interrupted' | 'unfinished' | 'in-progress', string>;
	unfinished: string;
	tornLastLine: (file: string) => string;
	badLine: (file: string, line: number) => string;
	// Log notices (one line each).
	logMoved: (reason: string, path: string) => string;
	logOff: (reason: string) => string;
	logTornRemoved: (path: string) => string;
	// sessions
	sessionsIn: (dir: string) => string;
	noSessions: (dir: string) => string;
	moreSessions: (shown: number, total: number) => string;
	unreadable: (file: string, message: string) => string;
	// sessions --stats
	statsHeading: (count: number, dir: string) => string;
	statsOutcomes: string;
	statsStopped: string;
	statsStoppedNone: string;
	statsStepTimes: string;
	statsStepTime: (node: string, median: string, samples: number) => string;
	statsLocal: string;
	// export
	exportTitle: (id: string) => string;
	result: string;
	started: string;
	lastEvent: string;
	sessionLanguage: string;
	app: string;
	flow: string;
	flowFile: string;
	flowHash: string;
	facts: string;
	noFacts: string;
	factColumn: string;
	valueColumn: string;
	originColumn: string;
	timeline: string;
	sessionStarted: (flow: string, language: string) => string;
	automatic: string;
	continuedTo: (next: string) => string;
	confirmed: (item: string) => string;
	/** A backup item marked not applicable here, and why (the reason is the person's words). */
	notApplicable: (item: string, reason: string) => string;
	unconfirmed: (item: string) => string;
	wentBack: (to: string) => string;
	droppedAnswers: (list: string) => string;
	droppedAcks: (list: string) => string;
	restarted: string;
	factSet: (name: string, value: string, origin: string) => string;
	languageSwitched: (language: string) => string;
	outcomeReached: (outcome: string) => string;
	interruptedAt: (reason: string) => string;
	outcomeHeading: string;
	notFinished: (status: string, where: string) => string;
	flowUnavailable: (why: string) => string;
	flowChanged: string;
	flowMissing: string;
	redactedNote: (list: string) => string;
	warningsHeading: string;
	// the summary at the top of an export
	summaryHeading: string;
	summaryMachine: (name: string | undefined, build: string | undefined) => string;
	summaryFixNeeded: (kb: string | undefined, build: string) => string;
	summaryFixInstalled: (kb: string | undefined, build: string) => string;
	summaryFixUnknownBuild: (kb: string | undefined, build: string) => string;
	summaryOutcome: (outcome: string) => string;
	summaryNotFinished: (status: string, where: string) => string;
	summaryEarlier: (outcome: string, time: string, how: 'back' | 'restart') => string;
	earlierNote: (list: string) => string;
	newestSession: (id: string, started: string) => string;
	knownBuild: (known: string) => string;
	resumeHint: (command: string) => string;
	// personal data (shown before an export)
	personalFound: (list: string) => string;
	personalNone: string;
	personalRedacted: (count: number) => string;
	personalKind: Record<'user' | 'host' | 'ip' | 'email', string>;
	// watch
	watching: (id: string, flow: string, started: string) => string;
	watchHint: string;
	watchPath: string;
	watchTextMode: (why: string) => string;
	watchEnded: (outcome: string) => string;
	watchOutcomeReached: (outcome: string) => string;
	watchWaiting: (dir: string) => string;
	watchInterrupted: (reason: string, where: string) => string;
	watchWriterGone: string;
	// The story check (story-check.ts)
	storyBroken: (file: string, event: number, problem: string) => string;
	storyMark: (event: number) => string;
	/** The writer stopped at the size limits a reader accepts (limits.ts). */
	logLimit: (megabytes: number, lineKilobytes: number) => string;
	/** Why a log directory is not used (log-file.ts), with the fix. */
	dirProblem: (problem: DirProblem) => string;
	/** `sessions`: other users' logs left out. */
	othersSessions: (count: number) => string;
	watchStopped: string;
	watchNotASession: (file: string) => string;
	// settings
	settingsCorrupt: (file: string, reason: string, copy: string) => string;
	settingsUnreadable: (file: string, reason: string) => string;
};

export const SESSION_STRINGS: Record<Language, SessionStrings> = {
	en: {
		languageName: {en: 'English', ja: 'Japanese'},
		reason: {
			SIGINT: 'Ctrl+C',
			SIGTERM: 'stopped by the system (SIGTERM)',
			SIGHUP: 'the connection dropped (SIGHUP)',
			SIGQUIT: 'stopped with Ctrl+\\ (SIGQUIT)',
			quit: 'the user quit',
			eof: 'the input ended',
			gate: 'a backup gate needs a person',
		},
		interrupted: (reason) => `interrupted (${reason})`,
		inProgress: 'in progress',
		endKind: {interrupted: 'interrupted', unfinished: 'unfinished', 'in-progress': 'in progress'},
		unfinished: 'unfinished (the program stopped without a word)',
		tornLastLine: (file) =>
			`${file}: the last line was cut short (the program stopped while writing it) and was ignored`,
		badLine: (file, line) => `${file}: line ${line} is not a valid event and was skipped`,
		logMoved: (reason, path) =>
			`The session log could not be written (${reason}); this session is logged to ${path} instead.`,
		logOff: (reason) =>
			`The session log could not be written anywhere (${reason}); logging is off for this session.`,
		logTornRemoved: (path) =>
			`The last line of ${path} was cut short (the program stopped while writing it) and was removed before resuming.`,
		sessionsIn: (dir) => `Sessions in ${dir}, newest first:`,
		noSessions: (dir) => `No sessions in ${dir}.`,
		moreSessions: (shown, total) => `(${shown} of ${total} shown; --limit N shows more)`,
		unreadable: (file, message) => `${file}: skipped: ${message}`,
		statsHeading: (count, dir) => `${count} session(s) in ${dir}`,
		statsOutcomes: 'Outcomes per flow version:',
		statsStopped: 'Where unfinished sessions stopped:',
		statsStoppedNone: '  (none)',
		statsStepTimes: 'Time per step (median of answers given by a person):',
		statsStepTime: (node, median, samples) => `  ${node}: ${median} (${samples} answer(s))`,
		statsLocal: 'Computed from the local logs only; nothing is sent anywhere.',
		exportTitle: (id) => `w365-triage session ${id}`,
		result: 'Result',
		started: 'Started',
		lastEvent: 'Last event',
		sessionLanguage: 'Language',
		app: 'App',
		flow: 'Flow',
		flowFile: 'Flow file',
		flowHash: 'Flow hash (sha256)',
		facts: 'Facts',
		noFacts: 'No facts were detected or given.',
		factColumn: 'Fact',
		valueColumn: 'Value',
		originColumn: 'Where it came from',
		timeline: 'What happened',
		sessionStarted: (flow, language) => `session started (${flow}, ${language})`,
		automatic: ' (automatic)',
		continuedTo: (next) => `continued to ${next}`,
		confirmed: (item) => `backup confirmed: ${item}`,
		notApplicable: (item, reason) =>
			`backup item marked not applicable here: ${item}; reason: ${reason}`,
		unconfirmed: (item) => `backup confirmation taken back: ${item}`,
		wentBack: (to) => `went back to ${to}`,
		droppedAnswers: (list) => `dropped answers: ${list}`,
		droppedAcks: (list) => `dropped backup confirmations: ${list}`,
		restarted: 'restarted from step 1',
		factSet: (name, value, origin) => `fact ${name} set to ${value} (${origin})`,
		languageSwitched: (language) => `language switched to ${language}`,
		outcomeReached: (outcome) => `outcome: ${outcome}`,
		interruptedAt: (reason) => `interrupted: ${reason}`,
		outcomeHeading: 'Outcome',
		notFinished: (status, where) => `Not finished: ${status} at ${where}.`,
		flowUnavailable: (why) => `The flow's text is not shown: ${why}. Answers are listed by id.`,
		flowChanged: 'the flow file has changed since this session (its hash differs)',
		flowMissing: 'the flow file cannot be loaded',
		redactedNote: (list) => `Personal data was replaced by placeholders: ${list}.`,
		warningsHeading: 'Notes on the log',
		summaryHeading: 'Summary',
		summaryMachine: (name, build) =>
			name && build
				? `${name}, build ${build}`
				: name
					? `${name} (build not known)`
					: build
						? `Build ${build}`
						: 'Windows version and build not known',
		summaryFixNeeded: (kb, build) => `install ${kb ?? 'the fixed update'} or later (${build}+)`,
		summaryFixInstalled: (kb, build) =>
			`the fix is already installed (${build}+${kb ? `, ${kb}` : ''})`,
		summaryFixUnknownBuild: (kb, build) =>
			`the fix is ${kb ?? 'the update'} or later (${build}+): check the build`,
		summaryOutcome: (outcome) => `Outcome: ${outcome}.`,
		summaryNotFinished: (status, where) => `Not finished (${status}) at ${where}.`,
		summaryEarlier: (outcome, time, how) =>
			`It reached "${outcome}" at ${time}, then ${how === 'restart' ? 'the session was restarted' : 'the user went back'}.`,
		earlierNote: (list) => `earlier: ${list}`,
		knownBuild: (known) => `For the record: ${known}.`,
		resumeHint: (command) => `To continue where you stopped: ${command}`,
		newestSession: (id, started) =>
			`Exporting the newest session, ${id} (started ${started}); name one to export another (w365-triage sessions lists them).`,
		personalFound: (list) => `Personal data in this session: ${list}. Use --redact to replace it.`,
		personalNone: 'No personal data (user or host names, IP addresses) was found in this session.',
		personalRedacted: (count) => `${count} personal value(s) replaced by placeholders.`,
		personalKind: {user: 'user name', host: 'host name', ip: 'IP address', email: 'e-mail address'},
		watching: (id, flow, started) =>
			`Watching session ${id} (${flow}, started ${started}). Read-only; Ctrl+C stops watching.`,
		watchHint: 'Each change is shown as a new block below.',
		watchPath: 'Path so far',
		watchTextMode: (why) => `Showing the events as text: ${why}.`,
		watchEnded: (outcome) => `The session ended: ${outcome}.`,
		watchOutcomeReached: (outcome) =>
			`Outcome reached: ${outcome}. Still watching while the program runs: the user can go back or restart from here.`,
		watchWaiting: (dir) =>
			`Waiting for the next session of this user to start in ${dir} (Ctrl+C stops)…`,
		watchInterrupted: (reason, where) => `The session was interrupted at ${where}: ${reason}.`,
		watchWriterGone:
			'The program writing this session is no longer running; still watching in case it is resumed (Ctrl+C stops).',
		storyBroken: (file, event, problem) =>
			`${file} stops making sense at event ${event}: ${problem}. From there on it shows what the file says, not what happened.`,
		storyMark: (event) => `⚠ inconsistent from event ${event}`,
		logLimit: (megabytes, lineKilobytes) =>
			`the log reached its size limit (${megabytes} MB, ${lineKilobytes} KB a line)`,
		dirProblem: (problem) => {
			const {dir} = problem;
			switch (problem.kind) {
				case 'symlink':
					return `the log directory ${dir} is a symbolic link, which another user could point elsewhere; give the real directory as --log-dir (or the logDir setting)`;
				case 'file':
					return `ENOTDIR: ${dir} is a file, not a directory`;
				case 'part-file':
					return `ENOTDIR: part of the path ${dir} is a file, not a directory`;
				case 'other-owner':
					return `the log directory ${dir} belongs to another user (uid ${problem.uid}), who could plant or swap logs in it; use a directory of your own (--log-dir or the logDir setting)`;
				case 'writable':
					return `the log directory ${dir} can be written by other users, who could swap logs in it; make it private (chmod 700 ${dir}), or give it the sticky bit (chmod 1777) if it is shared on purpose`;
				case 'unusable':
					return `the log directory ${dir} cannot be used (${problem.reason}); choose another --log-dir (or the logDir setting)`;
			}
		},
		othersSessions: (count) =>
			`${count} session log(s) of other users in this directory are not shown.`,
		watchStopped: 'Stopped watching.',
		watchNotASession: (file) =>
			`${file} is not a session log: its first line is not a start event, so there is nothing to watch. Check the session id or path (w365-triage sessions lists them).`,
		settingsCorrupt: (file, reason, copy) =>
			`The settings file ${file} is not valid (${reason}): defaults are used; the old file was kept as ${copy} — fix it and move it back, or delete it.`,
		settingsUnreadable: (file, reason) =>
			`The settings in ${file} cannot be used (${reason}): defaults are used for this run.`,
	},
	ja: {
		languageName: {en: '英語', ja: '日本語'},
		reason: {
			SIGINT: 'Ctrl+C',
			SIGTERM: 'システムによる停止 (SIGTERM)',
			SIGHUP: '接続の切断 (SIGHUP)',
			SIGQUIT: 'Ctrl+\\ による停止 (SIGQUIT)',
			quit: '利用者が終了',
			eof: '入力の終了',
			gate: 'バックアップ確認に本人が必要',
		},
		interrupted: (reason) => `中断（${reason}）`,
		inProgress: '実行中',
		endKind: {interrupted: '中断', unfinished: '未完了', 'in-progress': '実行中'},
		unfinished: '未完了（プログラムが予告なく停止）',
		tornLastLine: (file) =>
			`${file}: 最後の行が途中で切れていたため無視しました（書き込み中にプログラムが停止しました）`,
		badLine: (file, line) => `${file}: ${line} 行目は正しいイベントではないため読み飛ばしました`,
		logMoved: (reason, path) =>
			`セッションログを書き込めませんでした（${reason}）。このセッションは代わりに ${path} に記録します。`,
		logOff: (reason) =>
			`セッションログをどこにも書き込めませんでした（${reason}）。このセッションは記録しません。`,
		logTornRemoved: (path) =>
			`${path} の最後の行が途中で切れていたため、再開の前に取り除きました（書き込み中にプログラムが停止しました）。`,
		sessionsIn: (dir) => `${dir} のセッション（新しい順）:`,
		noSessions: (dir) => `${dir} にセッションはありません。`,
		moreSessions: (shown, total) => `（${total} 件中 ${shown} 件を表示。--limit N でさらに表示）`,
		unreadable: (file, message) => `${file}: 読み飛ばしました: ${message}`,
		statsHeading: (count, dir) => `${dir} のセッション ${count} 件`,
		statsOutcomes: 'フローのバージョンごとの結果:',
		statsStopped: '完了しなかったセッションが止まった場所:',
		statsStoppedNone: '  （なし）',
		statsStepTimes: 'ステップごとの所要時間（本人の回答の中央値）:',
		statsStepTime: (node, median, samples) => `  ${node}: ${median}（回答 ${samples} 件）`,
		statsLocal:
			'この集計はこのコンピューター上のログだけから計算しています。どこにも送信しません。',
		exportTitle: (id) => `w365-triage セッション ${id}`,
		result: '結果',
		started: '開始',
		lastEvent: '最後の記録',
		sessionLanguage: '言語',
		app: 'アプリ',
		flow: 'フロー',
		flowFile: 'フローのファイル',
		flowHash: 'フローのハッシュ (sha256)',
		facts: '環境情報',
		noFacts: '検出または指定された環境情報はありません。',
		factColumn: '項目',
		valueColumn: '値',
		originColumn: '情報元',
		timeline: '経過',
		sessionStarted: (flow, language) => `セッション開始（${flow}、${language}）`,
		automatic: '（自動）',
		continuedTo: (next) => `${next} へ進んだ`,
		confirmed: (item) => `バックアップを確認: ${item}`,
		notApplicable: (item, reason) =>
			`バックアップの項目を「該当しない」にしました: ${item}。理由: ${reason}`,
		unconfirmed: (item) => `バックアップの確認を取り消し: ${item}`,
		wentBack: (to) => `${to} に戻った`,
		droppedAnswers: (list) => `取り消した回答: ${list}`,
		droppedAcks: (list) => `取り消したバックアップ確認: ${list}`,
		restarted: 'ステップ 1 からやり直した',
		factSet: (name, value, origin) => `環境情報 ${name} を ${value} にした（${origin}）`,
		languageSwitched: (language) => `言語を${language}に切り替えた`,
		outcomeReached: (outcome) => `結果: ${outcome}`,
		interruptedAt: (reason) => `中断: ${reason}`,
		outcomeHeading: '結果',
		notFinished: (status, where) => `完了していません: ${where} で${status}。`,
		flowUnavailable: (why) => `フローの文言は表示していません（${why}）。回答は ID で示します。`,
		flowChanged: 'このセッションの後でフローのファイルが変更されています（ハッシュが異なります）',
		flowMissing: 'フローのファイルを読み込めません',
		redactedNote: (list) => `個人情報はプレースホルダーに置き換えています: ${list}。`,
		warningsHeading: 'ログについての注意',
		summaryHeading: '概要',
		summaryMachine: (name, build) =>
			name && build
				? `${name}、ビルド ${build}`
				: name
					? `${name}（ビルド不明）`
					: build
						? `ビルド ${build}`
						: 'Windows のバージョンとビルドは不明',
		summaryFixNeeded: (kb, build) =>
			`${kb ?? '修正済みの更新プログラム'} 以降をインストール（${build} 以上）`,
		summaryFixInstalled: (kb, build) => `修正は適用済み（${build} 以上${kb ? `、${kb}` : ''}）`,
		summaryFixUnknownBuild: (kb, build) =>
			`修正は ${kb ?? '更新プログラム'} 以降（${build} 以上）。ビルドを確認してください`,
		summaryOutcome: (outcome) => `結果: ${outcome}。`,
		summaryNotFinished: (status, where) => `未完了（${status}）: ${where}。`,
		summaryEarlier: (outcome, time, how) =>
			`${time} に「${outcome}」に到達した後、${how === 'restart' ? '最初からやり直しました' : '前のステップに戻りました'}。`,
		earlierNote: (list) => `それ以前: ${list}`,
		knownBuild: (known) => `記録用: ${known}。`,
		resumeHint: (command) => `中断したところから続けるには: ${command}`,
		newestSession: (id, started) =>
			`最新のセッション ${id}（開始 ${started}）をエクスポートします。別のセッションはセッション ID を指定してください（w365-triage sessions で一覧できます）。`,
		personalFound: (list) =>
			`このセッションには個人情報が含まれています: ${list}。--redact で置き換えられます。`,
		personalNone:
			'このセッションに個人情報（ユーザー名、ホスト名、IP アドレス）は見つかりませんでした。',
		personalRedacted: (count) => `個人情報 ${count} 件をプレースホルダーに置き換えました。`,
		personalKind: {
			user: 'ユーザー名',
			host: 'ホスト名',
			ip: 'IP アドレス',
			email: 'メールアドレス',
		},
		watching: (id, flow, started) =>
			`セッション ${id} を表示しています（${flow}、開始 ${started}）。表示のみ。Ctrl+C で終了します。`,
		watchHint: '変化があるたびに、下に新しいブロックを表示します。',
		watchPath: 'これまでの経路',
		watchTextMode: (why) => `イベントを文字で表示します: ${why}。`,
		watchEnded: (outcome) => `セッションが終了しました: ${outcome}。`,
		watchOutcomeReached: (outcome) =>
			`結果に到達しました: ${outcome}。ユーザーはここから戻ったりやり直したりできるため、プログラムが終了するまで表示を続けます。`,
		watchWaiting: (dir) =>
			`${dir} で、このユーザーの次のセッションが始まるのを待っています（Ctrl+C で終了）…`,
		watchInterrupted: (reason, where) => `セッションは ${where} で中断されました: ${reason}。`,
		watchWriterGone:
			'このセッションを書いていたプログラムは動いていません。再開に備えて表示を続けます（Ctrl+C で終了）。',
		storyBroken: (file, event, problem) =>
			`${file} の記録は ${event} 番目のイベントから辻褄が合いません（${problem}）。そこから先はファイルの内容をそのまま示すもので、実際の経過とは限りません。`,
		storyMark: (event) => `⚠ ${event} 番目のイベントから矛盾`,
		logLimit: (megabytes, lineKilobytes) =>
			`ログが上限（${megabytes} MB、1 行 ${lineKilobytes} KB）に達しました`,
		dirProblem: (problem) => {
			const {dir} = problem;
			switch (problem.kind) {
				case 'symlink':
					return `ログディレクトリ ${dir} はシンボリックリンクで、他のユーザーが別の場所に向け直せます。実際のディレクトリを --log-dir（または設定の logDir）に指定してください`;
				case 'file':
					return `ENOTDIR: ${dir} はファイルで、ディレクトリではありません`;
				case 'part-file':
					return `ENOTDIR: ${dir} のパスの途中にファイルがあります`;
				case 'other-owner':
					return `ログディレクトリ ${dir} は別のユーザー（uid ${problem.uid}）のもので、ログを置いたり差し替えたりできます。自分のディレクトリを --log-dir（または設定の logDir）に指定してください`;
				case 'writable':
					return `ログディレクトリ ${dir} は他のユーザーも書き込めるため、ログを差し替えられるおそれがあります。非公開にする（chmod 700 ${dir}）か、共有する場合はスティッキービットを付けてください（chmod 1777）`;
				case 'unusable':
					return `ログディレクトリ ${dir} を使えません（${problem.reason}）。別の --log-dir（または設定の logDir）を指定してください`;
			}
		},
		othersSessions: (count) =>
			`このディレクトリにある他のユーザーのセッションログ ${count} 件は表示していません。`,
		watchStopped: '表示を終了しました。',
		watchNotASession: (file) =>
			`${file} はセッションログではありません（最初の行が開始イベントではありません）。表示するものがありません。セッション ID またはパスを確認してください（w365-triage sessions で一覧できます）。`,
		settingsCorrupt: (file, reason, copy) =>
			`設定ファイル ${file} が正しくありません（${reason}）。既定の設定を使います。元のファイルは ${copy} として残しました。修正して元に戻すか、削除してください。`,
		settingsUnreadable: (file, reason) =>
			`${file} の設定を使えません（${reason}）。今回は既定の設定を使います。`,
	},
};

export function sessionStrings(language: Language): SessionStrings {
	return SESSION_STRINGS[language];
}
