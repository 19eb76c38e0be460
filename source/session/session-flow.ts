/**
 * The flow a session was recorded with, loaded from the file its start event names, and only
 * used when that file may be trusted (flow-trust.ts: the shipped flow, or the user's own file
 * nobody else can change) and its content hash still matches (export labels, watch renders the
 * real screen).
 */
import {loadFlowFile} from '../flow/load-flow.js';
import type {Flow} from '../flow/schema.js';
import type {StartEvent} from './events.js';
import {hashFlow} from './flow-hash.js';
import {embeddedFlow} from '../flow/embedded-flow.js';
import {withNullPrototypes} from '../flow/null-prototypes.js';
import {flowTrust} from './flow-trust.js';

export type SessionFlow =
	| {status: 'ok'; flow: Flow; hash: string}
	/** The file loads but its text differs from the recorded hash. */
	| {status: 'changed'; flow: Flow; hash: string}
	/** The file is gone, unreadable, no longer a valid flow, or not to be trusted (`why`). */
	| {status: 'missing'; why?: string};

/** `load` replaces the file system in tests (and then the file is not checked for trust). */
export function loadSessionFlow(start: StartEvent, load?: typeof loadFlowFile): SessionFlow {
	if (!load) {
		const trust = flowTrust(start.flow.file);
		if (!trust.ok)
			return {
				status: 'missing',
				...(trust.missing ? {} : {why: `${start.flow.file} ${trust.why}`}),
			};
		// The shipped flow, as the build checked and embedded it: no YAML to parse.
		const embedded = trust.shipped ? embeddedFlow() : undefined;
		if (embedded) {
			const status = embedded.sha256 === start.flow.hash ? 'ok' : 'changed';
			return {status, flow: withNullPrototypes(embedded.flow), hash: embedded.sha256};
		}
	}
	const loaded = (load ?? loadFlowFile)(start.flow.file);
	if (!loaded.flow || loaded.source === undefined) return {status: 'missing'};
	const hash = hashFlow(loaded.source);
	return {status: hash === start.flow.hash ? 'ok' : 'changed', flow: loaded.flow, hash};
}
