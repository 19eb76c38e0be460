/**
 * The event that says a walk stopped before its end (a quit, a signal, a terminal that went
 * away): what a resume starts from. Apart from resume-session.ts, which a walk does not load.
 */
import {currentStep, type State, stepNumber} from '../engine/engine.js';
import type {InterruptedEvent} from './events.js';
import type {SessionLog} from './session-log.js';

/** Records why an unfinished walk stopped (quit, end of input, a gate, a signal). Never throws. */
export function recordInterrupted(
	log: Pick<SessionLog, 'record'>,
	state: State,
	reason: InterruptedEvent['reason'],
): void {
	log.record({type: 'interrupted', step: stepNumber(state), node: currentStep(state).node, reason});
}
