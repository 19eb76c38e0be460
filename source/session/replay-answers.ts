/**
 * --replay: turns a session back into the tokens the plain front end's --answers accepts, so the
 * same path can be walked again (to reproduce what a user saw, or to check a flow edit).
 *
 * The plain front end continues detect nodes and instruction steps on its own while scripted
 * answers remain, so answers at those nodes are left out when the flow is known, and facts are
 * given up front (replayFacts) rather than typed as corrections. A `b`, `r` or `l` typed at such a
 * node is read at the next node instead; `back` skips automatic nodes, so the walk still ends in
 * the same place (unless that next node is an end, where the replay stops early).
 */
import type {Facts} from '../facts/fact-values.js';
import type {FactName, Flow} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import type {SessionEvent} from './events.js';
import {checkFlowHash, firstEvent, startFacts} from './rebuild-state.js';

/** The flow to replay on, and the hash of its text (flow-hash.ts). */
export type ReplayCheck = {flow?: Flow; flowHash: string};

export function replayAnswers(events: readonly SessionEvent[], check?: ReplayCheck): string[] {
	const start = firstEvent(events);
	if (check) checkFlowHash(start, check.flowHash);
	const autoContinues = (node: string): boolean => {
		const flowNode =
			check?.flow && Object.hasOwn(check.flow.nodes, node) ? check.flow.nodes[node] : undefined;
		// Without the flow every answer is kept: the front end drops a token that matches the
		// answer of a node it continues on its own, so keeping one is the safe side.
		return (
			flowNode !== undefined &&
			(flowNode.kind === 'detect' || (flowNode.kind === 'step' && !flowNode.choices))
		);
	};
	const tokens: string[] = [];
	for (const event of events.slice(1)) {
		switch (event.type) {
			case 'answer':
				if (!autoContinues(event.node)) tokens.push(event.answer);
				break;
			case 'ack':
				if (!event.undo) tokens.push(`ack:${event.item}`);
				else if (tokens.includes(`ack:${event.item}`))
					tokens.splice(tokens.lastIndexOf(`ack:${event.item}`), 1);
				break;
			case 'back':
				tokens.push('b');
				break;
			case 'restart':
				tokens.push('r');
				break;
			case 'language':
				tokens.push('l');
				break;
			default:
				break;
		}
	}
	return tokens;
}

/**
 * The facts a replay starts with: those of the start event, updated by every later fact event
 * (detection that finished after the first screen, corrections typed on screen), so detect nodes
 * route as they did. Give them with --no-detect so this machine's facts do not interfere.
 */
export function replayFacts(events: readonly SessionEvent[]): Facts {
	const facts = startFacts(firstEvent(events));
	for (const event of events) {
		if (event.type !== 'fact' || !(FACT_NAMES as readonly string[]).includes(event.name)) continue;
		facts[event.name as FactName] = {
			value: event.value,
			origin: event.origin,
			...(event.via !== undefined ? {via: event.via} : {}),
		};
	}
	return facts;
}
