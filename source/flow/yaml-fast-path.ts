/**
 * A fast reader for the plain YAML that flows are written in, tried before the full parser.
 *
 * The `yaml` package builds a concrete syntax tree and then a document model with a source range
 * on every node: what a finding's file:line:column needs, and about 3 s for a 10,000-node flow.
 * The loader first tries this reader, which turns the common subset of YAML straight into data
 * in one pass over the text. It understands block maps and sequences, `|` and `|-` literal text,
 * one-line quoted and plain scalars (text, booleans, numbers and written-out nulls, which a
 * flow may hold by mistake), one-line flow collections, and comments. Anything else (anchors and
 * aliases, tags, folded or multi-line scalars, empty values, quoted or numeric keys, reserved
 * keys, tabs, control characters, deep nesting, several documents) makes it give up, and the
 * loader runs the full parser, which finds and places every problem. So it never has to be right
 * about bad input: it only has to return exactly what `yaml` would for the input it accepts,
 * which test/flow/yaml-fast-path.test.ts checks against `yaml` itself.
 *
 * It also notes where each key and value starts, so a flow it reads needs no second parse for
 * the positions of its findings (yaml-positions.ts turns those offsets into line:column exactly
 * as yaml's document model would, which test/flow/fast-positions.test.ts checks path by path),
 * and where a key is repeated in a map, which it reports as the full path's safety walk would.
 */
import type {Position} from './findings.js';
import {createFastLocator, type Locator, OffsetTape, positionAt} from './yaml-positions.js';

/** What the reader gives back: the data, or `undefined` ("use the full parser"). */
export type FastParse = Record<string, unknown> | undefined;

/** A key repeated in one map (the full path's W365E002), and where the repeat starts. */
export type DuplicateKey = {key: string; offset: number};

/** The data and where its keys and values are written, or the keys the text repeats, or
 * `undefined` ("use the full parser"). */
export type FastRead =
	| {data: Record<string, unknown>; locator: Locator}
	| {duplicates: {key: string; position: Position}[]}
	| undefined;

/** Far below the loader's MAX_DEPTH, so nothing accepted here can be too deep there. */
const MAX_NESTING = 32;
/** yaml refuses implicit keys over 1024 characters; no id comes near this. */
const MAX_KEY_LENGTH = 1000;

/** Characters YAML forbids or treats specially (C0/C1 controls, NEL, line and paragraph
 * separators, a BOM after the start, non-characters) and tabs, which have indentation rules of
 * their own. Lone surrogates and bare CRs are checked separately (see `supported`). */
const UNSUPPORTED_CHARACTERS =
	/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const ANY_SURROGATE = /[\ud800-\udfff]/;
/** With the u flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const BARE_CR = /\r(?!\n)/;

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// yaml's core schema (YAML 1.2), tag by tag: a plain scalar that matches one of these is not text.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER =
	/^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** Characters that make a plain scalar mean something else when they start it. */
const INDICATORS = '-?:,[]{}#&*!|>%@`';

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const PIPE = 124;

/** Thrown to give up; caught once at the top. */
class Unsupported extends Error {}
const unsupported = (): never => {
	throw new Unsupported();
};

export function readYamlFast(text: string): FastRead {
	if (!supported(text)) return undefined;
	try {
		const reader = new Reader(text);
		const data = reader.document();
		if (reader.duplicates.length > 0) {
			return {
				duplicates: reader.duplicates.map(({key, offset}) => ({
					key,
					position: positionAt(reader.lineStarts, offset),
				})),
			};
		}
		return {
			data,
			locator: createFastLocator(text, reader.offsets, reader.rootStart, reader.lineStarts),
		};
	} catch (error) {
		if (error instanceof Unsupported || error instanceof RangeError) return undefined;
		throw error;
	}
}

/** The data alone (`undefined` for repeated keys too). */
export function parseYamlFast(text: string): FastParse {
	const read = readYamlFast(text);
	return read && 'data' in read ? read.data : undefined;
}

function supported(text: string): boolean {
	if (UNSUPPORTED_CHARACTERS.test(text)) return false;
	if (ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text)) return false;
	return !text.includes('\r') || !BARE_CR.test(text);
}

