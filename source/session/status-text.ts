/** How a session ended (or not), in words: for `sessions`, exports and `watch`. */
import type {Language, Outcome} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {InterruptedEvent} from './events.js';
import type {SessionStatus} from './list-sessions.js';
import {sessionStrings} from './session-strings.js';

export function statusText(
	{
		status,
		outcome,
		reason,
	}: {status: SessionStatus; outcome?: Outcome; reason?: InterruptedEvent['reason'] | string},
	language: Language,
): string {
	const t = sessionStrings(language);
	if (outcome) return strings(language).outcome[outcome];
	switch (status) {
		case 'interrupted':
			return t.interrupted(
				reason && reason in t.reason
					? t.reason[reason as InterruptedEvent['reason']]
					: (reason ?? ''),
			);
		case 'in-progress':
			return t.inProgress;
		case 'unfinished':
		case 'finished':
			return t.unfinished;
	}
}
