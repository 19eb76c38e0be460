/**
 * `--facts FILE.json`: facts about the machine being triaged, written down once by an admin (or
 * exported on that machine) instead of many --fact flags. The file is a JSON object of fact name
 * to value; hotfixes may be a list. Every mistake is reported as file:line:column with the form
 * that was expected, all of them at once, and nothing here throws.
 */
import {readFileSync, statSync} from 'node:fs';
import {basename} from 'node:path';
import type {FactName, Language} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import {strings} from '../i18n/strings.js';
import {type Facts, factForm, isFactName, parseFact} from '../facts/fact-values.js';
import {type JsonNode, lineColumn, parseJsonWithPositions} from './json-with-positions.js';

export type FactsFileResult = {ok: true; facts: Facts} | {ok: false; message: string};

/** A facts file is a few lines; anything far larger was named by mistake. */
const MAX_BYTES = 64 * 1024;

export const FACTS_FILE_EXAMPLE =
	'{"os.product": "Windows 11", "os.build": "26100.7623", "hotfixes": ["KB5074109"]}';

export function readFactsFile(path: string, language: Language = 'en'): FactsFileResult {
	let bytes: Buffer;
	try {
		const stat = statSync(path);
		// A FIFO or a device would block start-up (or never end): only a regular file is read.
		if (!stat.isFile() && !stat.isDirectory())
			return {
				ok: false,
				message: `${path}: is not a regular file (a pipe or a device), so it is not a facts file`,
			};
		if (stat.size > MAX_BYTES) {
			return {
				ok: false,
				message: `${path}: is larger than ${MAX_BYTES / 1024} KB, so it is not a facts file. A facts file is a JSON object such as ${FACTS_FILE_EXAMPLE}`,
			};
		}
		bytes = readFileSync(path);
	} catch (error) {
		return {ok: false, message: `${path}: ${readProblem(error)}`};
	}
	return parseFactsFile(decode(bytes), path, basename(path), language);
}

function readProblem(error: unknown): string {
	switch ((error as NodeJS.ErrnoException).code) {
		case 'ENOENT':
			return 'no such file (check the path given to --facts)';
		case 'EISDIR':
			return 'is a folder, not a facts file';
		case 'EACCES':
		case 'EPERM':
			return 'cannot be read (permission denied)';
		default:
			return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
	}
}

/**
 * UTF-8, with or without a byte-order mark, and UTF-16 with one: Windows PowerShell 5's
 * `Out-File` and `>` write UTF-16LE, which is how an admin's file often arrives.
 */
function decode(bytes: Buffer): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		const swapped = Buffer.from(bytes.subarray(2));
		swapped.swap16();
		return swapped.toString('utf16le');
	}
	const text = bytes.toString('utf8');
	return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * @param text the file's contents
 * @param shownAs the path as the user gave it, for error positions
 * @param via what the facts record as their source (the file name, without folders, so a home
 *   directory does not travel into a session log or a ticket)
 * @param language of a refused value's message (the file's own shape errors are in English)
 */
