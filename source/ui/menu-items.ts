import {currentNode, options, type State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {say} from '../view/node-content.js';
import {stepName} from '../view/shown-names.js';

export type MenuItem = {label: string; value: string};

/** What the selectable list offers at the current node (gates and ends draw their own). */
export function menuItems(state: State, language: Language): MenuItem[] {
	const t = strings(language);
	const node = currentNode(state);
	if (node.kind === 'question' || (node.kind === 'step' && node.choices)) {
		return (node.choices ?? []).map((choice) => ({
			label: say(choice.label, language),
			value: choice.id,
		}));
	}
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
