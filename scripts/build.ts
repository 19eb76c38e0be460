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
const texts = await Promise.all(result.outputFiles.map((output) => asciiOnly(output.text)));
const patched = shareToESM(texts);
result.outputFiles.forEach((output, index) => {
	const text = patched[index]!;
	writeFileSync(output.path, usesRequire.test(text) ? REQUIRE + text : text);
});

/**
 * esbuild's __toESM gives every chunk that imports a CommonJS module (Node's built-ins through
 * require(), above; signal-exit, …) its own copy of that module's properties: before the first
 * question, 51 copies of 2,717 properties. The helper is made to hand out one copy per module
 * (the copies only read through to the module, so sharing one changes nothing). Found by its
 * shape in the chunk that exports it; a build whose esbuild writes it differently fails here.
 */
function shareToESM(files: string[]): string[] {
	const helper =
		/var ([\w$]+)=\(([\w$]+),([\w$]+),([\w$]+)\)=>\(\4=\2!=null\?[\w$]+\([\w$]+\(\2\)\):\{\},[\w$]+\(\3\|\|!\2\|\|!\2\.__esModule\?[\w$]+\(\4,"default",\{value:\2,enumerable:!0\}\):\4,\2\)\)/;
	let found = 0;
	const out = files.map((text) => {
		const match = helper.exec(text);
		if (!match || !new RegExp(`export\\{[^}]*\\b${match[1]!.replace('$', '\\$')} as `).test(text))
			return text;
		found++;
		const [whole, name] = match;
		const shared = `var ${name}=((f,c=[new WeakMap,new WeakMap])=>(m,n)=>{if(m==null||typeof m!="object"&&typeof m!="function")return f(m,n);let w=c[n?1:0],r=w.get(m);return r||w.set(m,r=f(m,n)),r})(${whole.slice(`var ${name}=`.length)})`;
		return text.replace(whole, shared);
	});
	if (found !== 1)
		throw new Error(
			`esbuild's __toESM helper was found ${found} times, not once: update shareToESM in scripts/build.ts`,
		);
	return out;
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
