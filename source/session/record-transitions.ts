/**
 * Engine transitions that also report what happened, as session events. Front ends call these
 * instead of the bare engine functions, so every front end logs the same way.
 */
import * as engine from '../engine/engine.js';
import type {State} from '../engine/engine.js';
import type {Facts, FactValue, FactOrigin} from '../facts/fact-values.js';
import {applyDetected} from '../facts/merge-facts.js';
import type {FactName, Language} from '../flow/schema.js';
import type {SessionEventInput} from './events.js';

export type Record = (event: SessionEventInput) => void;

export type Transitions = ReturnType<typeof recordTransitions>;

export function recordTransitions(record: Record) {
	const here = (state: State) => ({
		step: engine.stepNumber(state),
		node: engine.currentStep(state).node,
	});
	return {
		answer(state: State, id: string, options: engine.AnswerOptions = {}): State {
			const next = engine.answer(state, id, options);
			record({
				type: 'answer',
				...here(state),
				answer: id,
				next: engine.currentStep(next).node,
				...(options.auto ? {auto: true} : {}),
			});
			const outcome = engine.outcome(next);
			if (outcome) record({type: 'outcome', ...here(next), outcome});
			return next;
		},
		acknowledge(state: State, item: string): State {
			const next = engine.acknowledge(state, item);
			if (next !== state) record({type: 'ack', ...here(state), item});
			return next;
		},
		notApplicable(state: State, item: string, reason: string): State {
			const next = engine.markNotApplicable(state, item, reason);
			const marked = engine.currentStep(next).na?.find((entry) => entry.item === item);
			if (next !== state && marked)
				record({type: 'not-applicable', ...here(state), item, reason: marked.reason});
			return next;
		},
		unacknowledge(state: State, item: string): State {
			const next = engine.unacknowledge(state, item);
			if (next !== state) record({type: 'ack', ...here(state), item, undo: true});
			return next;
		},
		back(state: State, count = 1): engine.BackResult {
			const result = engine.back(state, count);
			record({
				type: 'back',
				...here(state),
				to: here(result.state),
				invalidated: result.invalidated,
			});
			return result;
		},
		backTo(state: State, number: number): engine.BackResult {
			const result = engine.backTo(state, number);
			record({
				type: 'back',
				...here(state),
				to: here(result.state),
				invalidated: result.invalidated,
			});
			return result;
		},
		restart(state: State): State {
			record({type: 'restart', ...here(state)});
			return engine.restart(state);
		},
		setFact(
			state: State,
			name: FactName,
			value: FactValue,
			origin: FactOrigin,
			via?: string,
		): State {
			record({type: 'fact', ...here(state), name, value, origin, ...(via ? {via} : {})});
			return engine.setFact(state, name, value, origin, via);
		},
		/** Detection finished (after the first frame): fill in what nobody gave or corrected. */
		detected(state: State, detected: Facts): State {
			const facts = applyDetected(state.facts, detected);
			for (const [name, fact] of Object.entries(facts) as [
				FactName,
				NonNullable<Facts[FactName]>,
			][]) {
				if (fact.origin === 'detected')
					record({
						type: 'fact',
						...here(state),
						name,
						value: fact.value,
						origin: 'detected',
						...(fact.via ? {via: fact.via} : {}),
					});
			}
			return engine.replaceFacts(state, facts);
		},
		language(state: State, language: Language): void {
			record({type: 'language', ...here(state), language});
		},
	};
}
