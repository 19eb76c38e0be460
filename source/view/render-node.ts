/**
 * The current node as plain lines: no colour, no cursor movement, nothing a screen reader would
 * stumble over. Commands and URLs stand on lines of their own, unindented, so they copy exactly.
 * Line mode prints it at every step, `watch` under every change, and `run --json` for the final
 * state on a terminal.
 */
import {currentNode, currentStep, pendingAcks, type State, stepNumber} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {answerChoices, choiceLine} from './choice-list.js';
import {gateItems} from './gate-items.js';
import type {Helpdesk} from './helpdesk-lines.js';
import {isOutdated, nodeLines} from './node-content.js';

export type RenderOptions = {language: Language; asOf: string; helpdesk?: Helpdesk};

export function renderNode(state: State, {language, asOf, helpdesk}: RenderOptions): string[] {
	const t = strings(language);
	const node = currentNode(state);
	const step = currentStep(state);
	const lines = ['', `── ${t.step(stepNumber(state), step.node)} ──`];
	if (isOutdated(state.flow, asOf)) lines.push(t.outdated(state.flow['review-by']!));
	const {body, trust, why} = nodeLines(state, language, {helpdesk});
	lines.push(...body.map((line) => line.text));
	if (why) lines.push('', why.text);

	const choices = answerChoices(state, language);
	if (choices.length > 0) {
		// The previous answer (after going back) is marked with a symbol, not only by position.
		lines.push(
			'',
			...choices.map(
				(choice, index) =>
					`${choice.value === step.previous ? '>' : ' '} ${choiceLine(index, choice)}`,
			),
		);
	}
	if (node.kind === 'gate') {
		lines.push('');
		for (const item of gateItems(state, language)) {
			lines.push(`  ${item.line} (ack:${item.id})`);
			if (item.reason) lines.push(`       ${item.reason}`);
		}
		if (pendingAcks(state).length > 0) lines.push(t.naHint);
	}
	// Sources come after the choices, so the question stays next to its answers.
	if (trust.length > 0) lines.push('', ...trust.map((line) => line.text));
	return lines;
}
