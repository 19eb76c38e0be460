/**
 * The full path: flow text read with yaml's document model, which takes any YAML, and every
 * syntax and safety check on it (syntax errors, duplicate keys, nesting depth, keys that name
 * built-ins, alias bombs), with a position for each. Slower than yaml-fast-path.ts and several
 * times its memory, so the loader takes it only for YAML the fast reader leaves alone.
 */
import {type Document, LineCounter, parseDocument} from 'yaml';
import {byPosition, type Finding, type Position} from './findings.js';
import {
	findDuplicateKeys,
	findReservedKeys,
	findTooDeep,
	firstAliasOffset,
	MAX_ALIASES,
	TOO_DEEP_MESSAGE,
} from './yaml-safety.js';
import {hasTabIndentation, yamlSyntaxFindings} from './yaml-syntax-findings.js';
import {createLocator, type Locator} from './yaml-positions.js';

/** The data with a locator for its positions, or the findings that stop before the schema.
 * `reserved`: keys that name built-ins, reported together with the schema's findings. */
export type YamlRead =
	| {data: unknown; locator: Locator; reserved: Finding[]}
	| {findings: Finding[]};

export function readYamlFull(text: string, file: string): YamlRead {
	const lineCounter = new LineCounter();
	const position = (offset: number): Position => {
		const {line, col} = lineCounter.linePos(offset);
		return {line, column: col};
	};
	const fail = (code: Finding['code'], message: string, at: Position): YamlRead => ({
		findings: [{file, code, message, position: at}],
	});
	let document: Document;
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
		return fail('W365E001', 'cannot be parsed as YAML', {line: 1, column: 1});
	}
	// yaml turns a stack overflow while composing very deep nesting into an error of its own.
	const exhausted = document.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
	if (exhausted) return fail('W365E007', TOO_DEEP_MESSAGE, position(exhausted.pos[0]));
	const findings = yamlSyntaxFindings(document, text, file, position);
	if (!hasTabIndentation(document)) findings.push(...findDuplicateKeys(document, file, position));
	if (findings.length > 0) return {findings: findings.sort(byPosition)};

	const locator = createLocator(document, lineCounter);
	const tooDeep = findTooDeep(document);
	if (tooDeep !== undefined) return fail('W365E007', TOO_DEEP_MESSAGE, position(tooDeep));
	const reserved = findReservedKeys(document, file, position);
	try {
		return {data: document.toJS({maxAliasCount: MAX_ALIASES}), locator, reserved};
	} catch {
		// yaml throws a ReferenceError (not a YAMLParseError) when aliases expand too far.
		return fail(
			'W365E005',
			`aliases expand to too many nodes (more than ${MAX_ALIASES} per alias): remove the aliases (*name) and write the values out`,
			position(firstAliasOffset(document)),
		);
	}
}
