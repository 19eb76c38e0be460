/**
 * The words people saw, for ids that must not reach them: a step's name (its title, which people
 * can say aloud in their language), an answer's label, a gate item's text, a fact's name. The ids
 * stay in the step header ("Step N · id") and in the session log.
 */
import type {Invalidated} from '../engine/engine.js';
import type {Flow, Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {answerLabel, gateItemText, isContinue, nodeText} from '../session/flow-labels.js';

const MAX_NAME = 60;

function short(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A step's name: its title, else the start of its text; the id only for a node the flow lacks. */
export function stepName(flow: Flow, id: string, language: Language): string {
	return short(nodeText(flow, id, language) ?? id, MAX_NAME);
}

/** What going back dropped, in the words on screen: "Backup: Cancel (the safe way)". */
export function droppedNotice(flow: Flow, invalidated: Invalidated, language: Language): string[] {
	const t = strings(language);
	const answers = invalidated.answers.map(({node, answer}) => {
		const label = isContinue(flow, node)
			? t.continueLabel
			: (answerLabel(flow, node, answer, language) ?? answer);
		return `${stepName(flow, node, language)}: ${short(label, MAX_NAME)}`;
	});
	const acks = invalidated.acks.map(({node, item}) =>
		short(gateItemText(flow, node, item, language) ?? item, MAX_NAME),
	);
	return [
		...(answers.length > 0 ? [t.droppedAnswers(answers.join(' · '))] : []),
		...(acks.length > 0 ? [t.droppedAcks(acks.join(' · '))] : []),
	];
}