export function parseFactsFile(
	text: string,
	shownAs: string,
	via = basename(shownAs),
	language: Language = 'en',
): FactsFileResult {
	const t = strings(language);
	const refused = t.factRefused;
	const at = (offset: number) => {
		const {line, column} = lineColumn(text, offset);
		return `${shownAs}:${line}:${column}`;
	};
	const parsed = parseJsonWithPositions(text);
	if (!parsed.ok) {
		return {
			ok: false,
			message: `${at(parsed.offset)}: not valid JSON: ${parsed.message}. A facts file is a JSON object such as ${FACTS_FILE_EXAMPLE}`,
		};
	}
	if (parsed.node.kind !== 'object') {
		return {
			ok: false,
			message: `${at(parsed.node.offset)}: a facts file is a JSON object of fact name to value, such as ${FACTS_FILE_EXAMPLE}`,
		};
	}

	const facts: Facts = {};
	const findings: string[] = [];
	const seen = new Map<string, number>();
	for (const {key, keyOffset, value} of parsed.node.entries) {
		const first = seen.get(key);
		if (first !== undefined) {
			findings.push(`${at(keyOffset)}: ${t.factGivenTwice(key, lineColumn(text, first).line)}`);
			continue;
		}
		seen.set(key, keyOffset);
		if (!isFactName(key)) {
			const near = nearestFactName(key);
			const message = `unknown fact "${key}"${near ? ` (did you mean ${near}?)` : ''}: the facts are ${FACT_NAMES.join(', ')}`;
			findings.push(
				`${at(keyOffset)}: ${t.factRefused({kind: 'unknown', name: key, near, message})}`,
			);
			continue;
		}
		const texts = valueTexts(key, value);
		if (!texts.ok) {
			findings.push(`${at(texts.offset)}: ${texts.message}`);
			continue;
		}
		const bad = texts.items.find((item) => !parseFact(key, item.text).ok);
		if (bad) {
			const result = parseFact(key, bad.text);
			findings.push(`${at(bad.offset)}: ${result.ok ? `${key} is not valid` : refused(result)}`);
			continue;
		}
		const result = parseFact(key, texts.items.map((item) => item.text).join(','));
		if (result.ok) facts[key] = {value: result.value, origin: 'file', via};
		else findings.push(`${at(value.offset)}: ${refused(result)}`);
	}
	return findings.length > 0 ? {ok: false, message: findings.join('\n')} : {ok: true, facts};
}

type Texts =
	| {ok: true; items: {text: string; offset: number}[]}
	| {ok: false; message: string; offset: number};

/** The value(s) as text: strings; a list of strings for hotfixes; true/false for os.remoteSession. */
function valueTexts(name: FactName, node: JsonNode): Texts {
	const expected = `expected ${factForm(name)}`;
	if (node.kind === 'string') return {ok: true, items: [{text: node.value, offset: node.offset}]};
	if (node.kind === 'boolean' && name === 'os.remoteSession') {
		return {ok: true, items: [{text: String(node.value), offset: node.offset}]};
	}
	if (node.kind === 'array' && name === 'hotfixes') {
		if (node.items.length === 0)
			return {
				ok: false,
				message: `hotfixes is an empty list: leave it out when no update is known, or ${expected}`,
				offset: node.offset,
			};
		const items: {text: string; offset: number}[] = [];
		for (const item of node.items) {
			if (item.kind !== 'string')
				return {
					ok: false,
					message: `each hotfix is a string in quotes, e.g. "KB5077744"`,
					offset: item.offset,
				};
			items.push({text: item.value, offset: item.offset});
		}
		return {ok: true, items};
	}
	if (node.kind === 'number' && name === 'os.build') {
		// 26100.7620 as a JSON number is 26100.762: the trailing zero, and so the build, is lost.
		return {
			ok: false,
			message: `write the build in quotes, "${node.text}" (as a number, a trailing zero would be lost): ${expected}`,
			offset: node.offset,
		};
	}
	return {
		ok: false,
		message: `${name} is a string in quotes${name === 'hotfixes' ? ' or a list of them' : ''}: ${expected}`,
		offset: node.offset,
	};
}

/** The fact name a typo most likely meant: "os.buidl" → os.build, "OS_Product" → os.product. */
function nearestFactName(name: string): FactName | undefined {
	const plain = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
	let best: {name: FactName; distance: number} | undefined;
	for (const candidate of FACT_NAMES) {
		const distance = editDistance(plain(name), plain(candidate));
		if (distance <= 2 && (!best || distance < best.distance)) best = {name: candidate, distance};
	}
	return best?.name;
}

/** Optimal string alignment distance: a swap of two neighbours ("buidl") is one edit. */
function editDistance(a: string, b: string): number {
	const d = Array.from({length: a.length + 1}, (_, i) =>
		Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const row = d[i]!;
			row[j] = Math.min(
				d[i - 1]![j]! + 1,
				row[j - 1]! + 1,
				d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
		}
	}
	return d[a.length]![b.length]!;
}
