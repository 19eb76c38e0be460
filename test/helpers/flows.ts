import {fileURLToPath} from 'node:url';
import {loadFlowFile} from '../../source/flow/load-flow.js';
import {formatFinding} from '../../source/flow/findings.js';
import type {Flow} from '../../source/flow/schema.js';
import {hashFlow} from '../../source/session/flow-hash.js';

export const EXAMPLE_FLOW = fileURLToPath(new URL('../../flows/example.yaml', import.meta.url));

/** Loads a flow that must be valid, with the file's text (which session logs pin by its hash); a
 * test fails with the findings if it is not valid. */
/** Loads a flow file that must be valid, with its text and the hash of that text (flow-hash.ts). */
export function loadValidFlowFile(file: string): {
	file: string;
	flow: Flow;
	source: string;
	hash: string;
} {
	const loaded = loadFlowFile(file);
	if (!loaded.flow || loaded.source === undefined)
		throw new Error(loaded.findings.map(formatFinding).join('\n'));
	return {file, flow: loaded.flow, source: loaded.source, hash: hashFlow(loaded.source)};
}

/** Loads a flow that must be valid; a test fails with the findings if it is not. */
export function loadValidFlow(file: string): Flow {
	return loadValidFlowFile(file).flow;
}

export const INCIDENT_FLOW = fileURLToPath(
	new URL('../../flows/w365-avd-2026-01.yaml', import.meta.url),
);
