/**
 * Maps a path into the parsed data (["nodes", "os-build", "choices", 0, "next"]) back to the
 * line and column of the YAML text it came from, so every finding points at the offending key or
 * value.
 */
import {type Document, type LineCounter, isMap, isPair, isScalar, isSeq, type Node} from 'yaml';
import type {Position} from './findings.js';

export type PathSegment = string | number;

export type Locator = {
	/** Position of the value at `path`, or of its nearest existing ancestor. */
	value(path: readonly PathSegment[]): Position;
	/** Position of the key that names the last segment of `path` (for unknown keys). */
	key(path: readonly PathSegment[]): Position;
};

/** A map key as the parsed data names it: `404:` and `true:` become the strings "404" and "true". */
function scalarKey(key: unknown): unknown {
	return isScalar(key) ? String(key.value) : key;
}

export function createLocator(document: Document, lineCounter: LineCounter): Locator {
	const toPosition = (offset: number): Position => {
		const {line, col} = lineCounter.linePos(offset);
		return {line, column: col};
	};

	// Walks as far down the path as the document goes; returns the deepest node reached and, when
	// the last step was a map key, that key's node too.
	const walk = (path: readonly PathSegment[]) => {
		let node: Node | null | undefined = document.contents as Node | null;
		let keyNode: Node | undefined;
		let parent: Node | undefined;
		for (const segment of path) {
			keyNode = undefined;
			if (isMap(node)) {
				const pair = node.items.find(
					(item) => isPair(item) && scalarKey(item.key) === String(segment),
				);
				if (!pair) break;
				parent = node;
				keyNode = pair.key as Node;
				node = pair.value as Node | null;
				if (!node) {
					node = keyNode;
					break;
				}
			} else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
				parent = node;
				node = node.items[segment] as Node;
			} else {
				break;
			}
		}
		return {node: node ?? parent, keyNode};
	};

	const offsetOf = (node: Node | null | undefined) => node?.range?.[0] ?? 0;

	return {
		value: (path) => toPosition(offsetOf(walk(path).node)),
		key(path) {
			const {node, keyNode} = walk(path);
			return toPosition(offsetOf(keyNode ?? node));
		},
	};
}

/**
 * Where the fast reader (yaml-fast-path.ts) found each key and value, as offsets where yaml's
 * document model starts the same node (its `range[0]`). One tape of 32-bit integers rather than
 * an object per map: a 100,000-node flow has some 700,000 maps and lists, and objects (or a
 * WeakMap keyed by them) would add hundreds of megabytes and garbage collection to every load.
 *
 * A collection's record is written when the collection ends, after those of its children: a
 * header (entries × 2, + 1 for a list), then per map entry its key's offset, its value's offset
 * and the value's record (-1 for a scalar), per list item its offset and its record. Keys are not
 * stored: the fast reader only reads keys written plainly, so the text at the key's offset is
 * the key, followed by ":".
 */
export class OffsetTape {
	tape = new Int32Array(4096);
	length = 0;
	/** The document's record. */
	root = -1;
	/** The record of the collection that ended last. */
	last = -1;
	/** Entries of the collections still open, innermost last. */
	private readonly open: number[] = [];

	/** Starts a collection; give the mark to `end`. */
	begin(): number {
		return this.open.length;
	}

	/** A map entry; `value` is the value just read (its record is `last` if it is a collection). */
	entry(keyOffset: number, valueOffset: number, value: unknown): void {
		this.open.push(keyOffset, valueOffset, isCollection(value) ? this.last : -1);
	}

	/** A list item. */
	item(valueOffset: number, value: unknown): void {
		this.open.push(valueOffset, isCollection(value) ? this.last : -1);
	}

	/** Ends the collection begun at `mark`: writes its record, which becomes `last`. */
	end(mark: number, list: boolean): void {
		const open = this.open;
		const size = open.length - mark;
		if (this.length + size + 1 > this.tape.length) {
			const grown = new Int32Array(Math.max(this.tape.length * 2, this.length + size + 1));
			grown.set(this.tape.subarray(0, this.length));
			this.tape = grown;
		}
		const record = this.length;
		const entries = list ? size / 2 : size / 3;
		this.tape[record] = entries * 2 + (list ? 1 : 0);
		for (let at = 0; at < size; at++) this.tape[record + 1 + at] = open[mark + at]!;
		this.length = record + 1 + size;
		open.length = mark;
		this.last = record;
	}
}

const isCollection = (value: unknown) => typeof value === 'object' && value !== null;

/** The line and column of `offset`, given where each line starts: the last line that starts at
 * or before it, as yaml's LineCounter finds it. */
export function positionAt(lineStarts: Int32Array, offset: number): Position {
	let low = 0;
	let high = lineStarts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (lineStarts[middle]! <= offset) low = middle;
		else high = middle - 1;
	}
	return {line: low + 1, column: offset - lineStarts[low]! + 1};
}

/** Maps with more entries than this get an index on their first lookup (a flow's node map). */
const INDEX_FROM = 16;

/**
 * A locator on the fast reader's offsets: the same answers as createLocator on yaml's document
 * for the same text, without building that document. `lineStarts`: the offset where each line
 * starts.
 */
export function createFastLocator(
	text: string,
	offsets: OffsetTape,
	rootStart: number,
	lineStarts: Int32Array,
): Locator {
	const {tape, root} = offsets;
	const toPosition = (offset: number) => positionAt(lineStarts, offset);

	const isKeyAt = (offset: number, key: string) =>
		text.startsWith(key, offset) && text.charCodeAt(offset + key.length) === 58; // ":"
	const indexes = new Map<number, Map<string, number>>();
	/** Where the entry for `key` starts in the map record at `record`, or -1. */
	const entryOf = (record: number, entries: number, key: string): number => {
		const end = record + 1 + entries * 3;
		if (entries <= INDEX_FROM) {
			for (let at = record + 1; at < end; at += 3) if (isKeyAt(tape[at]!, key)) return at;
			return -1;
		}
		let index = indexes.get(record);
		if (!index) {
			index = new Map();
			for (let at = record + 1; at < end; at += 3) {
				const start = tape[at]!;
				index.set(text.slice(start, text.indexOf(':', start)), at);
			}
			indexes.set(record, index);
		}
		return index.get(key) ?? -1;
	};

	// As createLocator's walk: as far down the path as the data goes; the offset of the deepest
	// value reached and, when the last step was a map key, of that key.
	const walk = (path: readonly PathSegment[]) => {
		let record = root;
		let offset = rootStart;
		let keyOffset: number | undefined;
		for (const segment of path) {
			keyOffset = undefined;
			if (record < 0) break;
			const entries = tape[record]! >> 1;
			if (tape[record]! & 1) {
				if (typeof segment !== 'number' || !Number.isInteger(segment)) break;
				if (segment < 0 || segment >= entries) break;
				const at = record + 1 + segment * 2;
				offset = tape[at]!;
				record = tape[at + 1]!;
			} else {
				const at = entryOf(record, entries, String(segment));
				if (at === -1) break;
				keyOffset = tape[at]!;
				offset = tape[at + 1]!;
				record = tape[at + 2]!;
			}
		}
		return {offset, keyOffset};
	};

	return {
		value: (path) => toPosition(walk(path).offset),
		key(path) {
			const {offset, keyOffset} = walk(path);
			return toPosition(keyOffset ?? offset);
		},
	};
}
