/**
 * Loads a flow file safely: size and encoding are checked before parsing, YAML aliases are bounded
 * (no "billion laughs"), duplicate keys are errors, and nesting depth is bounded. Every problem
 * becomes a Finding with a file:line:column; nothing here throws for bad input.
 */
import {readFileSync, statSync} from 'node:fs';
import * as v from 'valibot';
import {
	isAlias,
	isCollection,
	isScalar,
	LineCounter,
	parseDocument,
	type Scalar,
	visit,
} from 'yaml';
import {type Finding, type Position} from './findings.js';
import {CONDITION_OPERATORS, FACT_NAMES, type Flow, FlowSchema} from './schema.js';
import {checkFlow} from './check-flow.js';
import {createLocator, type Locator, type PathSegment} from './yaml-positions.js';
import {parseYamlFast} from './yaml-fast-path.js';
import {withNullPrototypes} from './null-prototypes.js';

/** Far above any real flow (the shipped one is ~60 KB; a 10,000-node test flow ~2 MB). */
export const MAX_FLOW_BYTES = 8 * 1024 * 1024;
export const MAX_ALIASES = 100;
export const MAX_DEPTH = 64;

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
	let size: number;
	try {
		const stat = statSync(file);
		if (!stat.isFile()) {
			return fail(file, 'W365E006', 'is not a file: give the path of a .yaml flow file');
		}
		size = stat.size;
	} catch (error) {
		const reason =
			(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
		return fail(file, 'W365E006', `${reason}: check the path and permissions`);
	}
	if (size > MAX_FLOW_BYTES) {
		return fail(
			file,
			'W365E004',
			`is ${formatBytes(size)}; flow files are limited to ${formatBytes(MAX_FLOW_BYTES)}: split the flow or check that this is the right file`,
			{line: 1, column: 1},
		);
	}
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch {
		return fail(file, 'W365E006', 'cannot be read: check the permissions');
	}
	const decoded = decodeUtf8(bytes);
	if (typeof decoded !== 'string') {
		return fail(file, 'W365E003', decoded.message, decoded.position);
	}
	return loadFlowText(decoded, file);
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
	const lineCounter = new LineCounter();
	const position = (offset: number): Position => {
		const {line, col} = lineCounter.linePos(offset);
		return {line, column: col};
	};
	let document;
	try {
		document = parseDocument(text, {
			// Duplicate keys are found by findDuplicateKeys: yaml's own check compares each key with
			// every earlier one, which is quadratic in a 10,000-node flow's nodes map.
			uniqueKeys: false,
			prettyErrors: false,
			lineCounter,
			// Warnings (e.g. about a list used as a key) would go to stderr via process.emitWarning;
			// whatever matters is reported as a finding instead.
			logLevel: 'error',
		});
	} catch {
		// The parser is iterative, so this is not expected; keep the promise of no stack traces.
		return fail(file, 'W365E001', 'cannot be parsed as YAML', {line: 1, column: 1});
	}
	// yaml turns a stack overflow while composing very deep nesting into an error of its own.
	const exhausted = document.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
	if (exhausted) return fail(file, 'W365E007', tooDeepMessage, position(exhausted.pos[0]));
	// A tab used as indentation derails the parser for the rest of the block, and every error after
	// it is a consequence: report the tabs alone (one finding per tab-indented line).
	const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
	const errors =
		tabs.length > 0
			? tabs.filter(
					(error, index) =>
						index === 0 || position(error.pos[0]).line !== position(tabs[index - 1]!.pos[0]).line,
				)
			: document.errors;
	const findings: Finding[] = errors.map((error) => {
		// yaml notices an unclosed [, { or quote where the text after it ends; point at the opening
		// character instead, which is where the mistake is.
		const unclosed = /^Flow (sequence|map)|^Missing closing/.test(error.message)
			? unclosedStart(document, error.pos[0])
			: undefined;
		return {
			file,
			code: 'W365E001',
			position: position(unclosed ?? error.pos[0]),
			message:
				unclosed === undefined
					? yamlErrorMessage(error.code, error.message)
					: unclosedMessage(text[unclosed]!),
		};
	});
	if (tabs.length === 0) findings.push(...findDuplicateKeys(document, file, position));
	if (findings.length > 0) return {file, findings: findings.sort(byPosition)};

	const locator = createLocator(document, lineCounter);
	const tooDeep = findTooDeep(document);
	if (tooDeep !== undefined) {
		return fail(file, 'W365E007', tooDeepMessage, position(tooDeep));
	}
	const reserved = findReservedKeys(document, file, position);

	let data: unknown;
	try {
		data = document.toJS({maxAliasCount: MAX_ALIASES});
	} catch {
		// yaml throws a ReferenceError (not a YAMLParseError) when aliases expand too far.
		return fail(
			file,
			'W365E005',
			`aliases expand to too many nodes (more than ${MAX_ALIASES} per alias): remove the aliases (*name) and write the values out`,
			position(firstAliasOffset(document)),
		);
	}

	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		const what =
			data === null || data === undefined
				? 'is empty'
				: Array.isArray(data)
					? 'holds a list'
					: `holds a single ${typeof data}`;
		const message = `the file ${what}: a flow is a map with id, version, title, languages, start and nodes (see flows/example.yaml)`;
		return {
			file,
			findings: [{file, code: 'W365E011', position: locator.value([]), message}],
			locator,
			source: text,
		};
	}

	const parsed = parseSchema(data);
	if (!parsed.output || reserved.length > 0) {
		const issues = parsed.issues.map((issue) => schemaFinding(issue, file, locator));
		// valibot also reports "__proto__" as an unknown key; the reserved-key finding says it better.
		const isReserved = (finding: Finding) =>
			finding.code === 'W365E010' &&
			reserved.some(
				(other) =>
					other.position?.line === finding.position?.line &&
					other.position?.column === finding.position?.column,
			);
		const findings = [...reserved, ...issues.filter((issue) => !isReserved(issue))].sort(
			byPosition,
		);
		return {file, findings, locator, source: text};
	}
	const flow = withNullPrototypes(parsed.output);
	const checks = checkFlow(flow, file, locator).sort(byPosition);
	return checks.length > 0
		? {file, findings: checks, locator, source: text}
		: {file, flow, findings: [], locator, source: text};
}