/** A plain scalar's value under the core schema: text, a boolean, a number or null (an empty
 * scalar gives up). Only scalars that start like a number, a null or a boolean need the regular
 * expressions. */
function plainValue(raw: string): string | boolean | number | null {
	const first = raw.charCodeAt(0);
	if (Number.isNaN(first)) return unsupported(); // empty: null, but where is subtle
	if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) {
		if (NUMBER.test(raw)) return numberValue(raw);
	} else if (first === 116 || first === 84 || first === 102 || first === 70) {
		if (BOOLEAN.test(raw)) return first === 116 || first === 84; // t or T
	} else if ((first === 110 || first === 78 || first === 126) && NULL.test(raw)) {
		return null;
	}
	return raw;
}

/** A number as yaml's core schema resolves it (int, 0o, 0x, .inf and .nan, float): the same
 * functions, so the same value, precision lost on huge integers included. */
function numberValue(raw: string): number {
	if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
	if (raw.startsWith('0o')) return parseInt(raw.substring(2), 8);
	if (raw.startsWith('0x')) return parseInt(raw.substring(2), 16);
	if (/^[-+]?\.(?:inf|Inf|INF)$/.test(raw))
		return raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	if (/^\.(?:nan|NaN|NAN)$/.test(raw)) return Number.NaN;
	return parseFloat(raw);
}

/** A key as ids and text languages are written: letters, digits and `_ . / -`, starting with a
 * letter, digit or `_`; it must read as text (not `404`, `true` or `null`). A key already in the
 * map is noted in `duplicates` (with where it starts) and the first value kept. */
function setKey(
	map: Record<string, unknown>,
	key: string,
	value: unknown,
	keyStart: number,
	duplicates: DuplicateKey[],
): void {
	const first = key.charCodeAt(0);
	if (first === DASH || first === 46 || first === 47) unsupported();
	if (key.length > MAX_KEY_LENGTH || RESERVED_KEYS.has(key) || typeof plainValue(key) !== 'string')
		unsupported();
	if (Object.hasOwn(map, key)) duplicates.push({key, offset: keyStart});
	else map[key] = value;
}

function isKeyCharacter(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 57) ||
		code === 95 ||
		code === 46 ||
		code === 47 ||
		code === DASH
	);
}

class Reader {
	/** Where each line starts, where its content ends (before "\n" or "\r\n"), and its
	 * indentation, or -1 for an empty or comment-only line: one pass over the text up front. */
	private readonly starts: Int32Array;
	private readonly ends: Int32Array;
	private readonly indents: Int32Array;
	private readonly count: number;
	private index = 0;
	/** A "- key: value" line is read as a map whose keys start at the first key's column. */
	private compactLine = -1;
	private compactIndent = 0;
	/** Where each key and value starts, per map and list. */
	readonly offsets = new OffsetTape();
	/** Keys repeated in a map, in the order of the text. */
	readonly duplicates: DuplicateKey[] = [];
	/** Where the document's map starts (its first key). */
	rootStart = 0;
	/** Where the value just read starts: set by each reader of a value before it returns. */
	private valueStart = 0;

	get lineStarts(): Int32Array {
		return this.starts;
	}

	constructor(private readonly text: string) {
		let lines = 1;
		for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
		this.count = lines;
		this.starts = new Int32Array(lines);
		this.ends = new Int32Array(lines);
		this.indents = new Int32Array(lines);
		let start = 0;
		for (let line = 0; line < lines; line++) {
			const newline = text.indexOf('\n', start);
			let end = newline === -1 ? text.length : newline;
			if (end > start && text.charCodeAt(end - 1) === 13) end--;
			let at = start;
			while (at < end && text.charCodeAt(at) === SPACE) at++;
			this.starts[line] = start;
			this.ends[line] = end;
			this.indents[line] = at === end || text.charCodeAt(at) === HASH ? -1 : at - start;
			start = newline + 1;
		}
	}

	document(): Record<string, unknown> {
		if (this.nextIndent() !== 0) unsupported();
		this.rootStart = this.starts[this.index]!;
		const data = this.map(0, 1);
		this.offsets.root = this.offsets.last;
		if (this.nextIndent() !== -1) unsupported();
		return data;
	}

