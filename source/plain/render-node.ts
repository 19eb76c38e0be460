/**
 * The current node as plain lines: no colour, no cursor movement, nothing a screen reader would
 * stumble over. Commands and URLs stand on lines of their own, unindented, so they copy exactly.
 */
import {sanitizeText} from '../terminal/sanitize-text.js';
import {currentNode, currentStep, type State, stepNumber} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {isOutdated, nodeLines, say} from '../view/node-content.js';

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

	const choices = node.kind === 'question' || node.kind === 'step' ? node.choices : undefined;
	if (choices) {
		// The previous answer (after going back) is marked with a symbol, not only by position.
		lines.push(
			'',
			...choices.map(
				(choice, index) =>
					`${choice.id === step.previous ? '>' : ' '} ${index + 1}. ${say(choice.label, language)}`,
			),
		);
	}
	if (node.kind === 'gate') {
		lines.push('');
		node.items.forEach((item, index) => {
			const na = step.na?.find((entry) => entry.item === item.id);
			const mark = step.acks.includes(item.id)
				? t.acknowledged
				: na
					? t.notApplicableMark
					: t.notAcknowledged;
			lines.push(`  ${mark} ${index + 1}. ${say(item.text, language)} (ack:${item.id})`);
			if (na) lines.push(`       ${sanitizeText(t.notApplicableReason(na.reason))}`);
		});
		if (
			node.items.some(
				(item) => !step.acks.includes(item.id) && !step.na?.some((entry) => entry.item === item.id),
			)
		)
			lines.push(t.naHint);
	}
	// Sources come after the choices, so the question stays next to its answers.
	if (trust.length > 0) lines.push('', ...trust.map((line) => line.text));
	return lines;
}
