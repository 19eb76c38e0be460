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