	/** Indentation of a line (the literal reader also needs it for empty and comment lines). */
	private indentOf(line: number): number {
		if (line === this.compactLine) return this.compactIndent;
		const start = this.starts[line]!;
		const end = this.ends[line]!;
		let at = start;
		while (at < end && this.text.charCodeAt(at) === SPACE) at++;
		return at - start;
	}

	/** Indentation of the next line with content (skipping empty and comment lines), or -1 at the end. */
	private nextIndent(): number {
		for (; this.index < this.count; this.index++) {
			if (this.index === this.compactLine) return this.compactIndent;
			const indent = this.indents[this.index]!;
			if (indent !== -1) return indent;
		}
		return -1;
	}

	/** "- " or a lone "-" at `column` of the current line. */
	private isSequenceEntry(column: number): boolean {
		const at = this.starts[this.index]! + column;
		return (
			this.text.charCodeAt(at) === DASH &&
			(at + 1 === this.ends[this.index]! || this.text.charCodeAt(at + 1) === SPACE)
		);
	}

	/** A block map whose keys start at column `indent`. */
	private map(indent: number, depth: number): Record<string, unknown> {
		if (depth > MAX_NESTING) unsupported();
		const map: Record<string, unknown> = {};
		const mark = this.offsets.begin();
		while (this.nextIndent() === indent) {
			if (this.isSequenceEntry(indent)) unsupported();
			const keyStart = this.starts[this.index]! + indent;
			const colon = keyEnd(this.text, keyStart, this.ends[this.index]!);
			const value = this.value(colon + 1, indent, depth);
			setKey(map, this.text.slice(keyStart, colon), value, keyStart, this.duplicates);
			this.offsets.entry(keyStart, this.valueStart, value);
		}
		if (this.nextIndent() > indent) unsupported();
		this.offsets.end(mark, false);
		return map;
	}

	/** A block sequence whose dashes are at column `indent`. */
	private sequence(indent: number, depth: number): unknown[] {
		if (depth > MAX_NESTING) unsupported();
		const items: unknown[] = [];
		const mark = this.offsets.begin();
		while (this.nextIndent() === indent && this.isSequenceEntry(indent)) {
			const line = this.index;
			const end = this.ends[line]!;
			let at = this.starts[line]! + indent + 1;
			while (at < end && this.text.charCodeAt(at) === SPACE) at++;
			if (at === end || this.text.charCodeAt(at) === HASH) {
				// "-" alone: the item is the block below it.
				this.index++;
				const item = this.nested(indent, depth, false);
				items.push(item);
				this.offsets.item(this.valueStart, item);
				continue;
			}
			if (keyEndOrMinus(this.text, at, end) !== -1) {
				this.compactLine = line;
				this.compactIndent = at - this.starts[line]!;
				const item = this.map(this.compactIndent, depth + 1);
				items.push(item);
				this.offsets.item(at, item);
				continue;
			}
			const code = this.text.charCodeAt(at);
			if (code === DASH || code === PIPE || code === 62) unsupported(); // "- -", "- |", "- >"
			const item = this.inlineValue(at, end, depth);
			items.push(item);
			this.offsets.item(at, item);
			this.index++;
			// A more-indented line after a one-line item would continue it (or be an error).
			if (this.nextIndent() > indent) unsupported();
		}
		this.offsets.end(mark, true);
		return items;
	}

	/** The value after a key's colon (at `from` - 1) on the current line, in a map at `indent`. */
	private value(from: number, indent: number, depth: number): unknown {
		const end = this.ends[this.index]!;
		let at = from;
		while (at < end && this.text.charCodeAt(at) === SPACE) at++;
		if (at === end || this.text.charCodeAt(at) === HASH) {
			this.index++;
			return this.nested(indent, depth, true);
		}
		if (this.text.charCodeAt(at) === PIPE) {
			const text = this.literal(at, end, indent);
			this.valueStart = at;
			return text;
		}
		const value = this.inlineValue(at, end, depth);
		this.valueStart = at;
		this.index++;
		if (this.nextIndent() > indent) unsupported();
		return value;
	}

