/**
 * Bundles the app for publishing: dist/cli.js and the chunks it loads on demand, minified ESM with
 * every dependency inside, so the package installs nothing and `npx` fetches one small tarball.
 *
 * What the start-up of a walk must not pay for is moved out of its way:
 * - the shipped flow is checked here with the real loader (any finding fails the build) and
 *   embedded as data, so a plain run parses no YAML;
 * - commands are loaded when they run (source/cli.tsx), so systeminformation, the YAML parser, the
 *   exporters and the session commands never load for a walk of the shipped flow;
 * - yoga-layout's WebAssembly is instantiated from its inlined bytes instead of through `fetch`,
 *   which would load Node's whole fetch implementation (undici) for a data: URL, and with a small
 *   first memory;
 * - conf's ajv and semver, which it loads eagerly but only uses for options we do not pass, are
 *   left out (stubs/conf-unused.js), and of systeminformation only osInfo() is taken.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename} from 'node:path';
import {build, transform} from 'esbuild';
import type {Metafile} from 'esbuild';
import {appHeader} from '../source/load-app.js';
import {
	APP_BUILD_OPTIONS,
	appPlugins,
	asciiOnly,
	namespaceThrough,
	SCRIPT_BUILD_OPTIONS,
	YOGA_WASM,
} from './build-plugins.js';
import {thirdPartyNotices} from './third-party-notices.js';

const APP = 'app.js';
const LOADER = 'start.cjs';
const NOTICES = 'THIRD-PARTY-NOTICES.txt';

const metafiles: Metafile[] = [];
let yogaWasm: Buffer | undefined;
const result = await build({
	...APP_BUILD_OPTIONS,
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	chunkNames: 'chunk-[hash]',
	splitting: true,
	plugins: await appPlugins(metafiles, {yogaWasmFile: (bytes) => (yogaWasm = bytes)}),
});
const texts = namespaceThrough(
	await Promise.all(result.outputFiles.map((output) => asciiOnly(output.text))),
);
const chunks = await Promise.all(
	result.outputFiles.map(async (output, index) => ({
		name: `./${basename(output.path)}`,
		code: await asCommonJS(texts[index]!),
	})),
);

/**
 * One chunk as the body of a CommonJS function: its imports of other chunks become require()
 * (live, through getters), and so do its dynamic imports, which vm.Script code could not make
 * without Node's ES module loader. import.meta.url is the bundle's own URL, a parameter.
 */
async function asCommonJS(code: string): Promise<string> {
	const cjs = await transform(code, {
		format: 'cjs',
		target: 'node20',
		minify: true,
		charset: 'ascii',
		supported: {...APP_BUILD_OPTIONS.supported, 'dynamic-import': false},
		define: {'import.meta.url': '__w365_app_url'},
		logLevel: 'warning',
	});
	return cjs.code;
}

// The app as one script (source/load-app.ts runs it): an object of functions, one per chunk,
// which V8 compiles only when its chunk is required. The first line is the content hash that
// names its code cache.
const body = `({${chunks
	.map(
		({name, code}) =>
			`${JSON.stringify(name)}:function(exports,require,module,__w365_app_url){"use strict";${code}}`,
	)
	.join(',\n')}})\n`;
if (/[^\x00-\x7f]/.test(body)) throw new Error(`${APP} must be ASCII only (see asciiOnly)`);
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);

// The loader that runs it, with the cache directory's checks (source/start.ts).
const loader = await build({...SCRIPT_BUILD_OPTIONS, entryPoints: ['source/start.ts']});

mkdirSync('dist', {recursive: true});
// Each file is written whole under another name and renamed into place: a test run using dist/
// meanwhile never reads half a file.
const put = (name: string, text: string | Buffer) => {
	const partial = `dist/.${name}.partial`;
	writeFileSync(partial, text);
	renameSync(partial, `dist/${name}`);
};
put(APP, appHeader(hash) + body);
put(LOADER, loader.outputFiles[0]!.text);
// The licences of what the bundle contains (the package's own is LICENSE, at its root).
put(NOTICES, thirdPartyNotices([...metafiles, result.metafile]));
if (!yogaWasm) throw new Error(`yoga-layout's WebAssembly was not handed over for ${YOGA_WASM}`);
put(YOGA_WASM, yogaWasm);

// Remove what earlier builds left (their chunks).
const written = new Set([APP, LOADER, NOTICES, YOGA_WASM]);
for (const file of readdirSync('dist')) {
	if (!written.has(file)) rmSync(`dist/${file}`, {recursive: true, force: true});
}
