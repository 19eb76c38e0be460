/**
 * Starts the app from dist/app.js: the whole bundle as one script, each chunk a function, run
 * through vm.Script with V8's code cache kept in the user's private cache directory.
 *
 * Why not Node's ES module loader with `module.enableCompileCache()`, as before: Node saves a
 * module's cache right after compiling it, before any of its functions has run, so every function
 * the first question needs was compiled again on every start; and the loader resolves, reads and
 * links each of the ~40 chunks it loads on its own. Here the cache is taken once the first question
 * is on screen (keepCompiledCode, below), holding every function that drew it: 295 M → ~200 M
 * instructions until the first question (README "Performance").
 *
 * The chunks are esbuild's code-split ES modules turned into CommonJS at build time
 * (scripts/build.ts), so they load lazily exactly as before, one `require` per chunk.
 */
import {
	closeSync,
	constants,
	fstatSync,
	lstatSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import vm from 'node:vm';
import {privateCacheDir} from './code-cache-dir.js';
import {KEEP_COMPILED_CODE} from './keep-compiled-code.js';

/** The bundle's first line: its content hash, which names its cache (scripts/build.ts writes it). */
export const APP_HEADER = /^\/\/ w365-triage ([0-9a-f]{16})\n/;
export const appHeader = (hash: string) => `// w365-triage ${hash}\n`;

type Module = {exports: object};
type Chunk = (
	exports: object,
	require: (name: string) => unknown,
	module: Module,
	appUrl: string,
) => void;

/** Loads and starts the app. `nodeRequire` gives Node's own modules to the chunks. */
export function loadApp(appFile: string, nodeRequire: (name: string) => unknown): void {
	// ASCII only (the build checks it), so latin1 is exact, and V8 keeps it one byte per character.
	const source = readFileSync(appFile, 'latin1');
	const hash = APP_HEADER.exec(source)?.[1];
	if (!hash) throw new Error(`${appFile} is not w365-triage's bundle`);
	const cache = codeCache(hash);
	const cachedData = cache?.read();
	const script = new vm.Script(source, {filename: appFile, cachedData});
	if (cache && (!cachedData || script.cachedDataRejected)) {
		(globalThis as Record<symbol, unknown>)[KEEP_COMPILED_CODE] = () => {
			delete (globalThis as Record<symbol, unknown>)[KEEP_COMPILED_CODE];
			cache.write(script.createCachedData());
		};
	}
	const chunks = script.runInThisContext() as Record<string, Chunk>;
	const appUrl = pathToFileURL(appFile).href;
	const loaded = new Map<string, Module>();
	const require = (name: string): unknown => {
		const chunk = chunks[name];
		if (!chunk) return nodeRequire(name);
		let module = loaded.get(name);
		if (!module) {
			module = {exports: {}};
			loaded.set(name, module); // before it runs: chunks may require each other in a cycle
			chunk(module.exports, require, module, appUrl);
		}
		return module.exports;
	};
	require('./cli.js');
}

export type CodeCache = {read: () => Buffer | undefined; write: (data: Buffer) => void};

/**
 * The cache file for this bundle, Node version and architecture in the private directory (none
 * when there is no usable one, or NODE_DISABLE_COMPILE_CACHE is set). Reading and writing never
 * throw: a cache that cannot be had is a slower start, nothing more.
 */
export function codeCache(
	hash: string,
	env: NodeJS.ProcessEnv = process.env,
): CodeCache | undefined {
	if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
	const {dir} = privateCacheDir(env);
	if (dir === undefined) return undefined;
	const name = `app-${hash}-${process.version}-${process.arch}.v8`;
	return {read: () => readOwnFile(join(dir, name)), write: (data) => replaceFile(dir, name, data)};
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** The file's bytes, if it is a regular file of the user's that no one else can write. */
function readOwnFile(path: string): Buffer | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(path, constants.O_RDONLY | NO_FOLLOW);
		const stat = fstatSync(fd);
		const uid = process.geteuid?.();
		if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || stat.mode & 0o022)))
			return undefined;
		return readFileSync(fd);
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Writes `name` whole or not at all (a new file, renamed over the old). Then tidies the directory:
 * the caches of other builds beyond the three written last (two installed versions used in turn
 * keep theirs), and what Node's own compile cache left there when earlier versions used it.
 */
function replaceFile(dir: string, name: string, data: Buffer): void {
	const partial = join(dir, `.${name}.${process.pid}.partial`);
	try {
		const fd = openSync(
			partial,
			constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
			0o600,
		);
		try {
			writeFileSync(fd, data);
		} finally {
			closeSync(fd);
		}
		renameSync(partial, join(dir, name));
	} catch {
		rmSync(partial, {force: true});
		return;
	}
	try {
		const entries = readdirSync(dir);
		const others = entries
			.filter((entry) => /^app-[0-9a-f]{16}-.*\.v8$/.test(entry) && entry !== name)
			.map((entry) => ({entry, written: lstatSync(join(dir, entry)).mtimeMs}))
			.sort((a, b) => b.written - a.written)
			.slice(KEPT_OTHER_BUILDS)
			.map(({entry}) => entry);
		const nodes = entries.filter((entry) => /^v\d+\.\d+\.\d+-/.test(entry));
		for (const entry of [...others, ...nodes])
			rmSync(join(dir, entry), {recursive: true, force: true});
	} catch {
		// Left for the next cache written to remove.
	}
}

const KEPT_OTHER_BUILDS = 3;
