import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatFinding} from '../flow/findings.js';
import type {LoadedFlow} from '../flow/load-flow.js';
import {withNullPrototypes} from '../flow/null-prototypes.js';
import type {Flow} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {embeddedFlow} from '../flow/embedded-flow.js';
import {hashFlow} from '../session/flow-hash.js';
import {FlowError} from './flow-error.js';

/** The flow shipped with the app. This module runs from dist/ (bundled) and from
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

/** A flow ready to walk: its file, and the hash of its text (flow-hash.ts), which pins a session. */
export type OpenedFlow = {flow: Flow; file: string; hash: string};

/** Opens a flow file (undefined: the shipped flow), refusing one with findings. */
export type FlowOpener = (file: string | undefined) => OpenedFlow;

/**
 * A synchronous opener, for callers that open a flow in the middle of other work (resuming a
 * session). The YAML loader is loaded here, on demand: a plain run of the shipped flow never
 * needs it.
 */
export async function flowOpener(): Promise<FlowOpener> {
	const {loadFlowFile} = await import('../flow/load-flow.js');
	return (file) =>
		(file === undefined ? shippedFlow() : undefined) ?? checked(loadFlowFile(file ?? SHIPPED_FLOW));
}

/** Loads a flow for running or drawing; a flow with findings is refused, listing them all. */
export async function openFlow(file: string | undefined): Promise<OpenedFlow> {
	return (file === undefined ? shippedFlow() : undefined) ?? (await flowOpener())(file);
}

/** The shipped flow as the build checked and embedded it (undefined when run from source). */
function shippedFlow(): OpenedFlow | undefined {
	const embedded = embeddedFlow();
	return (
		embedded && {
			flow: withNullPrototypes(embedded.flow),
			file: SHIPPED_FLOW,
			hash: embedded.sha256,
		}
	);
}

function checked(loaded: LoadedFlow): OpenedFlow {
	if (!loaded.flow) {
		const lines = loaded.findings.map((finding) => sanitizeText(formatFinding(finding)));
		throw new FlowError(
			`${lines.join('\n')}\nThe flow has ${lines.length} problem(s); fix them (w365-triage validate ${sanitizeText(loaded.file)}) and try again.`,
		);
	}
	return {flow: loaded.flow, file: loaded.file, hash: hashFlow(loaded.source!)};
}
