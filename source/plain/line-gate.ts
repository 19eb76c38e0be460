/**
 * A backup gate in line mode: one item confirmed per `yes` typed by a person (or named by a
 * script as ack:ITEM), `na` with a reason typed at a terminal, `c` to cancel the safe way. A
 * script that does not name each item cannot pass: the walk stops with exit code 3.
 */
import {currentNode, MIN_REASON_LENGTH, pendingAcks} from '../engine/engine.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {say} from '../view/node-content.js';
import {isBareY, isYes} from './line-strings.js';
import type {LineWalk, PlainResult, Token} from './line-walk.js';

/** Names the item a `yes` confirms, so nobody confirms one they have not read. */
export function gatePrompt(walk: LineWalk): string {
	const node = currentNode(walk.state);
	if (node.kind !== 'gate') return '';
	const pending = pendingAcks(walk.state);
	if (pending.length === 0) return walk.l.promptGateDone(node.items.length);
	const index = node.items.findIndex((item) => item.id === pending[0]);
	return `${walk.l.gateItem(index + 1, node.items.length, sanitizeText(say(node.items[index]!.text, walk.language)))}\n${walk.l.promptAck}`;
}

/** What one line does at a gate; a result when the walk stops there. */
export async function handleGate(walk: LineWalk, token: Token): Promise<PlainResult | undefined> {
	const pending = pendingAcks(walk.state);
	const text = token.text;
	if (text === 'c' || text === 'cancel' || (pending.length === 0 && text === '1')) {
		walk.state = walk.options.transitions.answer(walk.state, 'cancel');
		await walk.show();
		return undefined;
	}
	const named = /^ack:(.+)$/.exec(text)?.[1];
	if (named !== undefined && pending.includes(named)) {
		confirm(walk, named);
		return undefined;
	}
	if (!token.scripted && pending.length > 0 && isYes(text)) {
		confirm(walk, pending[0]!);
		return undefined;
	}
	// "Not applicable here" takes an item and the reason in words, typed at a terminal: a
	// script or a pipe cannot give it (it falls through to the exit-3 stop below).
	if (!token.scripted && pending.length > 0 && /^(na|n\/a|該当しない)$/i.test(text)) {
		return markNotApplicable(walk, pending);
	}
	if (pending.length === 0 && (text === 'proceed' || text === '2')) {
		walk.state = walk.options.transitions.answer(walk.state, 'proceed');
		await walk.show();
		return undefined;
	}
	if (token.scripted) {
		// Never guess at a gate: a script that does not name each item cannot pass it.
		walk.print(walk.t.gateNeedsPerson(...walk.where()));
		return walk.done(3, 'gate');
	}
	refuseAtGate(walk, text, pending);
	return undefined;
}

/** A person's line that does nothing at the gate: what to type instead. */
function refuseAtGate(walk: LineWalk, text: string, pending: string[]): void {
	const node = currentNode(walk.state);
	const total = node.kind === 'gate' ? node.items.length : 0;
	const hint =
		pending.length === 0
			? walk.l.promptGateDone(total).replace(/: $/, '')
			: isBareY(text)
				? walk.l.yesInFull
				: walk.l.gateHint;
	walk.print(sanitizeText(walk.t.invalidAnswer(text, hint)));
}

/** Confirms one item and echoes it, without repeating the gate and its sources (as `na` does). */
function confirm(walk: LineWalk, item: string): void {
	const node = currentNode(walk.state);
	if (node.kind !== 'gate') return;
	walk.state = walk.options.transitions.acknowledge(walk.state, item);
	walk.changed();
	const index = node.items.findIndex((candidate) => candidate.id === item);
	walk.print(
		walk.l.confirmedItem(
			index + 1,
			node.items.length,
			sanitizeText(say(node.items[index]!.text, walk.language)),
		),
	);
}

/** `na`: which item, then why, in words; anything else leaves the gate as it was. */
async function markNotApplicable(
	walk: LineWalk,
	pending: string[],
): Promise<PlainResult | undefined> {
	const node = currentNode(walk.state);
	if (node.kind !== 'gate') return undefined;
	const which = await walk.next(
		walk.t.naWhich(
			pending.map((id) => node.items.findIndex((item) => item.id === id) + 1).join(', '),
		),
	);
	if (which === null || which.scripted) return undefined;
	const index = Number(which.text) - 1;
	const item = /^[1-9]$/.test(which.text)
		? node.items[index]?.id
		: node.items.find((candidate) => candidate.id === which.text)?.id;
	if (item === undefined || !pending.includes(item)) {
		walk.print(sanitizeText(walk.t.invalidAnswer(which.text, walk.t.gateHint)));
		return undefined;
	}
	const reason = await walk.next(walk.t.naReason);
	if (reason === null || reason.scripted) return undefined;
	if ([...reason.text].length < MIN_REASON_LENGTH) {
		walk.print(walk.t.naReasonTooShort);
		return undefined;
	}
	walk.state = walk.options.transitions.notApplicable(walk.state, item, reason.text);
	walk.changed();
	// Echoed as a confirmation is, without printing the gate and its sources again.
	const marked = node.items.findIndex((candidate) => candidate.id === item);
	walk.print(
		walk.l.notApplicableItem(
			marked + 1,
			node.items.length,
			sanitizeText(say(node.items[marked]!.text, walk.language)),
			sanitizeText(reason.text.trim()),
		),
	);
	return undefined;
}
