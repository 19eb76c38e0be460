/**
 * string-width as the bundle has it (scripts/build-plugins.ts: stringWidthLazyPatterns): its
 * Unicode-property patterns are built on first use, and every width is string-width's own.
 * Built with the real plugin, run by Node beside the unpatched package.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {lazyPropertyPatterns, stringWidthLazyPatterns} from '../../scripts/build-plugins.js';
import {scratchSpace} from '../helpers/scratch.js';

const {scratch} = scratchSpace('w365-string-width-');
const STRING_WIDTH = createRequire(import.meta.url).resolve('string-width');

/** Text of every kind string-width treats apart: emoji of each sort, marks, jamo, controls. */
const SAMPLES = [
	'',
	'plain ASCII',
	'日本語のテキスト',
	'ｶﾞｷﾞ half-width kana with marks',
	'e\u0301 combining acute',
	'\u0915\u093f Devanagari spacing mark',
	'👍',
	'👍🏽 skin tone',
	'👩‍💻 joined',
	'👨‍👩‍👧‍👦 family',
	'🏳️‍🌈 flag sequence',
	'🇯🇵 regional indicators',
	'#️⃣ keycap',
	'#⃣ unqualified keycap',
	'☺ text presentation',
	'☺️ emoji presentation',
	'©',
	'\u200b\u200d\ufeff zero width',
	'\u1100\u1161\u11a8 Hangul jamo',
	'\u1100\u1100\u1161 repeated jamo',
	'a\u0000b\u0007c controls',
	'\ud800 lone surrogate',
	'\u001b[31mred\u001b[39m',
	'🧑🏻‍🤝‍🧑🏿',
];

const COMPARE = `
import patched from './patched.mjs';
import original from ${JSON.stringify(pathToFileURL(STRING_WIDTH).href)};
const samples = ${JSON.stringify(SAMPLES)};
const differ = samples.filter((text) => patched(text) !== original(text));
console.log(JSON.stringify({differ, widths: samples.map((text) => patched(text))}));
`;

describe("string-width's property patterns, built on first use", () => {
	it('gives every width string-width gives', async () => {
		const dir = scratch();
		const result = await build({
			stdin: {contents: "export {default} from 'string-width';", resolveDir: process.cwd()},
			bundle: true,
			format: 'esm',
			platform: 'node',
			write: false,
			plugins: [stringWidthLazyPatterns()],
			logLevel: 'silent',
		});
		const bundled = result.outputFiles[0]!.text;
		expect(bundled).toContain('lazyPattern(() => /[^\\p{Default_Ignorable_Code_Point}');
		writeFileSync(join(dir, 'patched.mjs'), bundled);
		writeFileSync(join(dir, 'compare.mjs'), COMPARE);
		const run = spawnSync(process.execPath, [join(dir, 'compare.mjs')], {encoding: 'utf8'});
		expect(run.stderr).toBe('');
		const {differ, widths} = JSON.parse(run.stdout) as {differ: string[]; widths: number[]};
		expect(differ).toEqual([]);
		expect(widths.slice(0, 3)).toEqual([0, 11, 16]);
	});

	it('leaves no property pattern to be built as the module loads', () => {
		const source = readFileSync(STRING_WIDTH, 'utf8');
		const patched = lazyPropertyPatterns(source);
		expect(typeof patched).toBe('string');
		const topLevelPatterns = (patched as string)
			.split('\n')
			.filter((line) => /^(?:const|let|var) \w+ = \/.*\\[pP]\{/.test(line));
		expect(topLevelPatterns).toEqual([]);
		expect(patched).toContain('const visibleCharacterRegex = lazyPattern(() => /');
	});

	it('fails the build, saying why, when string-width changes under it', () => {
		const source = readFileSync(STRING_WIDTH, 'utf8');
		expect(lazyPropertyPatterns(source.replace('const rgiEmojiRegex', 'const rgi'))).toEqual({
			problem: 'its RGI_Emoji pattern was not found',
		});
		expect(
			lazyPropertyPatterns(`${source}\nexport const last = visibleCharacterRegex.lastIndex;\n`),
		).toEqual({problem: 'visibleCharacterRegex is used in a way other than test, search or match'});
		expect(lazyPropertyPatterns(`${source}\nlet extra = /\\p{Lu}/u;\n`)).toEqual({
			problem: 'a property class outside the patterns it expects: let extra = /\\p{Lu}/u;',
		});
	});
});
