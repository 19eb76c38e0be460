/**
 * Which fact wins when several sources name it: what a person states outranks what was detected
 * (flags > file > detected), because a person can see what a probe cannot, and may be describing
 * someone else's machine.
 */
import type {FactName} from './fact-names.js';
import type {Facts} from './fact-values.js';

/** Facts about the machine being triaged (as opposed to where the app runs). */
const TRIAGED_MACHINE: readonly FactName[] = [
	'os.product',
	'os.version',
	'os.build',
	'os.remoteSession',
	'hotfixes',
];

export function mergeFacts(detected: Facts, file: Facts = {}, flags: Facts = {}): Facts {
	const given = {...file, ...flags};
	const merged: Facts = {...detected, ...given};
	// Once a person describes the machine being triaged, no detected OS fact may be mixed in: it
	// describes the machine the app runs on, which may be another one (an admin box, a Windows
	// Server jump host). Mixing a detected "Windows Server 2025" with a given Windows 11 build
	// would compare the build against the wrong row. Let the flow ask for what was not given.
	// (A correction typed on the detect screen is about this machine, so it does not count.)
	const describesAnother = TRIAGED_MACHINE.some(
		(name) => given[name]?.origin === 'flag' || given[name]?.origin === 'file',
	);
	if (describesAnother) {
		for (const name of [...TRIAGED_MACHINE, 'os.family'] as const) {
			if (given[name] === undefined && merged[name]?.origin === 'detected') delete merged[name];
		}
	}
	return merged;
}

/**
 * Detection finishing after the first frame: its facts fill in, but never replace anything a
 * person gave or corrected meanwhile (only earlier detected values are replaced).
 */
export function applyDetected(current: Facts, detected: Facts): Facts {
	const stated: Facts = {};
	for (const [name, fact] of Object.entries(current) as [
		FactName,
		NonNullable<Facts[FactName]>,
	][]) {
		if (fact.origin !== 'detected') stated[name] = fact;
	}
	return mergeFacts(detected, stated);
}
