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
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {basename} from 'node:path';
import {build} from 'esbuild';
import type {Metafile} from 'esbuild';
import {APP_BUILD_OPTIONS, appPlugins, asciiOnly} from './build-plugins.js';
import {thirdPartyNotices} from './third-party-notices.js';

const metafiles: Metafile[] = [];
const result = await build({
	...APP_BUILD_OPTIONS,
	entryPoints: {cli: 'source/cli.tsx', 'compile-cache': 'source/compile-cache.ts'},
	outdir: 'dist',
	chunkNames: 'chunk-[hash]',
	splitting: true,
	plugins: await appPlugins(metafiles),
});

// Bundled CommonJS dependencies (signal-exit, systeminformation) call require(), which an ES
// module lacks: esbuild's __require helper uses a `require` in scope. Only the chunk holding that
// helper gets one; createRequire costs about 1 ms per module, and there are dozens of chunks.
const REQUIRE = "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);\n";
const usesRequire = /(?<![\w$.])require(?![\w$])/;
mkdirSync('dist', {recursive: true});
for (const output of result.outputFiles) {
	const text = await asciiOnly(output.text);
	writeFileSync(output.path, usesRequire.test(text) ? REQUIRE + text : text);
}

// The licences of what the bundle contains (the package's own is LICENSE, at its root).
const NOTICES = 'THIRD-PARTY-NOTICES.txt';
writeFileSync(`dist/${NOTICES}`, thirdPartyNotices([...metafiles, result.metafile]));

// Chunk names carry a content hash: remove the previous builds' chunks (not the whole folder
// first, so a test run that is using dist/ meanwhile never finds it empty).
const written = new Set([NOTICES, ...result.outputFiles.map((output) => basename(output.path))]);
for (const file of readdirSync('dist')) {
	if (!written.has(file)) rmSync(`dist/${file}`, {recursive: true, force: true});
}
