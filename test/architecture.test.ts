/**
 * The layering of source/, read from the import statements themselves (imports that span lines,
 * `import type`, `export … from` and `import()` alike; TypeScript 7 has no JS API to scan with, and
 * the code is Biome-formatted, which keeps these statements in the shapes matched here). Each rule names a
 * folder and the folders it must not import from; a new import that crosses a line fails here with
 * the file and what it imports.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const SOURCE = fileURLToPath(new URL('../source', import.meta.url));

type Import = {
	/** The file that imports, relative to source/ ("engine/engine.ts"). */
	file: string;
	/** As written in the import. */
	specifier: string;
	/** The imported file relative to source/, or undefined for a package or a node: module. */
	target?: string;
};

const IMPORT =
	/(?:^|[\s;}])(?:import|export)\s+(?:[\w$*{}\s,]+?\s+from\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import a file's text makes, in the order written (comments left out). */
function importsOf(text: string): string[] {
	const code = text.replace(/\/\*[\s\S]*?\*\/|(?<![:'"\w])\/\/[^\n]*/g, '');
	return [...code.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** `../facts/fact-values.js` from engine/engine.ts → facts/fact-values.ts. */
function resolveTarget(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const path = resolve(dirname(from), specifier);
	const base = path.replace(/\.js$/, '');
	// A data file (package.json) is imported as it is named.
	const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, path].find(existsSync);
	if (found === undefined)
		throw new Error(`${relative(SOURCE, from)}: cannot resolve ${specifier}`);
	return relative(SOURCE, found).split('\\').join('/');
}

const IMPORTS: Import[] = sourceFiles(SOURCE).flatMap((path) =>
	importsOf(readFileSync(path, 'utf8')).map((specifier) => ({
		file: relative(SOURCE, path).split('\\').join('/'),
		specifier,
		target: resolveTarget(path, specifier),
	})),
);

const folderOf = (file: string) => file.split('/')[0]!;

/** The imports of files in `folder` that reach into any of `forbidden`, as "file → target". */
function crossing(folder: string, forbidden: string[], allowed: string[] = []): string[] {
	return IMPORTS.filter(
		({file, target}) =>
			folderOf(file) === folder &&
			target !== undefined &&
			forbidden.includes(folderOf(target)) &&
			!allowed.includes(`${file} → ${target}`),
	).map(({file, target}) => `${file} → ${target}`);
}

/** Packages and node: modules imported by files in `folder`. */
function packagesOf(folder: string): string[] {
	return IMPORTS.filter(({file, target}) => folderOf(file) === folder && target === undefined).map(
		({file, specifier}) => `${file} → ${specifier}`,
	);
}

const FRONT_ENDS = ['ui', 'plain', 'commands'];
/** The folder that runs probes and reads facts files. */
const PROBES = 'detect';

describe('the import scanner', () => {
	it('sees imports that span lines, type-only imports, re-exports and import()', () => {
		const text = [
			'import {',
			'\tcurrentStep,',
			'\ttype State,',
			"} from '../engine/engine.js';",
			"import type {Facts} from '../facts/fact-values.js';",
			"export {FACT_NAMES} from '../facts/fact-names.js';",
			"const ui = await import('../ui/first-frame.js');",
			"type Lazy = typeof import('../plain/run-plain.js');",
			"import React, {useState} from 'react';",
			"import './side-effect.js';",
			"export * from '../view/choice-list.js';",
			"// import {x} from '../commented/out.js';",
			"/** import {y} from '../in/a-doc-comment.js' */",
			"const url = 'https://example.com/'; // import('../not/this.js')",
		].join('\n');
		expect(importsOf(text)).toEqual([
			'../engine/engine.js',
			'../facts/fact-values.js',
			'../facts/fact-names.js',
			'../ui/first-frame.js',
			'../plain/run-plain.js',
			'react',
			'./side-effect.js',
			'../view/choice-list.js',
		]);
	});

	it('reads every folder these rules name', () => {
		const folders = new Set(IMPORTS.map(({file}) => folderOf(file)));
		for (const folder of ['engine', 'flow', 'facts', PROBES, 'session', 'view', ...FRONT_ENDS])
			expect(folders).toContain(folder);
		// engine.ts's own imports are found and resolved (a scanner that saw nothing would pass).
		expect(IMPORTS).toContainEqual({
			file: 'engine/engine.ts',
			specifier: '../facts/fact-values.js',
			target: 'facts/fact-values.ts',
		});
	});
});

describe('layering of source/', () => {
	it('engine/ imports nothing from the probes, the front ends or the session log', () => {
		expect(crossing('engine', [PROBES, ...FRONT_ENDS, 'session'])).toEqual([]);
	});

	it('flow/ imports nothing from the probes, the front ends or the session log', () => {
		expect(crossing('flow', [PROBES, ...FRONT_ENDS, 'session'])).toEqual([]);
	});

	it('facts/, the vocabulary the engine routes on, imports nothing outside itself', () => {
		expect(
			IMPORTS.filter(
				({file, target}) =>
					folderOf(file) === 'facts' && (target === undefined || folderOf(target) !== 'facts'),
			).map(({file, specifier}) => `${file} → ${specifier}`),
		).toEqual([]);
	});

	it('engine/, facts/ and view/ are pure: no package, no node: module (no I/O)', () => {
		expect([...packagesOf('engine'), ...packagesOf('facts'), ...packagesOf('view')]).toEqual([]);
	});

	it('session/ imports nothing from the front ends (plain/, ui/) or the commands', () => {
		expect(crossing('session', FRONT_ENDS)).toEqual([]);
	});

	it('no folder but the front ends imports ui/ or plain/, Ink or React', () => {
		const shared = ['flow', 'engine', 'facts', PROBES, 'session', 'view', 'i18n', 'terminal'];
		const reaching = IMPORTS.filter(
			({file, specifier, target}) =>
				shared.includes(folderOf(file)) &&
				((target !== undefined && ['ui', 'plain'].includes(folderOf(target))) ||
					/^(ink|react)(\/|$)|^ink-/.test(specifier)),
		).map(({file, specifier}) => `${file} → ${specifier}`);
		expect(reaching).toEqual([]);
	});

	it('view/ imports nothing from the front ends (ui/, plain/, commands/)', () => {
		expect(crossing('view', FRONT_ENDS)).toEqual([]);
	});
});
