/**
 * Where code may reach, checked over the source tree: the pure parts (flow, engine, facts, session,
 * view, i18n, terminal) never import a front end (ui/ is Ink, plain/ is line mode) or Ink and
 * React, so every front end and `watch` draw from the same pure model; view/ also stays out of
 * commands/.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';

const SOURCE = join(import.meta.dirname, '..', 'source');

/** Every module of the source tree with what it imports (static, dynamic and type-only). */
function imports(): Array<{file: string; specifier: string}> {
	const found: Array<{file: string; specifier: string}> = [];
	for (const entry of readdirSync(SOURCE, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
		const path = join(entry.parentPath, entry.name);
		const text = readFileSync(path, 'utf8');
		for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'([^']+)'/gmu))
			found.push({file: relative(SOURCE, path), specifier: match[1]!});
	}
	return found;
}

/** The folder of source/ an import lands in ('' for a package). */
function folderOf(file: string, specifier: string): string {
	if (!specifier.startsWith('.')) return '';
	return relative(SOURCE, join(SOURCE, file, '..', specifier)).split('/')[0]!;
}

const PURE = ['flow', 'engine', 'facts', 'session', 'view', 'i18n', 'terminal'];

describe('source layers', () => {
	const all = imports();

	it('finds the imports it checks', () => {
		expect(all.filter(({file}) => file.startsWith('view/')).length).toBeGreaterThan(20);
		expect(all.some(({file, specifier}) => file.startsWith('ui/') && specifier === 'ink')).toBe(
			true,
		);
	});

	it('the pure folders import no front end, and neither Ink nor React', () => {
		const crossing = all.filter(({file, specifier}) => {
			if (!PURE.includes(file.split('/')[0]!)) return false;
			const folder = folderOf(file, specifier);
			return folder === 'ui' || folder === 'plain' || /^(ink|react)(\/|$)|^ink-/.test(specifier);
		});
		expect(crossing).toEqual([]);
	});

	it('view/ (what every front end shows) imports nothing from the commands', () => {
		expect(
			all.filter(
				({file, specifier}) => file.startsWith('view/') && folderOf(file, specifier) === 'commands',
			),
		).toEqual([]);
	});
});