function byPosition(a: Finding, b: Finding): number {
	return (
		(a.position?.line ?? 0) - (b.position?.line ?? 0) ||
		(a.position?.column ?? 0) - (b.position?.column ?? 0)
	);
}

function fail(
	file: string,
	code: Finding['code'],
	message: string,
	position?: Position,
): LoadedFlow {
	return {file, findings: [{file, code, message, position}]};
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.ceil(bytes / 1024)} KB`;
}

/** Decodes strict UTF-8; on failure names the line and column of the first bad byte. */
export function decodeUtf8(bytes: Buffer): string | {message: string; position: Position} {
	const nul = bytes.indexOf(0);
	try {
		const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
		if (nul === -1) return text;
	} catch {
		// Fall through to locate the first invalid byte.
	}
	const bad = nul === -1 ? firstInvalidUtf8(bytes) : Math.min(nul, firstInvalidUtf8(bytes));
	const before = bytes.subarray(0, bad);
	const lineStart = before.lastIndexOf(0x0a) + 1;
	const line = before.toString('latin1').split('\n').length;
	const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
	const utf16 =
		(bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
	const what = utf16
		? 'a UTF-16 byte order mark (the file is UTF-16)'
		: bad === nul
			? 'a NUL byte (this looks like a binary file)'
			: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}, which is not valid UTF-8`;
	return {
		message: `contains ${what}: save the flow as UTF-8 text`,
		position: {line, column},
	};
}

/** Offset of the first byte of the first sequence that strict UTF-8 decoding rejects. */
function firstInvalidUtf8(bytes: Buffer): number {
	const decodes = (length: number, stream: boolean) => {
		try {
			new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, length), {stream});
			return true;
		} catch {
			return false;
		}
	};
	if (decodes(bytes.length, false)) return bytes.length;
	// A prefix decodes in streaming mode exactly when it holds no invalid sequence (an incomplete
	// one at its end is still awaited), so a binary search finds the byte that makes it invalid;
	// if every prefix streams, the file ends inside a sequence.
	let low = bytes.length;
	if (!decodes(bytes.length, true)) {
		low = 0;
		let high = bytes.length; // decodes(low) holds, decodes(high) does not
		while (high - low > 1) {
			const middle = (low + high) >>> 1;
			if (decodes(middle, true)) low = middle;
			else high = middle;
		}
	}
	// That byte may only reveal a sequence begun before it (é in Latin-1 is 0xe9, a lead byte,
	// and the next byte is what breaks it): point at the lead byte, where the bad character is.
	if (decodes(low, false)) return low;
	let start = low - 1;
	while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
	return start;
}

const tooDeepMessage = `nesting is deeper than ${MAX_DEPTH} levels: a flow never needs this; flatten it`;

function findTooDeep(document: ReturnType<typeof parseDocument>): number | undefined {
	let found: number | undefined;
	visit(document, {
		Node(_key, node, path) {
			// `path` holds each ancestor pair and collection; collections alone measure depth (a
			// sequence nested in a sequence adds no pair, so the path length alone would let a
			// flow-sequence nest twice as deep as a map).
			if (
				path.length > MAX_DEPTH &&
				path.filter((ancestor) => isCollection(ancestor)).length > MAX_DEPTH
			) {
				found = node.range?.[0] ?? 0;
				return visit.BREAK;
			}
			return undefined;
		},
	});
	return found;
}

