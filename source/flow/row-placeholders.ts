/**
 * The {placeholders} a node's text may use to name the values of the machine's row in the build
 * table: written once in the table, said on every node that needs them. The validator checks the
 * names and that a node using them is only reached once a row is known.
 */
export const ROW_PLACEHOLDERS = [
	'name',
	'build',
	'broken.build',
	'broken.kb',
	'fixed.build',
	'fixed.kb',
	'settings',
	'uninstall',
] as const;
export type RowPlaceholder = (typeof ROW_PLACEHOLDERS)[number];

/** `{word}` or `{word.word}`: lower-case, so text in braces that is not a placeholder is rare. */
export const PLACEHOLDER = /\{([a-z]+(?:\.[a-z]+)?)\}/g;

export function isRowPlaceholder(name: string): name is RowPlaceholder {
	return (ROW_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The placeholder names a text uses, in order (repeats kept). */
export function placeholdersIn(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}
