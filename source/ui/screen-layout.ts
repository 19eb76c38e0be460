/**
 * Lays a screen out in rows for a terminal size: header, warnings, the scrollable node text, the
 * list (choices, checklist or prompt), footer. The whole frame must fit the terminal, or Ink
 * clears and redraws the entire screen on every key; a node taller than that is paged.
 */
import {currentNode, currentStep, isFinished, pendingAcks, stepNumber} from '../engine/engine.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {strings} from '../i18n/strings.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {flowTitle, isOutdated, type Line, nodeLines, say} from '../view/node-content.js';
import {menuItems} from './menu-items.js';
import type {Layout, Screen} from './screen-state.js';
import type {TerminalSize} from './terminal-screen.js';
import {truncate, wrapLines, wrapText} from './wrap-lines.js';

export type ListRow = {lines: string[]; selected: boolean; tone?: 'done' | 'safe' | 'locked'};

export type ScreenLayout = Layout & {
	width: number;
	title: string;
	step: string;
	warnings: string[];
	body: Line[];
	/** "lines 3-10 of 24 · PgDn/PgUp scroll", when the text is paged. */
	more?: string;
	list: ListRow[];
	/** The list offers answers (drawn as a select list) rather than a checklist. */
	choices: boolean;
	/** Lines under the list: a prompt, an error, a hint. */
	after: {text: string; tone: 'prompt' | 'error' | 'hint' | 'dim'}[];
	footer: string[];
	/** Blank rows around the text; dropped on a terminal too small for them. */
	spacing: boolean;
	help?: string[];
};