	/** The block below a `key:` or a lone `-` at `indent`; a key's sequence may share its column. */
	private nested(indent: number, depth: number, sequenceMayAlign: boolean): unknown {
		const next = this.nextIndent();
		if (next === -1) return unsupported(); // an empty value is null
		const start = this.starts[this.index]! + next;
		let value: unknown;
		if (this.isSequenceEntry(next) && (next > indent || (sequenceMayAlign && next === indent))) {
			value = this.sequence(next, depth + 1);
		} else {
			if (next <= indent) return unsupported();
			// A map, or give up: a scalar on a line of its own may continue on the next.
			keyEnd(this.text, start, this.ends[this.index]!);
			value = this.map(next, depth + 1);
		}
		this.valueStart = start;
		return value;
	}

	/** `|` or `|-` literal text below a key of the map at `indent`. */
	private literal(at: number, end: number, indent: number): string {
		let headerEnd = end;
		while (headerEnd > at && this.text.charCodeAt(headerEnd - 1) === SPACE) headerEnd--;
		const header = this.text.slice(at, headerEnd);
		if (header !== '|' && header !== '|-') unsupported();
		this.index++;
		if (this.index >= this.count) unsupported();
		const contentIndent = this.indentOf(this.index);
		// Leading empty lines, or no text at all: subtle rules, rare in a flow; leave them to yaml.
		if (
			this.starts[this.index]! + contentIndent >= this.ends[this.index]! ||
			contentIndent <= indent
		)
			unsupported();
		const lines: string[] = [];
		let emptyLines = 0;
		while (this.index < this.count) {
			const start = this.starts[this.index]!;
			const lineEnd = this.ends[this.index]!;
			const lineIndent = this.indentOf(this.index);
			if (start + lineIndent === lineEnd) {
				if (lineIndent > contentIndent) unsupported(); // white space beyond the indentation
				emptyLines++;
				this.index++;
				continue;
			}
			if (lineIndent < contentIndent) break;
			for (; emptyLines > 0; emptyLines--) lines.push('');
			lines.push(this.text.slice(start + contentIndent, lineEnd));
			this.index++;
			// The file ends inside the text without a line break: chomping differs; leave it to yaml.
			if (this.index === this.count) unsupported();
		}
		if (this.nextIndent() > indent) unsupported();
		const body = lines.join('\n');
		return header === '|-' ? body : `${body}\n`;
	}

	/** A scalar or a flow collection that starts at `at` and ends on this line (before `end`). */
	private inlineValue(at: number, end: number, depth: number): unknown {
		const text = this.text;
		const code = text.charCodeAt(at);
		if (code === 34 || code === 39) {
			const {value, next} = quoted(text, at, end);
			expectLineEnd(text, next, end);
			return value;
		}
		if (code === 91 || code === 123) {
			const flow = new FlowReader(text, end, this.offsets, this.duplicates);
			const value = flow.collection(at, depth + 1);
			expectLineEnd(text, flow.at, end);
			return value;
		}
		if (INDICATORS.includes(text[at]!)) unsupported();
		// A comment starts at a "#" after white space.
		let stop = at;
		while (stop < end && !(text.charCodeAt(stop) === HASH && text.charCodeAt(stop - 1) === SPACE))
			stop++;
		while (stop > at && text.charCodeAt(stop - 1) === SPACE) stop--;
		const raw = text.slice(at, stop);
		// ": " inside would make a map (an error after a key); a ":" at the end, an empty value.
		if (raw.includes(': ') || raw.charCodeAt(raw.length - 1) === COLON) unsupported();
		return plainValue(raw);
	}
}

/** Index of the colon that ends a `key:` starting at `start` (followed by a space or the end of
 * the line), or give up when the line is not a simple key. */
function keyEnd(text: string, start: number, end: number): number {
	const colon = keyEndOrMinus(text, start, end);
	return colon === -1 ? unsupported() : colon;
}

function keyEndOrMinus(text: string, start: number, end: number): number {
	let at = start;
	while (at < end && isKeyCharacter(text.charCodeAt(at))) at++;
	if (at === start || at === end || text.charCodeAt(at) !== COLON) return -1;
	if (at + 1 < end && text.charCodeAt(at + 1) !== SPACE) return -1;
	return at;
}

