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
 * Where the fast reader (yaml-fast-path.ts) found each key and value, per map and list it made:
 * for a map, `key, key offset, value offset` for each entry in order; for a list, each item's
 * offset. Offsets are where yaml's document model starts the same node (its `range[0]`).
 */
export type FastEntries = WeakMap<object, readonly (string | number)[]>;

/** Maps with more entries than this get an index on their first lookup (a flow's node map). */
const INDEX_FROM = 16;

/**
 * A locator on the fast reader's offsets: the same answers as createLocator on yaml's document
 * for the same text, without building that document. `lineStarts`: the offset where each line
 * starts.
 */
export function createFastLocator(
	root: object,
	rootStart: number,
	entries: FastEntries,
	lineStarts: Int32Array,
): Locator {
	const toPosition = (offset: number): Position => {
		// The last line that starts at or before the offset, as yaml's LineCounter finds it.
		let low = 0;
		let high = lineStarts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >>> 1;
			if (lineStarts[middle]! <= offset) low = middle;
			else high = middle - 1;
		}
		return {line: low + 1, column: offset - lineStarts[low]! + 1};
	};

	const indexes = new WeakMap<readonly (string | number)[], Map<string, number>>();
	const entryOf = (record: readonly (string | number)[], key: string): number => {
		if (record.length <= INDEX_FROM * 3) {
			for (let at = 0; at < record.length; at += 3) if (record[at] === key) return at;
			return -1;
		}
		let index = indexes.get(record);
		if (!index) {
			index = new Map();
			for (let at = 0; at < record.length; at += 3) index.set(record[at] as string, at);
			indexes.set(record, index);
		}
		return index.get(key) ?? -1;
	};

	// As createLocator's walk: as far down the path as the data goes; the offset of the deepest
	// value reached and, when the last step was a map key, of that key.
	const walk = (path: readonly PathSegment[]) => {
		let value: unknown = root;
		let offset = rootStart;
		let keyOffset: number | undefined;
		for (const segment of path) {
			keyOffset = undefined;
			const record = typeof value === 'object' && value !== null ? entries.get(value) : undefined;
			if (!record) break;
			if (Array.isArray(value)) {
				if (typeof segment !== 'number' || !Number.isInteger(segment)) break;
				if (segment < 0 || segment >= record.length) break;
				offset = record[segment] as number;
				value = value[segment];
			} else {
				const key = String(segment);
				const at = entryOf(record, key);
				if (at === -1) break;
				keyOffset = record[at + 1] as number;
				offset = record[at + 2] as number;
				value = (value as Record<string, unknown>)[key];
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
