/**
 * Lays a screen out in rows for a terminal size: header, warnings, the scrollable node text, the
 * list (choices, checklist or prompt), footer. The whole frame must fit the terminal, or Ink
 * clears and redraws the entire screen on every key; a node taller than that is paged.
 */
import {currentNode, currentStep, isFinished, pendingAcks, stepNumber} from '../engine/engine.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {strings} from '../i18n/strings.js';
import {choiceLine, choiceList} from '../view/choice-list.js';
import {gateItems} from '../view/gate-items.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {flowTitle, isOutdated, type Line, nodeLines, say} from '../view/node-content.js';
import {readAloudLines} from '../view/read-aloud.js';
import {stepName} from '../view/shown-names.js';
import {compactHelpLines, footerLines, helpLines, type KeyContext} from './keymap.js';
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

/** Narrower than this, a choice label is a few characters a line: the app asks for more room. */
const MIN_COLUMNS = 20;

export function layoutScreen(
	screen: Screen,
	size: TerminalSize,
	{asOf, logPath, helpdesk}: {asOf: string; logPath?: string; helpdesk?: Helpdesk},
): ScreenLayout {
	const t = strings(screen.language);
	// The last column is left free: writing into it makes some terminals wrap early.
	const width = Math.max(size.columns - 1, MIN_COLUMNS - 1);
	const {state, language} = screen;
	const node = currentNode(state);
	const step = currentStep(state);
	const title = truncate(flowTitle(state.flow, language), width);
	// The id for support staff and the log, the step's name for the person on the phone.
	const stepLine = truncate(
		`${t.step(stepNumber(state), step.node)} · ${stepName(state.flow, step.node, language)}`,
		width,
	);

	if (screen.overlay === 'help') {
		// On a small screen the keys are listed with their short labels; the way back ("press any
		// key") is always last.
		const close = wrapText(t.helpClose, width);
		const full = [...helpLines(language), t.helpNote, ''].flatMap((line) => wrapText(line, width));
		const keys =
			full.length + close.length <= size.rows - 2
				? full
				: [...compactHelpLines(language, width), ''];
		const help = [...keys.slice(0, Math.max(0, size.rows - 2 - close.length)), ...close];
		return {
			width,
			title,
			step: truncate(`${t.helpTitle} — ${t.step(stepNumber(state), step.node)}`, width),
			warnings: [],
			body: [],
			list: [],
			choices: false,
			after: [],
			footer: [],
			spacing: false,
			help,
			windowRows: 0,
			maxScroll: 0,
			tooWide: [],
		};
	}

	// On a very narrow screen a hanging indent costs more rows than it helps reading.
	const narrow = width < 30;
	const cut: string[] = [];
	const wrap = (text: string, columns = width, indent = '') => wrapText(text, columns, indent, cut);
	const full = nodeLines(state, language, {helpdesk});
	const read = screen.reading
		? readAloudLines(state, language, {helpdesk, showSources: screen.showSources ?? false})
		: undefined;
	const body = read ? [{text: t.reading, style: 'dim' as const}, ...read.body] : full.body;
	const trust = read ? read.trust : full.trust;
	const {why} = full;
	const content = wrapLines(
		[...body, ...(trust.length > 0 ? [{text: '', style: 'blank' as const}, ...trust] : [])],
		width,
	);
	const warnings = [
		...(why ? wrap(why.text, width) : []),
		...(screen.detecting && node.kind === 'detect' ? wrap(t.detecting, width) : []),
		...(isOutdated(state.flow, asOf) ? wrap(t.outdated(state.flow['review-by']!), width) : []),
		...screen.notice.flatMap((line) => wrap(line, width)),
	];

	const list: ListRow[] = [];
	const after: ScreenLayout['after'] = [];
	if (screen.overlay === 'restart') {
		after.push(
			...wrap(`${t.restartConfirm} ${t.restartKeys}`, width).map((text) => ({
				text,
				tone: 'prompt' as const,
			})),
		);
	} else if (screen.overlay === 'correct' && node.kind === 'detect') {
		const {correction} = screen;
		if (!correction.name) {
			after.push({text: t.correctTitle, tone: 'prompt'});
			node.facts.forEach((fact, index) =>
				list.push({
					lines: wrap(`${index + 1}. ${t.factNames[fact]}`, width - 2, '   '),
					selected: index === correction.picker,
				}),
			);
		} else {
			after.push(
				...wrap(
					t.correctEntry(t.factNames[correction.name], t.factForm[correction.name]),
					width,
				).map((text) => ({text, tone: 'prompt' as const})),
			);
			after.push({text: `> ${correction.value}▏`, tone: 'prompt'});
			if (correction.error)
				after.push(
					...wrap(correction.error, width).map((text) => ({text, tone: 'error' as const})),
				);
		}
		after.push({text: t.correctKeys, tone: 'dim'});
	} else if (screen.overlay === 'not-applicable' && node.kind === 'gate') {
		const item = node.items.find((candidate) => candidate.id === screen.naItem);
		after.push(
			...wrap(t.naTitle(item ? say(item.text, language) : ''), width).map((text) => ({
				text,
				tone: 'prompt' as const,
			})),
		);
		after.push(...wrap(t.naReason, width).map((text) => ({text, tone: 'prompt' as const})));
		after.push(
			...wrap(`> ${sanitizeText(screen.correction.value)}▏`, width, '  ').map((text) => ({
				text,
				tone: 'prompt' as const,
			})),
		);
		if (screen.correction.error)
			after.push(
				...wrap(screen.correction.error, width).map((text) => ({text, tone: 'error' as const})),
			);
		after.push(...wrap(t.naKeys, width).map((text) => ({text, tone: 'dim' as const})));
	} else if (node.kind === 'gate') {
		const itemIndent = narrow ? '' : width < 60 ? '    ' : '       ';
		gateItems(state, language).forEach((item, index) => {
			list.push({
				lines: [
					...wrap(item.line, width - 2, itemIndent),
					...(item.reason ? wrap(`${itemIndent}${item.reason}`, width - 2, itemIndent) : []),
				],
				selected: screen.cursor === index,
				tone: item.settled ? 'done' : undefined,
			});
		});
		const settled = node.items.length - pendingAcks(state).length;
		const allDone = settled === node.items.length;
		list.push({
			lines: wrap(t.gateCancel, width - 2),
			selected: screen.cursor === node.items.length,
			tone: 'safe',
		});
		list.push({
			lines: wrap(
				allDone ? t.gateProceed : t.gateProceedLocked(settled, node.items.length),
				width - 2,
			),
			selected: screen.cursor === node.items.length + 1,
			tone: allDone ? undefined : 'locked',
		});
		if (screen.gateHint && !allDone)
			after.push(...wrap(t.gateHintKeys, width).map((text) => ({text, tone: 'hint' as const})));
	} else if (isFinished(state)) {
		if (logPath)
			after.push(...wrap(t.logAt(logPath), width).map((text) => ({text, tone: 'dim' as const})));
	} else {
		choiceList(state, language).forEach((choice, index) =>
			list.push({
				lines: wrap(choiceLine(index, choice), width - 2, narrow ? '' : '   '),
				selected: index === screen.cursor,
			}),
		);
	}

	const context: KeyContext =
		node.kind === 'gate'
			? 'gate'
			: isFinished(state)
				? 'end'
				: node.kind === 'detect'
					? 'detect'
					: 'choices';
	const tooWide = [...new Set([...content.tooWide, ...cut])];
	const keys = (maxLines: number) =>
		footerLines(context, language, {width, maxLines, hasCut: tooWide.length > 0});
	let footer = keys(2);
	const height = (rows: ListRow[]) => rows.reduce((sum, row) => sum + row.lines.length, 0);
	// Title, step, warnings, [blank], text window, [blank], list, after, keys; the last row is left
	// free. When that does not fit (a gate in Japanese at 40x20), the keys shrink to one line and
	// the blanks go; then the warnings move into the scrolled text; then the list shows a window
	// around the highlighted row. The text keeps at least one line and its "PgDn" line, and the
	// highlighted row is always whole on screen: where even that does not fit, the app says how
	// much room it needs instead of drawing a screen on which Enter would pick an unseen choice.
	const budget = size.rows - 1;
	let headerRows = 2;
	const rowsFor = (blanks: number, warningRows: number, listRows: number) =>
		budget - (headerRows + warningRows + blanks + listRows + after.length + footer.length);
	let spacing = true;
	if (rowsFor(2, warnings.length, height(list)) < 2) {
		spacing = false;
		footer = keys(1);
	}
	const blanks = spacing ? 2 : 0;
	let lines = content.lines;
	let shownWarnings = warnings;
	const minText = () => Math.min(lines.length, 2);
	// Warnings (why a gate is there) lead the scrolled text rather than leave it one line.
	if (
		rowsFor(blanks, shownWarnings.length, height(list)) < Math.min(lines.length, 3) &&
		warnings.length > 0
	) {
		lines = [...warnings.map((text) => ({text, style: 'warn' as const})), ...lines];
		shownWarnings = [];
	}
	// The flow's title is the first to go on a tiny screen (the step line says where one is).
	if (rowsFor(blanks, shownWarnings.length, height(list)) < minText()) headerRows = 1;
	let shownList = list;
	const room =
		height(list) - Math.max(0, minText() - rowsFor(blanks, shownWarnings.length, height(list)));
	let windowed = room < height(list) ? listWindow(list, room) : list;
	// Last, the text itself gives way to a long highlighted row (a gate item at 20x10): the row is
	// what the person is deciding on.
	const textGivesWay = !windowed && list.length > 0;
	if (textGivesWay) windowed = listWindow(list, room + minText());
	if (windowed) shownList = windowed;
	if (
		size.columns < MIN_COLUMNS ||
		!windowed ||
		rowsFor(blanks, shownWarnings.length, height(shownList)) < (textGivesWay ? 0 : minText())
	) {
		const selectedRows = list.find((row) => row.selected)?.lines.length ?? 1;
		const needed = Math.max(size.rows, size.rows - rowsFor(0, 0, selectedRows) + minText());
		const message = wrapText(
			t.tooSmall(Math.max(size.columns, MIN_COLUMNS), needed),
			Math.max(size.columns - 1, 2),
		).slice(0, Math.max(1, size.rows - 1));
		return {
			width,
			title: '',
			step: '',
			warnings: [],
			body: [],
			list: [],
			choices: false,
			after: [],
			footer: [],
			spacing: false,
			tooSmall: message,
			windowRows: 0,
			maxScroll: 0,
			tooWide: [],
		};
	}
	const available = rowsFor(blanks, shownWarnings.length, height(shownList));
	const paged = lines.length > available && available >= 2;
	const windowRows = paged ? available - 1 : Math.max(0, available);
	const maxScroll = Math.max(0, lines.length - windowRows);
	const offset = Math.min(screen.scroll, maxScroll);
	const visible = lines.slice(offset, offset + windowRows);
	return {
		width,
		title: headerRows === 2 ? title : '',
		step: stepLine,
		warnings: shownWarnings,
		body: visible,
		more: paged
			? truncate(t.footerMore(offset + 1, offset + visible.length, lines.length), width)
			: undefined,
		list: shownList,
		choices: screen.overlay === 'none' && node.kind !== 'gate' && !isFinished(state),
		after,
		footer,
		spacing,
		windowRows,
		maxScroll,
		tooWide,
	};
}

/** The rows of a list that fit in `room` rows around the highlighted one, or undefined when even
 * that one does not fit. */
function listWindow(list: ListRow[], room: number): ListRow[] | undefined {
	if (list.length === 0) return room >= 0 ? [] : undefined;
	const selected = Math.max(
		0,
		list.findIndex((row) => row.selected),
	);
	let used = list[selected]!.lines.length;
	if (used > room) return undefined;
	let start = selected;
	let end = selected + 1;
	for (let grown = true; grown; ) {
		grown = false;
		if (end < list.length && used + list[end]!.lines.length <= room) {
			used += list[end]!.lines.length;
			end++;
			grown = true;
		}
		if (start > 0 && used + list[start - 1]!.lines.length <= room) {
			start--;
			used += list[start]!.lines.length;
			grown = true;
		}
	}
	return list.slice(start, end);
}
