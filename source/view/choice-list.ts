/**
 * The choices a person picks from at the current node, for every front end: the terminal UI's
 * selectable list, line mode's numbered answers and the node text `watch` shows.
 */
import {currentNode, options, type State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {say} from './node-content.js';
import {stepName} from './shown-names.js';

export type Choice = {label: string; value: string};

/** The answers the node itself offers: a question's, or a step's with choices; none elsewhere. */
export function answerChoices(state: State, language: Language): Choice[] {
	const node = currentNode(state);
	if (node.kind !== 'question' && node.kind !== 'step') return [];
	return (node.choices ?? []).map((choice) => ({
		label: say(choice.label, language),
		value: choice.id,
	}));
}

/** What the selectable list offers at the current node: the answers, else Continue at a step,
 * Continue and Correct at detected facts (gates and ends draw their own). */
export function choiceList(state: State, language: Language): Choice[] {
	const t = strings(language);
	const node = currentNode(state);
	if (node.kind === 'question' || (node.kind === 'step' && node.choices))
		return answerChoices(state, language);
	if (node.kind === 'step') return [{label: t.continueLabel, value: 'next'}];
	if (node.kind === 'detect') {
		return [
			{
				label: t.continueTo(stepName(state.flow, options(state)[0]!.next, language)),
				value: 'continue',
			},
			{label: t.correctLabel, value: 'correct'},
		];
	}
	return [];
}

/** A choice as it is listed: "2. Print jobs stay stuck in the queue" (the number picks it). */
export function choiceLine(index: number, choice: {label: string}): string {
	return `${index + 1}. ${choice.label}`;
}
