/**
 * Does a log tell one possible story? A log can be hand-edited, planted, or (before claims) written
 * by two programs at once; a reader that printed it as it stands would present an impossible
 * timeline as fact. This checks the events in order and says where the story stops making sense:
 * without the flow, that there is a single start and that each event happens where the previous
 * ones left the person; with the flow (the one the log was recorded with), also that each answer
 * is one the step has and leads where the flow leads, that acknowledgements are the gate's items,
 * that outcomes are reached only at end nodes, and that going back goes back along the path.
 *
 * Pure: callers (export, sessions, watch) show the result as a short mark.
 */
import type {Flow} from '../flow/schema.js';
import type {SessionEvent} from './events.js';
import {type Place, placeAfter} from './list-sessions.js';
import {applyEvent, type Rebuilt, startFacts} from './rebuild-state.js';
import {start as startEngine} from '../engine/engine.js';

export type StoryCheck =
	| {ok: true}
	| {
			ok: false;
			/** 1-based position of the first event that does not fit (among the log's valid events). */
			event: number;
			/** What is wrong, as a clause ("a second start event"). */
			problem: string;
	  };

/** Where the story of `events` stops making sense; `flow` adds the flow's rules (pass it only when its hash matches). */
export function checkStory(events: readonly SessionEvent[], flow?: Flow): StoryCheck {
	const start = events[0];
	if (start?.type !== 'start')
		return {ok: false, event: 1, problem: 'the log does not begin with a start event'};
	const origin: Place = {step: 1, node: start.node};
	let place: Place = origin;
	let ended = false;
	let rebuilt: Rebuilt | undefined;
	if (flow) {
		try {
			rebuilt = {state: startEngine(flow, startFacts(start)), language: start.language};
		} catch (error) {
			return {
				ok: false,
				event: 1,
				problem: `the flow cannot start this session (${(error as Error).message})`,
			};
		}
	}
	for (let index = 1; index < events.length; index++) {
		const event = events[index]!;
		const fail = (problem: string): StoryCheck => ({ok: false, event: index + 1, problem});
		if (event.type === 'start')
			return fail('a second start event (two sessions written into one file)');
		if (event.type !== 'fact' && event.type !== 'language') {
			if (event.node !== place.node || event.step !== place.step) {
				return fail(
					`${event.type} at step ${event.step} · ${event.node}, but the walk was at step ${place.step} · ${place.node}`,
				);
			}
			if (ended && (event.type === 'answer' || event.type === 'ack'))
				return fail(`${event.type} after the outcome was reached`);
			if (event.type === 'back' && event.to.step >= place.step)
				return fail(`going back from step ${place.step} to step ${event.to.step}`);
		}
		if (event.type === 'outcome') ended = true;
		else if (event.type === 'back' || event.type === 'restart') ended = false;
		if (rebuilt) {
			try {
				rebuilt = applyEvent(rebuilt, event, index + 1);
			} catch (error) {
				return fail(explain((error as Error).message));
			}
		}
		place = placeAfter(event, origin);
	}
	return {ok: true};
}

/** applyEvent's message says what it could not do and then what to do; keep the what. */
function explain(message: string): string {
	const match = /cannot be replayed: (.*?)\. The log does not match the flow/s.exec(message);
	return match?.[1] ?? message;
}
