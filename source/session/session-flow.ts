/**
 * The flow a session was recorded with, loaded from the file its start event names, and only
 * trusted when its content hash still matches (export labels, watch renders the real screen).
 */
import {loadFlowFile} from '../flow/load-flow.js';
import type {Flow} from '../flow/schema.js';
import type {StartEvent} from './events.js';
import {hashFlow} from './flow-hash.js';

export type SessionFlow =
	| {status: 'ok'; flow: Flow; source: string}
	/** The file loads but its text differs from the recorded hash. */
	| {status: 'changed'; flow: Flow; source: string}
	/** The file is gone, unreadable or no longer a valid flow. */
	| {status: 'missing'};

export function loadSessionFlow(start: StartEvent, load: typeof loadFlowFile = loadFlowFile): SessionFlow {
	const loaded = load(start.flow.file);
	if (!loaded.flow || loaded.source === undefined) return {status: 'missing'};
	const status = hashFlow(loaded.source) === start.flow.hash ? 'ok' : 'changed';
	return {status, flow: loaded.flow, source: loaded.source};
}
