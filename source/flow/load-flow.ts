/**
 * Loads a flow file safely: size and encoding are checked before parsing (read-flow-file.ts), the
 * YAML is read by the fast reader or, for YAML it leaves alone, by yaml's document model with its
 * safety checks (yaml-fast-path.ts, yaml-full-path.ts), then the schema (schema-findings.ts) and
 * the flow's own rules (check-flow.ts) are checked. Every problem becomes a Finding with a
 * file:line:column; nothing here throws for bad input.
 */
import {byPosition, type Finding} from './findings.js';
import type {Flow} from './schema.js';
import {checkFlow} from './check-flow.js';
import {checkSchema} from './schema-findings.js';
import {readFlowFile} from './read-flow-file.js';
import type {Locator} from './yaml-positions.js';
import {readYamlFast} from './yaml-fast-path.js';
import {readYamlFull} from './yaml-full-path.js';
import {duplicateKeyMessage} from './yaml-safety.js';
import {withNullPrototypes} from './null-prototypes.js';

export type LoadedFlow = {
	file: string;
	flow?: Flow;
	findings: Finding[];
	locator?: Locator;
	/** The file's text, for hashing (the session log pins a flow by content). */
	source?: string;
};

/** Reads and checks a flow file. `flow` is set only when there are no findings. */
export function loadFlowFile(file: string): LoadedFlow {
	const read = readFlowFile(file);
	return 'finding' in read ? {file, findings: [read.finding]} : loadFlowText(read.text, file);
}

/**
 * Parses and checks flow text that is already in memory (the shipped flow, tests).
 *
 * The text is parsed once. Plain YAML, as flows are written, is read by the fast reader, which
 * also notes where every key and value starts, so findings get their positions without yaml's
 * document model (several times slower, and several times the memory). Anything else, hostile
 * input included, is read by yaml's document model, whose safety checks find what is wrong
 * with it. Either way the data then meets the same schema and flow checks, so the findings and
 * their order do not depend on which reader read the text.
 */
export function loadFlowText(source: string, file: string): LoadedFlow {
	const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
	const fast = readYamlFast(text);
	// Repeated keys stop the load before the schema, as on the full path.
	if (fast && 'duplicates' in fast) {
		const findings: Finding[] = fast.duplicates.map(({key, position}) => ({
			file,
			code: 'W365E002',
			position,
			message: duplicateKeyMessage(key),
		}));
		return {file, findings};
	}
	const read = fast ? {...fast, reserved: []} : readYamlFull(text, file);
	if ('findings' in read) return {file, findings: read.findings};
	const {locator} = read;
	const schema = checkSchema(read.data, read.reserved, file, locator);
	if ('findings' in schema) return {file, findings: schema.findings, locator, source: text};
	const flow = withNullPrototypes(schema.flow);
	const checks = checkFlow(flow, file, locator).sort(byPosition);
	return checks.length > 0
		? {file, findings: checks, locator, source: text}
		: {file, flow, findings: [], locator, source: text};
}
