/**
 * The current node as plain lines: no colour, no cursor movement, nothing a screen reader would
 * stumble over. Commands and URLs stand on lines of their own, unindented, so they copy exactly.
 */
import {routeDetect} from '../engine/conditions.js';
import {currentNode, currentStep, effectiveFacts, type State, stepNumber} from '../engine/engine.js';
import {formatFactValue} from '../facts/fact-values.js';
import type {Flow, FlowNode, Language} from '../flow/schema.js';
import {localize} from '../flow/text.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

export type RenderOptions = {language: Language; asOf: string};

/** True when the flow's review-by date has passed on `asOf` (YYYY-MM-DD). */
export function isOutdated(flow: Flow, asOf: string): boolean {
	const reviewBy = flow['review-by'];
	return reviewBy !== undefined && asOf > reviewBy;
}

export function renderTitle(flow: Flow, language: Language): string {
	return sanitizeText(`${localize(flow.title, language)} (${flow.id} ${flow.version})`);
}

export function renderNode(state: State, {language, asOf}: RenderOptions): string[] {
	const t = strings(language);
	const node = currentNode(state);
	const step = currentStep(state);
	const say = (text: Parameters<typeof localize>[0]) => sanitizeText(localize(text, language));
	const lines: string[] = [''];
	lines.push(`── ${t.step(stepNumber(state), step.node)} ──`);
	if (isOutdated(state.flow, asOf)) lines.push(t.outdated(state.flow['review-by']!));
	if (node.kind === 'end') lines.push(`${t.outcomeLabel}: ${t.outcome[node.outcome]}`);
	lines.push(say(node.text));

	switch (node.kind) {
		case 'question':
			lines.push('', ...numbered(node.choices.map((choice) => say(choice.label)), step.previous, node.choices.map((c) => c.id)));
			break;
		case 'step':
			for (const command of node.commands ?? []) {
				lines.push('', command.label ? `${say(command.label)} — ${t.commandFor(command.shell)}` : t.commandFor(command.shell));
				lines.push(sanitizeText(command.run));
			}
			if (node.choices) {
				lines.push('', ...numbered(node.choices.map((choice) => say(choice.label)), step.previous, node.choices.map((c) => c.id)));
			}
			break;
		case 'detect': {
			const facts = effectiveFacts(state);
			lines.push('', `${t.detected}:`);
			for (const name of node.facts) {
				const fact = facts[name];
				const value = fact ? `${sanitizeText(formatFactValue(fact.value))} (${t.origin[fact.origin]}${fact.via ? `: ${sanitizeText(fact.via)}` : ''})` : t.unknownFact;
				lines.push(`  ${name}: ${value}`);
			}
			lines.push(t.detectNext(routeDetect(node, facts).next));
			break;
		}
		case 'gate':
			lines.push('', t.gateWhy, '');
			node.items.forEach((item, index) => {
				const mark = step.acks.includes(item.id) ? t.acknowledged : t.notAcknowledged;
				lines.push(`  ${mark} ${index + 1}. ${say(item.text)} (ack:${item.id})`);
			});
			break;
		case 'end':
			if (node.helpdesk) lines.push('', `${t.tellHelpdesk}:`, say(node.helpdesk));
			break;
	}
	lines.push(...renderTrust(state.flow, node, language));
	return lines;
}

function numbered(labels: string[], previous: string | undefined, ids: string[]): string[] {
	// The previous answer (after going back) is marked with a symbol, not only by position.
	return labels.map((label, index) => `${ids[index] === previous ? '>' : ' '} ${index + 1}. ${label}`);
}

function renderTrust(flow: Flow, node: FlowNode, language: Language): string[] {
	const t = strings(language);
	const lines: string[] = [];
	const sources = (node.sources ?? []).filter((id) => flow.sources && Object.hasOwn(flow.sources, id));
	if (sources.length > 0 || node.verified) lines.push('');
	if (sources.length > 0) {
		lines.push(`${t.sources}:`);
		for (const id of sources) {
			const source = flow.sources![id]!;
			lines.push(`  ${sanitizeText(localize(source.title, language))}`, sanitizeText(source.url));
		}
	}
	if (node.verified) lines.push(t.verified(node.verified));
	return lines;
}
