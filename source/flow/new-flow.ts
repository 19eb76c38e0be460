/**
 * The starting point for a new incident's flow (`w365-triage new FILE`): the smallest flow that
 * shows every rule the validator enforces, in both languages. An author replaces the texts, the
 * source and the dates, and adds nodes.
 */

/** A flow id from a file name: "flows/2026-03 Outlook.yaml" → "2026-03-outlook". */
export function flowIdFromFile(file: string): string {
	const base = file
		.split(/[\\/]/)
		.pop()!
		.replace(/\.ya?ml$/i, '');
	const id = base
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return id === '' ? 'new-incident' : id;
}

/** `today` as YYYY-MM-DD; the flow is due for review three months later. `schema` is the path of
 * flow.schema.json relative to the new file, for the editor's modeline (none when unknown). */
export function newFlowText(id: string, today: string, schema?: string): string {
	const [year, month, day] = today.split('-').map(Number) as [number, number, number];
	const review = new Date(Date.UTC(year, month - 1 + 3, Math.min(day, 28)))
		.toISOString()
		.slice(0, 10);
	const modeline = schema === undefined ? '' : `# yaml-language-server: $schema=${schema}\n#\n`;
	return `${modeline}# A new incident's flow, written by \`w365-triage new\`. Replace every text, the source and the
# dates; keep the shape: a backup gate before any destructive step, and a recovery end after it.
# Check it with \`w365-triage validate FILE\`; draw it with \`w365-triage graph --flow FILE\`.
# The format, key by key: flows/flow.schema.json (your editor shows it on hover) and the README.
id: ${id}
version: "0.1.0"
title:
  ja: （ここに事象の名前）更新プログラムの適用後に起きる問題
  en: (Name the incident) A problem after a Windows update
languages: [ja, en]
start: symptom
review-by: "${review}"

sources:
  release-notes:
    title:
      ja: 更新プログラムのリリース ノート（ここに KB 番号）
      en: The update's release notes (put the KB number here)
    url: https://support.microsoft.com/

nodes:
  symptom:
    kind: question
    text:
      ja: どのような状況ですか？
      en: What is happening?
    choices:
      - id: affected
        label:
          ja: 更新プログラムの適用後に問題が起きるようになった
          en: The problem started after the update
        next: workaround
      - id: other
        label:
          ja: それ以外の問題
          en: Something else
        next: helpdesk

  workaround:
    kind: step
    title:
      ja: 回避策を試す
      en: Try the workaround
    text:
      ja: まず、データを失わない回避策を試してください。
      en: First try the workaround, which loses no data.
    sources: [release-notes]
    verified: "${today}"
    choices:
      - id: worked
        label:
          ja: 解決した
          en: It worked
        next: resolved
      - id: still-broken
        label:
          ja: 解決しない
          en: It still fails
        next: backup

  backup:
    kind: gate
    title:
      ja: アンインストールの前に
      en: Before you uninstall
    text:
      ja: 更新プログラムをアンインストールする前に、次の項目を確認してください。
      en: Before you uninstall the update, make sure of the following.
    items:
      - id: files-saved
        text:
          ja: 作業中のファイルを保存し、OneDrive などにバックアップした
          en: My open files are saved and backed up (for example to OneDrive)
    next: uninstall
    cancel: helpdesk

  uninstall:
    kind: step
    destructive: true
    title:
      ja: 更新プログラムをアンインストールする
      en: Uninstall the update
    text:
      ja: "[設定] > [Windows Update] > [更新の履歴] > [更新プログラムをアンインストールする] を開き、該当する更新プログラムをアンインストールしてから、PC を再起動してください。"
      en: Open Settings > Windows Update > Update history > Uninstall updates, uninstall the update, then restart the PC.
    sources: [release-notes]
    verified: "${today}"
    choices:
      - id: worked
        label:
          ja: 解決した
          en: It worked
        next: resolved
      - id: failed
        label:
          ja: うまくいかなかった、またはファイルが見つからない
          en: It failed, or files are missing
        next: recovery

  resolved:
    kind: end
    outcome: resolved
    text:
      ja: 解決しました。
      en: Solved.

  helpdesk:
    kind: end
    outcome: escalate
    text:
      ja: ヘルプデスクに連絡してください。
      en: Contact your helpdesk.
    helpdesk:
      ja: 利用者の端末で、回避策の前またはアンインストールの前に止まりました。
      en: The user stopped before the workaround or before the uninstall.

  recovery:
    kind: end
    outcome: recovery
    text:
      ja: 操作を止めて、ヘルプデスクにデータの復旧を依頼してください。OneDrive の [ごみ箱] と [バージョン履歴] も確認してください。
      en: Stop here and ask your helpdesk to recover your data. Also check the OneDrive Recycle bin and Version history.
`;
}
