/**
 * The first menu when several flows are offered: "What is the problem?", one line per flow title
 * (in the session language), and the flows that are not offered with their first finding. Shared
 * by line mode and the terminal UI. It never shows a node of any flow: the chosen flow starts at
 * its start, as with --flow FILE.
 */
import type {FlowEntry} from '../session/flows-dir.js';
import type {Flow, Language} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {choiceLine} from './choice-list.js';
import {flowTitle} from './node-content.js';

export const flowMenuStrings = {
	en: {
		question: 'What is the problem?',
		notOffered: 'Not offered (fix the file, then run w365-triage validate FILE):',
		prompt: (count: number) => `Answer 1-${count} (q quit): `,
		unknown: (answer: string, count: number) =>
			`"${answer}" is not one of the flows: answer 1-${count} or a flow id.`,
		hint: '↑↓/jk move · 1-9 pick · Enter open · q quit',
		moreNotOffered: (count: number) =>
			`${count} more file(s) not offered: see them with --plain, or a larger window`,
	},
	ja: {
		question: 'どのような問題ですか？',
		notOffered:
			'次のフローは使用できません（ファイルを修正し、w365-triage validate FILE で確認してください）:',
		prompt: (count: number) => `1-${count} で回答（q 終了）: `,
		unknown: (answer: string, count: number) =>
			`「${answer}」に当たるフローはありません。1-${count} の番号またはフロー ID で回答してください。`,
		hint: '↑↓/jk 移動 · 1-9 選択 · Enter 開く · q 終了',
		moreNotOffered: (count: number) =>
			`ほかに ${count} 件のファイルを使用できません（--plain で実行するか、ウィンドウを大きくすると表示されます）`,
	},
} as const;

export type FlowMenu = {
	question: string;
	/** The flows that can be chosen, numbered from 1 in this order. */
	items: Array<{label: string; flow: Flow; file: string; hash: string}>;
	/** One line per file that is not offered: its first finding. */
	problems: string[];
};

export function flowMenu(entries: FlowEntry[], language: Language): FlowMenu {
	const items: FlowMenu['items'] = [];
	const problems: string[] = [];
	for (const entry of entries) {
		if (entry.ok) {
			const shown = entry.flow.languages.includes(language) ? language : entry.flow.languages[0]!;
			items.push({
				label: flowTitle(entry.flow, shown),
				flow: entry.flow,
				file: entry.file,
				hash: entry.hash,
			});
		} else problems.push(sanitizeText(entry.problem).replace(/\s+/g, ' '));
	}
	return {question: flowMenuStrings[language].question, items, problems};
}

/** The item an answer picks: its number (1-based) or the flow's id; undefined for anything else. */
export function pickFlow(menu: FlowMenu, answer: string): FlowMenu['items'][number] | undefined {
	const trimmed = answer.trim();
	if (/^\d+$/.test(trimmed)) return menu.items[Number(trimmed) - 1];
	return menu.items.find((item) => item.flow.id === trimmed);
}

/** The menu as line mode prints it (the prompt is written separately). */
export function flowMenuLines(menu: FlowMenu, language: Language): string[] {
	const t = flowMenuStrings[language];
	const lines = [menu.question, ...menu.items.map((item, index) => `  ${choiceLine(index, item)}`)];
	if (menu.problems.length > 0)
		lines.push(t.notOffered, ...menu.problems.map((problem) => `  - ${problem}`));
	return lines;
}
