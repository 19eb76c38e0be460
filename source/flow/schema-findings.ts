/**
 * What the schema (schema.ts, checked by valibot) refuses, as findings at the key or value that
 * is wrong: every unknown key at once, missing keys at their map, and a condition explained
 * operator by operator.
 */
import * as v from 'valibot';
import {byPosition, type Finding, type Position} from './findings.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import {CONDITION_OPERATORS} from './format-words.js';
import {type Flow, FlowSchema} from './schema.js';
import type {Locator, PathSegment} from './yaml-positions.js';

/**
 * Checks parsed YAML data against the schema: the typed flow, or every finding. `reserved` are
 * the findings for keys that name JavaScript built-ins (found on the text, since valibot drops
 * such keys silently); they replace valibot's own "unknown key" for the same key.
 */
export function checkSchema(
	data: unknown,
	reserved: Finding[],
	file: string,
	locator: Locator,
): {flow: Flow} | {findings: Finding[]} {
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		const what =
			data === null || data === undefined
				? 'is empty'
				: Array.isArray(data)
					? 'holds a list'
					: `holds a single ${typeof data}`;
		const message = `the file ${what}: a flow is a map with id, version, title, languages, start and nodes (see flows/example.yaml)`;
		return {findings: [{file, code: 'W365E011', position: locator.value([]), message}]};
	}
	const parsed = parseSchema(data);
	if (parsed.output && reserved.length === 0) return {flow: parsed.output};
	const issues = parsed.issues.map((issue) => schemaFinding(issue, file, locator));
	// valibot also reports "__proto__" as an unknown key; the reserved-key finding says it better.
	const isReserved = (finding: Finding) =>
		finding.code === 'W365E010' &&
		reserved.some(
			(other) =>
				other.position?.line === finding.position?.line &&
				other.position?.column === finding.position?.column,
		);
	return {
		findings: [...reserved, ...issues.filter((issue) => !isReserved(issue))].sort(byPosition),
	};
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
