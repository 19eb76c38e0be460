/**
 * Loads a flow file safely: size and encoding are checked before parsing (read-flow-file.ts), the
 * YAML is read by the fast reader or, for YAML it leaves alone, by yaml's document model with its
 * safety checks (yaml-fast-path.ts, yaml-full-path.ts), then the schema (schema-findings.ts) and
 * the flow's own rules (check-flow.ts) are checked. Every problem becomes a Finding with a
 * file:line:column; nothing here throws for bad input.
 */
import * as v from 'valibot';
import {LineCounter, parseDocument} from 'yaml';
import {byPosition, type Finding} from './findings.js';
import {FlowSchema, type Flow} from './schema.js';
import {checkFlow} from './check-flow.js';
import {checkSchema} from './schema-findings.js';
import {readFlowFile} from './read-flow-file.js';
import {createLocator, type Locator} from './yaml-positions.js';
import {parseYamlFast} from './yaml-fast-path.js';
import {readYamlFull} from './yaml-full-path.js';
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

/** Parses and checks flow text that is already in memory (the shipped flow, tests). */
export function loadFlowText(source: string, file: string): LoadedFlow {
	const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
	return loadClean(text, file) ?? loadWithPositions(text, file);
}

/** Positions are only needed for findings, so checks on the fast path get a stand-in. */
const NO_POSITIONS: Locator = {
	value: () => ({line: 0, column: 0}),
	key: () => ({line: 0, column: 0}),
};

/**
 * The fast path (see yaml-fast-path.ts): a flow in plain YAML that passes every check is loaded
 * without building yaml's document model. Any finding, or any YAML the fast reader leaves alone,
 * returns undefined, and the full path below does the work again with positions: so findings and
 * their order are exactly the full path's, and hostile input only ever meets the full path.
 */
function loadClean(text: string, file: string): LoadedFlow | undefined {
	const data = parseYamlFast(text);
	if (data === undefined) return undefined;
	const parsed = v.safeParse(FlowSchema, data);
	if (!parsed.success) return undefined;
	const flow = withNullPrototypes(parsed.output);
	if (checkFlow(flow, file, NO_POSITIONS).length > 0) return undefined;
	return {file, flow, findings: [], locator: lazyLocator(text), source: text};
}

/** A locator for a clean flow, built from yaml's document model only if someone asks. */
function lazyLocator(text: string): Locator {
	let locator: Locator | undefined;
	const real = () => {
		if (locator) return locator;
		const lineCounter = new LineCounter();
		locator = createLocator(
			parseDocument(text, {uniqueKeys: false, lineCounter, logLevel: 'error'}),
			lineCounter,
		);
		return locator;
	};
	return {value: (path) => real().value(path), key: (path) => real().key(path)};
}

/** The full path: yaml's document model, every syntax and safety check, positions for all. */
function loadWithPositions(text: string, file: string): LoadedFlow {
	const read = readYamlFull(text, file);
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
