/**
 * The words a person saw for the ids in a log (question text, the label of the answer chosen, a
 * gate item's text), looked up in the flow the session was recorded with. Without that flow the
 * ids stand on their own.
 */
import type {Flow, Language} from '../flow/schema.js';
import {localize} from '../flow/text.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

const MAX_TEXT = 160;

function oneLine(text: string): string {
	const flat = sanitizeText(text).replace(/\s+/g, ' ').trim();
	return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function nodeOf(flow: Flow | undefined, id: string) {
	return flow && Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

/** A node's title, else its text, on one line. */
export function nodeText(
	flow: Flow | undefined,
	id: string,
	language: Language,
): string | undefined {
	const node = nodeOf(flow, id);
	if (!node) return undefined;
	return oneLine(localize(node.title ?? node.text, language));
}

/** The label of the answer `answer` at node `id` (a choice, or a gate's continue/cancel). */
export function answerLabel(
	flow: Flow | undefined,
	id: string,
	answer: string,
	language: Language,
): string | undefined {
	const node = nodeOf(flow, id);
	if (!node) return undefined;
	if (node.kind === 'question' || node.kind === 'step') {
		const choice = node.choices?.find((candidate) => candidate.id === answer);
		return choice ? oneLine(localize(choice.label, language)) : undefined;
	}
	if (node.kind === 'gate') {
		if (answer === 'proceed') return strings(language).gateProceed;
		if (answer === 'cancel') return strings(language).gateCancel;
	}
	return undefined;
}

/** Whether the answer was "carry on" at a node without choices (detect, or a step with next). */
export function isContinue(flow: Flow | undefined, id: string): boolean {
	const node = nodeOf(flow, id);
	return node !== undefined && (node.kind === 'detect' || (node.kind === 'step' && !node.choices));
}

export function gateItemText(
	flow: Flow | undefined,
	id: string,
	item: string,
	language: Language,
): string | undefined {
	const node = nodeOf(flow, id);
	if (node?.kind !== 'gate') return undefined;
	const found = node.items.find((candidate) => candidate.id === item);
	return found ? oneLine(localize(found.text, language)) : undefined;
}

export function endTexts(
	flow: Flow | undefined,
	id: string,
	language: Language,
): {text: string; helpdesk?: string} | undefined {
	const node = nodeOf(flow, id);
	if (node?.kind !== 'end') return undefined;
	const clean = (text: string) => sanitizeText(text).replace(/\s+/g, ' ').trim();
	return {
		text: clean(localize(node.text, language)),
		...(node.helpdesk ? {helpdesk: clean(localize(node.helpdesk, language))} : {}),
	};
}
