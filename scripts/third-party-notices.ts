/**
 * THIRD-PARTY-NOTICES.txt: the licence of every package whose code the bundle contains. The bundle
 * is minified with esbuild's legal comments off, and most packages carry their licence only in a
 * LICENSE file anyway, so the notices are taken from the packages themselves: esbuild's metafile
 * says which files went in, each file's package is the nearest node_modules/<name> above it, and
 * its package.json (name, version, licence) and licence file are copied out in name order.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Metafile} from 'esbuild';

/** LICENSE, LICENCE.md, LICENSE-MIT.txt, COPYING… */
const LICENCE_FILE = /^(licen[cs]e|copying)([-.][\w.-]*)?$/i;

/** The node_modules package directories that `inputs` (metafile input paths) come from, each with its files. */
export function bundledPackages(inputs: Iterable<string>): Map<string, string[]> {
	const dirs = new Map<string, string[]>();
	for (const input of inputs) {
		const path = input.replaceAll('\\', '/');
		const at = path.lastIndexOf('node_modules/');
		if (at === -1) continue;
		const rest = path.slice(at + 'node_modules/'.length).split('/');
		const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
		const dir = `${path.slice(0, at)}node_modules/${name}`;
		dirs.set(dir, [...(dirs.get(dir) ?? []), path]);
	}
	return dirs;
}

/** The first `@license` comment block of `files` (a package that ships no licence file, as budoux). */
function licenceComment(files: string[]): string | undefined {
	for (const file of files) {
		const comment = /\/\*[*!]\s*\n?\s*\*?\s*@license[\s\S]*?\*\//.exec(readFileSync(file, 'utf8'));
		if (comment)
			return comment[0]
				.split('\n')
				.map((line) => line.replace(/^\s*(\/\*[*!]|\*\/|\*) ?/, '').trimEnd())
				.join('\n')
				.trim();
	}
	return undefined;
}

type PackageNotice = {name: string; version: string; license: string; text: string};

/**
 * For an MIT package that ships no licence text (yoga-layout): its copyright line, from a
 * comment of its files, with the MIT permission notice, which is the same for every holder.
 */
function mitText(files: string[]): string | undefined {
	for (const file of files) {
		const copyright = /^\s*\*?\s*(Copyright \(c\) .+)$/im.exec(readFileSync(file, 'utf8'));
		if (copyright) {
			const ours = readFileSync(new URL('../LICENSE', import.meta.url), 'utf8');
			const permission = ours.slice(ours.indexOf('Permission is hereby granted')).trim();
			return `MIT License (the package ships no licence file; its files say:)\n\n${copyright[1]!.trim()}\n\n${permission}`;
		}
	}
	return undefined;
}

function notice(dir: string, files: string[]): PackageNotice {
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		license?: string;
	};
	const file = readdirSync(dir).find((entry) => LICENCE_FILE.test(entry));
	const text = file
		? readFileSync(join(dir, file), 'utf8').trim()
		: (licenceComment(files) ?? (manifest.license === 'MIT' ? mitText(files) : undefined));
	if (!text || !manifest.license)
		throw new Error(`${dir}: no licence text or licence field; the bundle cannot ship it`);
	return {name: manifest.name, version: manifest.version, license: manifest.license, text};
}

/** The notices file's text for the packages bundled from `metafiles`. */
export function thirdPartyNotices(metafiles: Metafile[], extra: PackageNotice[] = []): string {
	const dirs = bundledPackages(metafiles.flatMap((metafile) => Object.keys(metafile.inputs)));
	const notices = [
		...[...dirs].filter(([dir]) => existsSync(dir)).map(([dir, files]) => notice(dir, files)),
		...extra,
	];
	const unique = new Map(notices.map((entry) => [`${entry.name}@${entry.version}`, entry]));
	const sorted = [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
	const header = [
		'w365-triage bundles the following packages. Their licences follow, in name order.',
		'',
		...sorted.map((entry) => `- ${entry.name} ${entry.version} (${entry.license})`),
	];
	const bodies = sorted.map(
		(entry) =>
			`${'='.repeat(78)}\n${entry.name} ${entry.version} (${entry.license})\n\n${entry.text}`,
	);
	return `${[header.join('\n'), ...bodies].join('\n\n')}\n`;
}

export type {PackageNotice};
