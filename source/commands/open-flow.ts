import {fileURLToPath} from 'node:url';
import {formatFinding} from '../flow/findings.js';
import {loadFlowFile} from '../flow/load-flow.js';
import type {Flow} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

/** The flow shipped with the app (resolved from dist/ or source/ alike). */
export const SHIPPED_FLOW = fileURLToPath(new URL('../../flows/example.yaml', import.meta.url));

export class FlowError extends Error {}

/** Loads a flow for running or drawing; a flow with findings is refused, listing them all. */
export function openFlow(file: string | undefined): {flow: Flow; file: string; source: string} {
	const path = file ?? SHIPPED_FLOW;
	const loaded = loadFlowFile(path);
	if (!loaded.flow) {
		const lines = loaded.findings.map((finding) => sanitizeText(formatFinding(finding)));
		throw new FlowError(`${lines.join('\n')}\nThe flow has ${lines.length} problem(s); fix them (w365-triage validate ${sanitizeText(path)}) and try again.`);
	}
	return {flow: loaded.flow, file: path, source: loaded.source!};
}
