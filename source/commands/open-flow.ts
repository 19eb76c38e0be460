import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatFinding} from '../flow/findings.js';
import {loadFlowFile} from '../flow/load-flow.js';
import type {Flow} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

/** The flow shipped with the app. This module runs from dist/cli.js (bundled) and from
 * source/commands/ (tests), so look upwards for the package's flows/ folder. */
export const SHIPPED_FLOW = findShipped(join('flows', 'w365-avd-2026-01.yaml'));

function findShipped(relative: string): string {
	let directory = dirname(fileURLToPath(import.meta.url));
	for (let level = 0; level < 3; level++) {
		if (existsSync(join(directory, relative))) return join(directory, relative);
		directory = dirname(directory);
	}
	return join(dirname(fileURLToPath(import.meta.url)), '..', relative);
}

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
