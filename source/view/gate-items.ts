/**
 * A backup gate's items as every front end lists them: "[x] 2. Export the Outlook PST", and for an
 * item marked not applicable here, the reason given (typed by a person: sanitised).
 */
import {currentNode, currentStep, type State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {say} from './node-content.js';

export type GateItem = {
	id: string;
	/** The item's mark (done, not applicable, open), number and text. */
	line: string;
	/** Confirmed done, or marked not applicable here; neither while it is still open. */
	settled?: 'done' | 'not-applicable';
	/** "not applicable here: <reason>", for an item marked so. */
	reason?: string;
};

/** The items of the gate on screen; none when the current node is not a gate. */
export function gateItems(state: State, language: Language): GateItem[] {
	const t = strings(language);
	const node = currentNode(state);
	if (node.kind !== 'gate') return [];
	const step = currentStep(state);
	return node.items.map((item, index) => {
		const na = step.na?.find((entry) => entry.item === item.id);
		const done = step.acks.includes(item.id);
		const mark = done ? t.acknowledged : na ? t.notApplicableMark : t.notAcknowledged;
		return {
			id: item.id,
			line: `${mark} ${index + 1}. ${say(item.text, language)}`,
			settled: done ? 'done' : na ? 'not-applicable' : undefined,
			reason: na ? sanitizeText(t.notApplicableReason(na.reason)) : undefined,
		};
	});
}
