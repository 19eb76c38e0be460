/**
 * The safety walks over yaml's document model that run before its data is built: nesting depth,
 * duplicate keys, keys that name JavaScript built-ins, and where the first alias is (for the
 * alias-bomb finding). Each walk is linear in the document.
 */
import {type Document, isAlias, isCollection, isScalar, type Scalar, visit} from 'yaml';
import type {Finding, Position} from './findings.js';

export const MAX_ALIASES = 100;
export const MAX_DEPTH = 64;

export const TOO_DEEP_MESSAGE = `nesting is deeper than ${MAX_DEPTH} levels: a flow never needs this; flatten it`;

/** Turns an offset into the text into a position. */
export type ToPosition = (offset: number) => Position;

export function findTooDeep(document: Document): number | undefined {
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

export const duplicateKeyMessage = (key: string) =>
	`duplicate key "${key}": a key may appear only once in a map (the second would silently replace the first); rename or remove this one`;

/** Keys repeated in one map, in linear time. Keys are compared as the parsed data will name them,
 * so `1:` and `"1":` (both "1") count as the same key too. */
export function findDuplicateKeys(
	document: Document,
	file: string,
	position: ToPosition,
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
						message: duplicateKeyMessage(key),
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

export function findReservedKeys(
	document: Document,
	file: string,
	position: ToPosition,
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

export function firstAliasOffset(document: Document): number {
	let offset = 0;
	visit(document, {
		Alias(_key, node) {
			if (isAlias(node)) offset = node.range?.[0] ?? 0;
			return visit.BREAK;
		},
	});
	return offset;
}