/** Keys repeated in one map, in linear time. Keys are compared as the parsed data will name them,
 * so `1:` and `"1":` (both "1") count as the same key too. */
function findDuplicateKeys(
	document: ReturnType<typeof parseDocument>,
	file: string,
	position: (offset: number) => Position,
): Finding[] {
	const findings: Finding[] = [];
	visit(document, {
		Map(_key, map) {
			const seen = new Set<string>();
			for (const pair of map.items) {
				if (!isScalar(pair.key)) continue;
				const key = String(pair.key.value);
				if (seen.has(key)) {
					findings.push({
						file,
						code: 'W365E002',
						position: position(pair.key.range?.[0] ?? 0),
						message: `duplicate key "${key}": a key may appear only once in a map (the second would silently replace the first); rename or remove this one`,
					});
				}
				seen.add(key);
			}
		},
	});
	return findings;
}

/** Keys that name JavaScript built-ins. valibot silently drops them from records and objects
 * (a node called "constructor" would vanish without a word), so they are refused up front. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findReservedKeys(
	document: ReturnType<typeof parseDocument>,
	file: string,
	position: (offset: number) => Position,
): Finding[] {
	const findings: Finding[] = [];
	visit(document, {
		Pair(_key, pair) {
			const key = isScalar(pair.key) ? pair.key.value : undefined;
			if (typeof key !== 'string' || !RESERVED_KEYS.has(key)) return;
			findings.push({
				file,
				code: 'W365E010',
				position: position((pair.key as Scalar).range?.[0] ?? 0),
				message: `"${key}" cannot be used as a key or an id (it names a JavaScript built-in): rename it, e.g. "${key.replace(/_/g, '')}-node"`,
			});
		},
	});
	return findings;
}

function firstAliasOffset(document: ReturnType<typeof parseDocument>): number {
	let offset = 0;
	visit(document, {
		Alias(_key, node) {
			if (isAlias(node)) offset = node.range?.[0] ?? 0;
			return visit.BREAK;
		},
	});
	return offset;
}

/** Start of the bracketed collection or quoted string that runs on to `end` without closing. */
function unclosedStart(
	document: ReturnType<typeof parseDocument>,
	end: number,
): number | undefined {
	let found: number | undefined;
	visit(document, {
		Node(_key, node) {
			const opens =
				(isCollection(node) && node.flow) ||
				(isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
			if (opens && node.range?.[1] === end) {
				found = node.range[0];
				return visit.BREAK;
			}
			return undefined;
		},
	});
	return found;
}

function unclosedMessage(open: string): string {
	if (open === '"' || open === "'")
		return `this quoted text is never closed: add the closing ${open} (or, inside the text, write ${open === '"' ? '\\"' : "''"} for a ${open})`;
	const close = open === '[' ? ']' : '}';
	return `this ${open} is never closed: add the ${close} (a list or map written in brackets ends with ${close}; a line that continues it must be indented)`;
}

function yamlErrorMessage(code: string, message: string): string {
	const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
	switch (code) {
		case 'MULTIPLE_DOCS':
			return 'a second YAML document starts here: a flow file holds one flow; remove the --- line or put the second flow in a file of its own';
		case 'TAB_AS_INDENT':
			return 'a tab is used for indentation: YAML allows only spaces; replace the tab with spaces';
		default:
			return `${first}: fix the YAML syntax here`;
	}
}

type Issue = v.InferIssue<typeof FlowSchema>;

const isUnknownKey = (issue: Issue) =>
	issue.type === 'strict_object' && issue.expected === 'never' && (issue.path?.length ?? 0) > 0;

/** valibot reports only the first unknown key of each map, so the keys it names are dropped and
 * the data parsed again (a bounded number of times): every unknown key is reported at once. */
function parseSchema(data: object): {output?: Flow; issues: Issue[]} {
	const first = v.safeParse(FlowSchema, data);
	if (first.success) return {output: first.output, issues: []};
	const issues: Issue[] = [...first.issues];
	let unknown = first.issues.filter(isUnknownKey);
	for (let round = 0; round < 32 && unknown.length > 0; round++) {
		for (const issue of unknown) {
			const item = issue.path!.at(-1)!;
			delete (item.input as Record<PropertyKey, unknown>)[item.key as PropertyKey];
		}
		const again = v.safeParse(FlowSchema, data);
		unknown = again.success ? [] : again.issues.filter(isUnknownKey);
		issues.push(...unknown);
	}
	return {issues};
}

const TYPE_NAMES: Record<string, string> = {
	Array: 'a list',
	Object: 'a map of key: value',
	string: 'a string (quote it if it looks like a number or true/false)',
	boolean: 'true or false',
};

function schemaFinding(issue: Issue, file: string, locator: Locator): Finding {
	const path: PathSegment[] = (issue.path ?? []).map((item) => item.key as PathSegment);
	const where = path.length > 0 ? path.join('.') : 'the flow';
	if (isUnknownKey(issue)) {
		const key = String(path.at(-1));
		return {
			file,
			code: 'W365E010',
			position: locator.key(path),
			message: `unknown key "${key}" in ${path.slice(0, -1).join('.') || 'the flow'}: check its spelling (flows/flow.schema.json lists the allowed keys)`,
		};
	}
	if (issue.input === undefined && path.length > 0) {
		return {
			file,
			code: 'W365E011',
			position: locator.value(path.slice(0, -1)),
			message: `missing "${String(path.at(-1))}" in ${path.slice(0, -1).join('.') || 'the flow'}: add it`,
		};
	}
	const condition =
		path.at(-2) === 'when' && typeof path.at(-1) === 'number'
			? conditionFinding(issue.input, path, file, locator)
			: undefined;
	if (condition) return condition;
	const expected =
		issue.expected === null ? 'another value' : (TYPE_NAMES[issue.expected] ?? issue.expected);
	const custom = issue.message.startsWith('Invalid')
		? `expected ${expected}, got ${issue.received}`
		: issue.message;
	return {file, code: 'W365E011', position: locator.value(path), message: `${where}: ${custom}`};
}

/**
 * A condition the schema refused, explained at the key or value that is wrong (valibot can only
 * say that none of the condition shapes fit, at the condition's `{`).
 */
function conditionFinding(
	input: unknown,
	path: PathSegment[],
	file: string,
	locator: Locator,
): Finding | undefined {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
	const finding = (at: Position, message: string): Finding => ({
		file,
		code: 'W365E011',
		position: at,
		message: `${path.join('.')}: ${message}`,
	});
	const condition = input as Record<string, unknown>;
	const facts = FACT_NAMES.join(', ');
	const operators = CONDITION_OPERATORS.join(', ');
	for (const key of Object.keys(condition)) {
		if (key !== 'fact' && !(CONDITION_OPERATORS as readonly string[]).includes(key)) {
			return finding(
				locator.key([...path, key]),
				`"${key}" is not part of a condition: a condition is {fact: NAME, OPERATOR: value} with one operator of: ${operators}`,
			);
		}
	}
	if (!('fact' in condition))
		return finding(
			locator.value(path),
			`the condition names no fact: add fact: NAME, one of: ${facts}`,
		);
	const fact = condition.fact;
	if (typeof fact !== 'string' || !(FACT_NAMES as readonly string[]).includes(fact)) {
		return finding(
			locator.value([...path, 'fact']),
			`${JSON.stringify(fact)} is not a fact: use one of: ${facts}`,
		);
	}
	const used = CONDITION_OPERATORS.filter((operator) => operator in condition);
	if (used.length !== 1) {
		const at = used.length === 0 ? locator.value(path) : locator.key([...path, used[1]!]);
		return finding(
			at,
			`a condition has exactly one operator (${operators}); this one has ${used.length === 0 ? 'none' : used.join(' and ')}`,
		);
	}
	const operator = used[0]!;
	const value = condition[operator];
	const at = locator.value([...path, operator]);
	const scalar = (item: unknown) => typeof item === 'string' || typeof item === 'boolean';
	switch (operator) {
		case 'equals':
			return scalar(value)
				? undefined
				: finding(
						at,
						`equals takes a string or true/false, got ${describe(value)} (quote numbers and builds, e.g. "24H2")`,
					);
		case 'in':
			if (!Array.isArray(value))
				return finding(at, `in takes a list, e.g. in: ["23H2", "24H2"]; got ${describe(value)}`);
			{
				const index = value.findIndex((item) => !scalar(item));
				return index === -1
					? undefined
					: finding(
							locator.value([...path, 'in', index]),
							`each value in in: is a string or true/false, got ${describe(value[index])} (quote it)`,
						);
			}
		case 'gte':
		case 'lt':
			return typeof value === 'string' && /^\d+(\.\d+)*$/.test(value)
				? undefined
				: finding(
						at,
						`${operator} takes a build written as a quoted string like "26100.7627", got ${describe(value)}`,
					);
		case 'contains':
			return typeof value === 'string'
				? undefined
				: finding(at, `contains takes a string, e.g. contains: KB5077744; got ${describe(value)}`);
		case 'known':
			return typeof value === 'boolean'
				? undefined
				: finding(at, `known takes true or false, got ${describe(value)}`);
	}
	return undefined;
}

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a map';
	return `${typeof value} ${JSON.stringify(value)}`;
}
