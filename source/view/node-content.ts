/**
 * What a node says, as styled lines, shared by every front end (plain prints them as they are; the
 * terminal UI wraps them to the width and draws the choices and checklists itself). Everything
 * taken from the flow or from facts is sanitized here, once.
 */
import {matchBuildRow, type RowMatch} from '../engine/build-table.js';
import {routeDetect} from '../engine/conditions.js';
import {currentNode, effectiveFacts, type State} from '../engine/engine.js';
import {formatFactValue} from '../facts/fact-values.js';
import type {Flow, Language, Text} from '../flow/schema.js';
import {localize} from '../flow/text.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {type Helpdesk, helpdeskLines} from './helpdesk-lines.js';
import {knownBuildLine} from './known-build.js';
import {fillRow} from './row-text.js';
import {placeholdersIn} from '../flow/row-placeholders.js';
import {stepName} from './shown-names.js';

/** `command` and `url` lines must never be wrapped or prefixed: people copy them. */
export type LineStyle =
	| 'text'
	| 'heading'
	| 'command'
	| 'url'
	| 'dim'
	| 'warn'
	| 'outcome'
	| 'blank';

export type Line = {text: string; style: LineStyle};

export function say(text: Text | undefined, language: Language): string {
	return sanitizeText(localize(text, language));
}

/** True when the flow's review-by date has passed on `asOf` (YYYY-MM-DD). */
export function isOutdated(flow: Flow, asOf: string): boolean {
	const reviewBy = flow['review-by'];
	return reviewBy !== undefined && asOf > reviewBy;
}

export function flowTitle(flow: Flow, language: Language): string {
	return sanitizeText(`${localize(flow.title, language)} (${flow.id} ${flow.version})`);
}

/** The machine's row in the flow's build table, from every fact in force (none when unlisted). */
export function machineRow(state: State): RowMatch | undefined {
	const match = matchBuildRow(state.flow, effectiveFacts(state));
	return match && !('unlisted' in match) ? match : undefined;
}

export type NodeLines = {
	/** The node's text, commands, detected facts, outcome. */
	body: Line[];
	/** Its sources and the date it was verified (drawn after the choices). */
	trust: Line[];
	/** At a gate, why it is there: the terminal UI keeps this in view while the text scrolls. */
	why?: Line;
};

export function nodeLines(
	state: State,
	language: Language,
	{helpdesk}: {helpdesk?: Helpdesk} = {},
): NodeLines {
	const t = strings(language);
	const node = currentNode(state);
	const lines: Line[] = [];
	const add = (text: string, style: LineStyle = 'text') => lines.push({text, style});
	const blank = () => add('', 'blank');

	const row = machineRow(state);
	// Row values come from the flow's own table; they are sanitized with the text they fill.
	const sayRow = (text: Text | undefined) =>
		sanitizeText(fillRow(localize(text, language), row, language));
	if (node.kind === 'end') add(`${t.outcomeLabel}: ${t.outcome[node.outcome]}`, 'outcome');
	// Only where the facts can be corrected (c), which the notice offers.
	if (node.kind === 'detect' && node.table !== undefined && row?.conflict)
		add(
			sanitizeText(t.rowConflict(row.build ?? '', localize(row.row.name, language), row.conflict)),
			'warn',
		);
	add(sayRow(node.text));

	if (node.kind === 'step') {
		for (const command of node.commands ?? []) {
			blank();
			add(
				command.label
					? `${say(command.label, language)} — ${t.commandFor(command.shell)}`
					: t.commandFor(command.shell),
				'dim',
			);
			add(sanitizeText(command.run), 'command');
		}
	}
	if (node.kind === 'detect') {
		const facts = effectiveFacts(state);
		blank();
		add(`${t.detected}:`, 'heading');
		for (const name of node.facts) {
			const fact = facts[name];
			const value = fact
				? `${sanitizeText(formatFactValue(fact.value))} (${t.origin[fact.origin]}${fact.via ? `: ${sanitizeText(fact.via)}` : ''})`
				: t.unknownFact;
			add(`  ${t.factNames[name]}: ${value}`);
		}
		add(
			t.detectNext(stepName(state.flow, routeDetect(node, facts, state.flow).next, language)),
			'dim',
		);
	}
	const why: Line | undefined = node.kind === 'gate' ? {text: t.gateWhy, style: 'warn'} : undefined;
	if (node.kind === 'end' && node.helpdesk) {
		blank();
		add(`${t.tellHelpdesk}:`, 'heading');
		add(sayRow(node.helpdesk));
	}
	// The build (and the fix) the app knows, so "record the build" needs no second look.
	const known = node.kind === 'end' ? knownBuildLine(state, language) : undefined;
	if (known) {
		if (node.kind === 'end' && !node.helpdesk) blank();
		add(known);
	}
	if (node.kind === 'end')
		for (const line of helpdeskLines(helpdesk, language)) add(line, 'heading');

	const trust: Line[] = [];
	const {flow} = state;
	// A node that names the row's values cites, besides its own sources, the ones the row gives.
	const namesRow = row !== undefined && placeholdersIn(localize(node.text, language)).length > 0;
	const rowSources = namesRow ? [...(row.row.fixed?.sources ?? []), ...row.row.sources] : [];
	const sources = [...new Set([...rowSources, ...(node.sources ?? [])])].filter(
		(id) => flow.sources && Object.hasOwn(flow.sources, id),
	);
	if (sources.length > 0) {
		trust.push({text: `${t.sources}:`, style: 'dim'});
		for (const id of sources) {
			const source = flow.sources![id]!;
			trust.push(
				{text: `  ${say(source.title, language)}`, style: 'dim'},
				{text: sanitizeText(source.url), style: 'url'},
			);
		}
	}
	if (node.verified) trust.push({text: t.verified(node.verified), style: 'dim'});
	return {body: lines, trust, why};
}