export function layoutScreen(screen: Screen, size: TerminalSize, {asOf, logPath, helpdesk}: {asOf: string; logPath?: string; helpdesk?: Helpdesk}): ScreenLayout {
	const t = strings(screen.language);
	// The last column is left free: writing into it makes some terminals wrap early.
	const width = Math.max(size.columns - 1, 20);
	const {state, language} = screen;
	const node = currentNode(state);
	const step = currentStep(state);
	const title = truncate(flowTitle(state.flow, language), width);
	const stepLine = truncate(t.step(stepNumber(state), step.node), width);

	if (screen.overlay === 'help') {
		const help = [...t.helpKeys, '', t.helpClose].flatMap((line) => wrapText(line, width));
		return {width, title, step: truncate(`${t.helpTitle} — ${t.step(stepNumber(state), step.node)}`, width), warnings: [], body: [], list: [], choices: false, after: [], footer: [], spacing: false, help, windowRows: 0, maxScroll: 0, tooWide: []};
	}

	const {body, trust, why} = nodeLines(state, language, {helpdesk});
	const content = wrapLines([...body, ...(trust.length > 0 ? [{text: '', style: 'blank' as const}, ...trust] : [])], width);
	const warnings = [
		...(why ? wrapText(why.text, width) : []),
		...(screen.detecting && node.kind === 'detect' ? wrapText(t.detecting, width) : []),
		...(isOutdated(state.flow, asOf) ? wrapText(t.outdated(state.flow['review-by']!), width) : []),
		...screen.notice.flatMap((line) => wrapText(line, width)),
	];

	const list: ListRow[] = [];
	const after: ScreenLayout['after'] = [];
	if (screen.overlay === 'restart') {
		after.push(...wrapText(`${t.restartConfirm} ${t.restartKeys}`, width).map((text) => ({text, tone: 'prompt' as const})));
	} else if (screen.overlay === 'correct' && node.kind === 'detect') {
		const {correction} = screen;
		if (!correction.name) {
			after.push({text: t.correctTitle, tone: 'prompt'});
			node.facts.forEach((fact, index) => list.push({lines: [`${index + 1}. ${fact}`], selected: index === correction.picker}));
		} else {
			after.push(...wrapText(t.correctEntry(correction.name, t.factForm[correction.name]), width).map((text) => ({text, tone: 'prompt' as const})));
			after.push({text: `> ${correction.value}▏`, tone: 'prompt'});
			if (correction.error) after.push(...wrapText(correction.error, width).map((text) => ({text, tone: 'error' as const})));
		}
		after.push({text: t.correctKeys, tone: 'dim'});
	} else if (screen.overlay === 'not-applicable' && node.kind === 'gate') {
		const item = node.items.find((candidate) => candidate.id === screen.naItem);
		after.push(...wrapText(t.naTitle(item ? say(item.text, language) : ''), width).map((text) => ({text, tone: 'prompt' as const})));
		after.push(...wrapText(t.naReason, width).map((text) => ({text, tone: 'prompt' as const})));
		after.push(...wrapText(`> ${sanitizeText(screen.correction.value)}▏`, width, '  ').map((text) => ({text, tone: 'prompt' as const})));
		if (screen.correction.error) after.push(...wrapText(screen.correction.error, width).map((text) => ({text, tone: 'error' as const})));
		after.push(...wrapText(t.naKeys, width).map((text) => ({text, tone: 'dim' as const})));
	} else if (node.kind === 'gate') {
		node.items.forEach((item, index) => {
			const na = step.na?.find((entry) => entry.item === item.id);
			const done = step.acks.includes(item.id);
			const mark = done ? t.acknowledged : na ? t.notApplicableMark : t.notAcknowledged;
			list.push({
				lines: [
					...wrapText(`${mark} ${index + 1}. ${say(item.text, language)}`, width - 2, '       '),
					...(na ? wrapText(`       ${sanitizeText(t.notApplicableReason(na.reason))}`, width - 2, '       ') : []),
				],
				selected: screen.cursor === index,
				tone: done || na ? 'done' : undefined,
			});
		});
		const settled = node.items.length - pendingAcks(state).length;
		const allDone = settled === node.items.length;
		list.push({lines: wrapText(t.gateCancel, width - 2), selected: screen.cursor === node.items.length, tone: 'safe'});
		list.push({
			lines: wrapText(allDone ? t.gateProceed : t.gateProceedLocked(settled, node.items.length), width - 2),
			selected: screen.cursor === node.items.length + 1,
			tone: allDone ? undefined : 'locked',
		});
		if (screen.gateHint && !allDone) after.push(...wrapText(t.gateHintKeys, width).map((text) => ({text, tone: 'hint' as const})));
	} else if (isFinished(state)) {
		if (logPath) after.push(...wrapText(t.logAt(logPath), width).map((text) => ({text, tone: 'dim' as const})));
	} else {
		menuItems(state, language).forEach((item, index) =>
			list.push({lines: wrapText(`${index + 1}. ${item.label}`, width - 2, '   '), selected: index === screen.cursor}),
		);
	}

	const keys = node.kind === 'gate' ? t.footerGate : isFinished(state) ? t.endKeys : t.footer;
	let footer = wrapText(content.tooWide.length > 0 ? `${keys} · ${t.tooWideHint}` : keys, width);
	const listRows = list.reduce((rows, row) => rows + row.lines.length, 0) + after.length;
	// Title, step, warnings, [blank], text window, [blank], list, keys. When that does not fit (a
	// gate in Japanese at 40x20), the keys shrink to one line and the blanks go, before the text
	// window shrinks to a single "PgDn" line: the list and why a gate is there stay in view.
	const rowsFor = (blanks: number) => size.rows - 1 - (2 + warnings.length + blanks + listRows + footer.length);
	let spacing = true;
	if (rowsFor(2) < 2) {
		spacing = false;
		footer = [truncate(footer.join(' '), width)];
	}
	const available = Math.max(1, rowsFor(spacing ? 2 : 0));
	const paged = content.lines.length > available;
	const windowRows = paged ? available - 1 : available;
	const maxScroll = Math.max(0, content.lines.length - windowRows);
	const offset = Math.min(screen.scroll, maxScroll);
	const visible = content.lines.slice(offset, offset + windowRows);
	return {
		width,
		title,
		step: stepLine,
		warnings,
		body: visible,
		more: paged ? truncate(t.footerMore(offset + 1, offset + visible.length, content.lines.length), width) : undefined,
		list,
		choices: screen.overlay === 'none' && node.kind !== 'gate' && !isFinished(state),
		after,
		footer,
		spacing,
		windowRows,
		maxScroll,
		tooWide: content.tooWide,
	};
}
