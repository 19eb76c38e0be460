/**
 * Which fact wins when several sources name it: what a person states outranks what was detected
 * (flags > file > detected), because a person can see what a probe cannot, and may be describing
 * someone else's machine.
 */
import type {FactName} from '../flow/schema.js';
import type {Facts} from './fact-values.js';

/** Facts about the machine being triaged (as opposed to where the app runs). */
const TRIAGED_MACHINE: readonly FactName[] = ['os.product', 'os.version', 'os.build', 'os.remoteSession', 'hotfixes'];

export function mergeFacts(detected: Facts, file: Facts = {}, flags: Facts = {}): Facts {
	const given = {...file, ...flags};
	const merged: Facts = {...detected, ...given};
	// On an admin box the detected os.family is the admin's own (linux, darwin). Once someone
	// describes the machine being triaged, that family would contradict it: drop it, and let the
	// flow ask, rather than guess "windows".
	const adminBox = detected['app.role']?.origin === 'detected' && detected['app.role'].value === 'admin-box';
	if (adminBox && given['os.family'] === undefined && TRIAGED_MACHINE.some((name) => given[name] !== undefined)) {
		delete merged['os.family'];
	}
	return merged;
}

/**
 * Detection finishing after the first frame: its facts fill in, but never replace anything a
 * person gave or corrected meanwhile (only earlier detected values are replaced).
 */
export function applyDetected(current: Facts, detected: Facts): Facts {
	const stated: Facts = {};
	for (const [name, fact] of Object.entries(current) as [FactName, NonNullable<Facts[FactName]>][]) {
		if (fact.origin !== 'detected') stated[name] = fact;
	}
	return mergeFacts(detected, stated);
}