/** The rest of a line after a value must be empty or a comment set off by a space. */
function expectLineEnd(text: string, from: number, end: number): void {
	let at = from;
	while (at < end && text.charCodeAt(at) === SPACE) at++;
	if (at === end) return;
	if (text.charCodeAt(at) === HASH && at > from) return;
	unsupported();
}

const ESCAPES: Record<string, string> = {'\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r'};

/** A quoted scalar that closes before `end`; `next` is just past the closing quote. */
function quoted(text: string, start: number, end: number): {value: string; next: number} {
	const quote = text.charCodeAt(start);
	let value = '';
	let from = start + 1;
	for (let at = from; ; at++) {
		if (at >= end) return unsupported(); // runs on to the next line
		const code = text.charCodeAt(at);
		if (code === 92 && quote === 34) {
			const escaped = ESCAPES[text[at + 1] ?? ''];
			if (escaped === undefined || at + 1 >= end) unsupported();
			value += text.slice(from, at) + escaped;
			from = at + 2;
			at++;
		} else if (code === quote) {
			if (quote === 39 && at + 1 < end && text.charCodeAt(at + 1) === 39) {
				value += text.slice(from, at + 1);
				from = at + 2;
				at++;
				continue;
			}
			return {value: value + text.slice(from, at), next: at + 1};
		}
	}
}

/** `[a, b]` and `{key: value}` on one line (before `end`), nested as deep as MAX_NESTING. */
class FlowReader {
	at = 0;

	constructor(
		private readonly text: string,
		private readonly end: number,
		private readonly offsets: OffsetTape,
		private readonly duplicates: DuplicateKey[],
	) {}

	collection(start: number, depth: number): unknown {
		if (depth > MAX_NESTING) unsupported();
		const isList = this.text.charCodeAt(start) === 91;
		const close = isList ? 93 : 125;
		const list: unknown[] = [];
		const map: Record<string, unknown> = {};
		const mark = this.offsets.begin();
		this.at = start + 1;
		this.spaces();
		if (this.peek() === close) {
			this.at++;
			this.offsets.end(mark, isList);
			return isList ? list : map;
		}
		for (;;) {
			if (isList) {
				const itemStart = this.at;
				const item = this.item(depth);
				list.push(item);
				this.offsets.item(itemStart, item);
			} else {
				const keyStart = this.at;
				const colon = keyEndOrMinus(this.text, keyStart, this.end);
				if (colon === -1 || this.text.charCodeAt(colon + 1) !== SPACE || colon + 1 >= this.end)
					unsupported();
				const key = this.text.slice(keyStart, colon);
				this.at = colon + 1;
				this.spaces();
				const valueStart = this.at;
				const value = this.item(depth);
				setKey(map, key, value, keyStart, this.duplicates);
				this.offsets.entry(keyStart, valueStart, value);
			}
			this.spaces();
			const next = this.peek();
			if (next === close) {
				this.at++;
				this.offsets.end(mark, isList);
				return isList ? list : map;
			}
			if (next !== 44) unsupported(); // ","
			this.at++;
			this.spaces();
			if (this.peek() === close || this.peek() === 44) unsupported(); // an empty entry
		}
	}

	private item(depth: number): unknown {
		const code = this.peek();
		if (code === 91 || code === 123) return this.collection(this.at, depth + 1);
		if (code === 34 || code === 39) {
			const {value, next} = quoted(this.text, this.at, this.end);
			this.at = next;
			return value;
		}
		if (this.at >= this.end || INDICATORS.includes(this.text[this.at]!)) unsupported();
		const start = this.at;
		while (this.at < this.end && !',[]{}:#'.includes(this.text[this.at]!)) this.at++;
		// A ":" (a pair inside a list, or a URL) or "#" (a comment that would swallow the rest) in
		// a plain scalar is left to the full parser.
		if (this.at < this.end && (this.peek() === COLON || this.peek() === HASH)) unsupported();
		let stop = this.at;
		while (stop > start && this.text.charCodeAt(stop - 1) === SPACE) stop--;
		return plainValue(this.text.slice(start, stop));
	}

	private peek(): number {
		return this.at < this.end ? this.text.charCodeAt(this.at) : -1;
	}

	private spaces(): void {
		while (this.at < this.end && this.text.charCodeAt(this.at) === SPACE) this.at++;
	}
}
