/**
 * The esbuild plugins and the output pass shared by the npm bundle (build.ts) and the Windows
 * single executable (build-exe.ts); build.ts's header says why each exists.
 */
import {readFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type BuildOptions, build, type Metafile, type Plugin} from 'esbuild';
import {DAMAGED_INSTALL} from '../source/damaged-install.js';
import {formatFinding} from '../source/flow/findings.js';
import {loadFlowFile} from '../source/flow/load-flow.js';
import {hashFlow} from '../source/session/flow-hash.js';

const PACKAGE_VERSION = (
	JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
).version;

const SHIPPED_FLOW_FILE = 'flows/w365-avd-2026-01.yaml';

/** Replaces source/flow/embedded-flow.ts with the checked shipped flow. */
export function embedShippedFlow(): Plugin {
	return {
		name: 'embed-shipped-flow',
		setup(esbuild) {
			esbuild.onLoad({filter: /[\\/]source[\\/]flow[\\/]embedded-flow\.ts$/}, () => {
				const loaded = loadFlowFile(SHIPPED_FLOW_FILE);
				if (!loaded.flow || loaded.source === undefined) {
					return {
						errors: loaded.findings.map((finding) => ({
							text: `the shipped flow has a problem: ${formatFinding(finding)}`,
						})),
					};
				}
				// JSON.parse of a string is faster for V8 than the same object as a literal; parsed on
				// first use, so commands that never walk the shipped flow do not pay for it. The
				// file's text is not embedded (the package ships the file): only its hash and size.
				const json = JSON.stringify(JSON.stringify(loaded.flow));
				const sha256 = JSON.stringify(hashFlow(loaded.source));
				const bytes = Buffer.byteLength(loaded.source);
				return {
					contents: `const flow = ${json};\nlet embedded;\nexport function embeddedFlow() {\n\treturn (embedded ??= {flow: JSON.parse(flow), sha256: ${sha256}, bytes: ${bytes}});\n}\n`,
					loader: 'js',
					watchFiles: [SHIPPED_FLOW_FILE],
				};
			});
		},
	};
}

/**
 * yoga-layout (Emscripten), three changes to how its inlined WebAssembly starts:
 * - it prefers `fetch` whenever fetch exists, which loads Node's whole fetch implementation
 *   (undici) for a data: URL;
 * - its memory starts at 16 MB, which V8 counts against the heap's first limit: a full garbage
 *   collection (10 ms here) falls in the middle of the start-up. It starts at 256 KB instead (its
 *   data and stack take 73 KB) and grows as Emscripten grows it, which this build allows (the
 *   memory's maximum is 2 GB);
 * - with `wasmFile` (the npm bundle), the module's bytes are handed to the build, which writes them
 *   beside the bundle as YOGA_WASM, read when Ink loads: as base64 in the bundle they were 10 kB
 *   more of the package, compressed. The single executable, which has no files, keeps them inline.
 */
const YOGA_MEMORY = {
	// Memory section: id 5, 7 bytes, one memory, limits with a maximum, initial 256 pages (LEB128),
	// maximum 32768 pages; after: 6 bytes, initial 4 pages.
	from: Buffer.from([0x05, 0x07, 0x01, 0x01, 0x80, 0x02, 0x80, 0x80, 0x02]),
	to: Buffer.from([0x05, 0x06, 0x01, 0x01, 0x04, 0x80, 0x80, 0x02]),
};

/** The npm bundle's yoga-layout WebAssembly, beside dist/app.js. */
export const YOGA_WASM = 'yoga.wasm';

export function yogaStartup({wasmFile}: {wasmFile?: (bytes: Buffer) => void} = {}): Plugin {
	return {
		name: 'yoga-startup',
		setup(esbuild) {
			esbuild.onLoad(
				{filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/},
				({path}) => {
					const source = readFileSync(path, 'utf8');
					const changed = (what: string) => ({
						errors: [{text: `yoga-layout changed: ${what} (see scripts/build.ts)`}],
					});
					const withoutFetch = source.replaceAll('"function"!=typeof fetch', 'true');
					if (withoutFetch === source) return changed('the fetch check to patch was not found');
					const wasm = /(data:application\/octet-stream;base64,)([A-Za-z0-9+/=]+)/.exec(
						withoutFetch,
					);
					if (!wasm) return changed('its inlined WebAssembly was not found');
					const bytes = Buffer.from(wasm[2]!, 'base64');
					const at = bytes.indexOf(YOGA_MEMORY.from);
					if (at === -1 || bytes.indexOf(YOGA_MEMORY.from, at + 1) !== -1)
						return changed('its memory section is not the one patched');
					const patched = Buffer.concat([
						bytes.subarray(0, at),
						YOGA_MEMORY.to,
						bytes.subarray(at + YOGA_MEMORY.from.length),
					]);
					// The bytes leave the Emscripten code, which then never reads them: the module is
					// started synchronously from them (yogaSynchronous, below).
					const emscripten = withoutFetch.replace(wasm[0], () => wasm[1]!);
					if (!wasmFile)
						return {
							contents: `${emscripten}\nexport const yogaWasm = () => Buffer.from(${JSON.stringify(patched.toString('base64'))}, 'base64');\n`,
							loader: 'js',
						};
					wasmFile(patched);
					return {
						contents: [
							"import {readFileSync} from 'node:fs';",
							"import {fileURLToPath} from 'node:url';",
							emscripten,
							'export const yogaWasm = () => {',
							`\tconst file = new URL(${JSON.stringify(`./${YOGA_WASM}`)}, import.meta.url);`,
							'\ttry {',
							'\t\treturn readFileSync(file);',
							'\t} catch (error) {',
							'\t\tthrow Object.assign(',
							"\t\t\tnew Error(fileURLToPath(file) + ' cannot be read (' + (error.code ?? error.message) + ')'),",
							`\t\t\t{code: ${JSON.stringify(DAMAGED_INSTALL)}},`,
							'\t\t);',
							'\t}',
							'};',
						].join('\n'),
						loader: 'js',
					};
				},
			);
		},
	};
}

/**
 * yoga-layout starts its WebAssembly with a top-level await, which the app's CommonJS chunks
 * cannot hold (scripts/build.ts). Its entry is replaced by one that compiles and instantiates the
 * module synchronously (Node allows that for any size) through Emscripten's `instantiateWasm`
 * hook, after which Emscripten runs the module's start-up at once.
 */
export function yogaSynchronous(): Plugin {
	const contents = [
		"import loadYoga, {yogaWasm} from '../binaries/yoga-wasm-base64-esm.js';",
		"import wrapAssembly from './wrapAssembly.js';",
		// Read before Emscripten runs: an error inside its hook would be its own unhandled rejection.
		'const bytes = yogaWasm();',
		'const module = {',
		'\tinstantiateWasm(imports, ready) {',
		'\t\tready(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));',
		'\t\treturn {};',
		'\t},',
		'};',
		'loadYoga(module);',
		"if (!module.calledRun) throw new Error('yoga-layout did not start synchronously');",
		'export default wrapAssembly(module);',
		"export * from './generated/YGEnums.js';",
	].join('\n');
	return {
		name: 'yoga-synchronous',
		setup(esbuild) {
			esbuild.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, ({path}) => {
				const source = readFileSync(path, 'utf8');
				if (!source.includes('wrapAssembly(await loadYoga())'))
					return {
						errors: [
							{
								text: 'yoga-layout changed: its entry no longer awaits loadYoga() (see scripts/build-plugins.ts)',
							},
						],
					};
				return {contents, loader: 'js', resolveDir: dirname(path)};
			});
		},
	};
}

/**
 * Ink's two top-level awaits are for its React DevTools bridge, only with DEV=true, which this
 * build leaves out (inkWithoutDevtools): without them, the chunk holding Ink can be CommonJS.
 */
export function inkWithoutTopLevelAwait(): Plugin {
	const awaits = [
		["await import('./devtools.js');", "import('./devtools.js');"],
		['const loaded = await loadPackageJson();', 'const loaded = {};'],
	] as const;
	return {
		name: 'ink-without-top-level-await',
		setup(esbuild) {
			esbuild.onLoad(
				{filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/},
				({path}) => {
					let source = readFileSync(path, 'utf8');
					for (const [from, to] of awaits) {
						if (!source.includes(from))
							return {
								errors: [
									{
										text: `ink changed: "${from}" was not found in its reconciler (see scripts/build-plugins.ts)`,
									},
								],
							};
						source = source.replace(from, to);
					}
					return {contents: source, loader: 'js'};
				},
			);
		},
	};
}

/** An import made inside one package, answered by one of our stubs (stubs/); each use says why. */
function stubImport(name: string, imports: RegExp, inPackage: string, stubFile: string): Plugin {
	const importer = new RegExp(`[\\\\/]node_modules[\\\\/]${inPackage}[\\\\/]`);
	return {
		name,
		setup(esbuild) {
			esbuild.onResolve({filter: imports}, (args) =>
				importer.test(args.importer) ? {path: stub(stubFile)} : undefined,
			);
		},
	};
}

/** conf's eager imports of ajv, ajv-formats and semver, which it only uses for options we do not pass. */
export const confWithoutSchemaSupport = () =>
	stubImport(
		'conf-without-schema-support',
		/^(ajv\/dist\/2020\.js|ajv-formats|semver)$/,
		'conf',
		'conf-unused.js',
	);

/** Ink's fallback for a stream without a width, never used here. */
export const inkWithoutTerminalSize = () =>
	stubImport('ink-without-terminal-size', /^terminal-size$/, 'ink', 'terminal-size.js');

/** Ink's "in CI, draw only at exit": the app uses Ink only on a terminal (stubs/ink-not-in-ci.js). */
export const inkNotInCi = () =>
	stubImport('ink-not-in-ci', /^is-in-ci$/, 'ink', 'ink-not-in-ci.js');

/** Ink's React DevTools bridge (DEV=true only) pulls in a WebSocket client; leave it out. */
export const inkWithoutDevtools = () =>
	stubImport('ink-without-devtools', /^\.\/devtools\.js$/, 'ink', 'ink-devtools.js');

/**
 * string-width's patterns with Unicode property classes (\p{…}), built on first use instead of as
 * it loads. V8 parses a pattern when it is created, looking each property up in ICU: its five
 * cost 7 M instructions (about 4 % of the start-up) before the first question, whose text never
 * reaches string-width (source/terminal/text-width.ts measures it without). A pattern stands in
 * for its RegExp only where string-width uses it (test, search, match), which the patch checks.
 *
 * /^\p{RGI_Emoji}$/v is also tried only on a segment that could be an RGI emoji: one holding an
 * Emoji character, and, if it is one code point, an Emoji_Presentation one (every RGI emoji
 * sequence has an Emoji character, and a lone code point is an RGI emoji only with emoji
 * presentation); its first match costs ICU about 40 ms. Widths are unchanged
 * (test/bundle/string-width-patch.test.ts).
 */
export function stringWidthLazyPatterns(): Plugin {
	return {
		name: 'string-width-lazy-patterns',
		setup(esbuild) {
			esbuild.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, ({path}) => {
				const source = readFileSync(path, 'utf8');
				if (!source.includes('rgiEmojiRegex')) return undefined; // an older string-width (wrap-ansi's)
				const patched = lazyPropertyPatterns(source);
				if (typeof patched !== 'string')
					return {
						errors: [
							{text: `string-width changed: ${patched.problem} (see scripts/build-plugins.ts)`},
						],
					};
				return {contents: patched, loader: 'js'};
			});
		},
	};
}

/** A top-level `const name = /…\p{…}…/flags;` of string-width's. */
const PROPERTY_PATTERN = /^const (\w+) = (\/.*\\[pP]\{.*\/[dgimsuvy]*);$/gm;
const RGI_EMOJI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const LAZY_PATTERN = `function lazyPattern(make) {
	let pattern;
	const made = () => (pattern ??= make());
	return {
		test: (text) => made().test(text),
		[Symbol.search]: (text) => made()[Symbol.search](text),
		[Symbol.match]: (text) => made()[Symbol.match](text),
	};
}
`;
const RGI_EMOJI_LAZY = `const mayBeEmoji = lazyPattern(() => /\\p{Emoji}/u);
const emojiPresentation = lazyPattern(() => /^\\p{Emoji_Presentation}$/u);
const rgiEmoji = lazyPattern(() => /^\\p{RGI_Emoji}$/v);
const rgiEmojiRegex = {test(segment) {
	if (!mayBeEmoji.test(segment)) return false;
	if (segment.length === (segment.codePointAt(0) > 0xFFFF ? 2 : 1) && !emojiPresentation.test(segment)) return false;
	return rgiEmoji.test(segment);
}};`;

/** string-width's source with its property patterns lazy; or what did not match what it expects. */
export function lazyPropertyPatterns(source: string): string | {problem: string} {
	if (!source.includes(RGI_EMOJI)) return {problem: 'its RGI_Emoji pattern was not found'};
	const names: string[] = [];
	let patched = source.replace(RGI_EMOJI, () => RGI_EMOJI_LAZY);
	patched = patched.replace(PROPERTY_PATTERN, (_line, name: string, pattern: string) => {
		names.push(name);
		return `const ${name} = lazyPattern(() => ${pattern});`;
	});
	if (names.length === 0) return {problem: 'no pattern with a property class was found'};
	for (const name of names) {
		const uses = patched.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
		const supported =
			patched.match(new RegExp(`\\b${name}\\.test\\(|\\.(?:search|match)\\(${name}\\)`, 'g'))
				?.length ?? 0;
		if (uses !== supported + 1)
			return {problem: `${name} is used in a way other than test, search or match`};
	}
	// Any other top-level pattern with a property class would still be built as the module loads.
	const eager = /^(?:const|let|var) \w+ = \/.*\\[pP]\{.*$/m.exec(patched);
	if (eager) return {problem: `a property class outside the patterns it expects: ${eager[0]}`};
	return `${LAZY_PATTERN}${patched}`;
}

/** Only BudouX's parser and Japanese model, not its HTML processor (stubs/budoux-parser.js). */
export function budouxParserOnly(): Plugin {
	return {
		name: 'budoux-parser-only',
		setup(esbuild) {
			esbuild.onResolve({filter: /^budoux$/}, () => ({path: stub('budoux-parser.js')}));
		},
	};
}

/** Only systeminformation's osInfo(), not the whole package (stubs/systeminformation-osinfo.js). */
export function systeminformationOsInfoOnly(): Plugin {
	return {
		name: 'systeminformation-osinfo-only',
		setup(esbuild) {
			esbuild.onResolve({filter: /^systeminformation$/}, () => ({
				path: stub('systeminformation-osinfo.js'),
			}));
		},
	};
}

/**
 * The app's own copy of systeminformation left out: bundled, Windows detection always runs in its
 * worker (detect-off-thread.ts), which carries its own copy (detectWorkerSource), and elsewhere
 * nothing loads it (detect-facts.ts). A second copy was 86 KB of the package for code that never
 * runs; should it ever be reached, detection reports systeminformation as not read, as it does
 * when the package fails to load.
 */
export function systeminformationInWorkerOnly(): Plugin {
	return {
		name: 'systeminformation-in-worker-only',
		setup(esbuild) {
			esbuild.onLoad({filter: /[\\/]source[\\/]detect[\\/]load-systeminformation\.ts$/}, () => ({
				contents:
					"export async function loadSystemInformation() {\n\tthrow new Error('systeminformation runs in the detection worker');\n}\n",
				loader: 'js',
			}));
		},
	};
}

/**
 * Node's own modules through require(), not import: an ES module import of a built-in makes Node
 * build a facade that reads every export. Each built-in becomes a CommonJS re-export, whose
 * namespace reads through to it (namespaceThrough, below). The ones the first question does not
 * need, and which Node has not loaded anyway, load on their first property read instead (a Proxy
 * for `get` and `in`): node:crypto alone is 15 modules and 11 M instructions. Only modules of plain
 * functions, classes and values: a Proxy is not callable, and a method called on it gets it as
 * `this`, so `process`, `events`, `stream` and the like stay as they are.
 */
const LAZY_BUILTINS = new Set(['child_process', 'crypto', 'readline', 'worker_threads']);

export function builtinsThroughRequire(): Plugin {
	return {
		name: 'builtins-through-require',
		setup(esbuild) {
			esbuild.onResolve({filter: /^(node:)?[a-z_/]+$/}, ({path, kind}) => {
				const name = path.replace(/^node:/, '');
				if (kind !== 'import-statement' || !builtinModules.includes(name)) return undefined;
				return {path: name, namespace: 'builtin'};
			});
			esbuild.onLoad({filter: /.*/, namespace: 'builtin'}, ({path}) => ({
				contents: LAZY_BUILTINS.has(path)
					? `let loaded;\nconst load = () => (loaded ??= require('node:${path}'));\nmodule.exports = new Proxy({}, {get: (_, key) => Reflect.get(load(), key), has: (_, key) => Reflect.has(load(), key)});\n`
					: `module.exports = require('node:${path}');\n`,
				loader: 'js',
			}));
		},
	};
}

const stub = (name: string) => fileURLToPath(new URL(`../stubs/${name}`, import.meta.url));

/** A script of its own, run as CommonJS: the detection worker (below) and the loader (build.ts). */
export const SCRIPT_BUILD_OPTIONS = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	minify: true,
	charset: 'ascii',
	legalComments: 'none',
	write: false,
	logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * The detection worker (source/detect/detect-worker.ts) as one CommonJS script, inlined as text
 * into the module that starts it: a Worker is started from that text, which works the same from
 * dist/ and from the single executable (which has no file to point a Worker at).
 */
export async function detectWorkerSource(metafiles: Metafile[] = []): Promise<Plugin> {
	const worker = await build({
		...SCRIPT_BUILD_OPTIONS,
		metafile: true,
		entryPoints: ['source/detect/detect-worker.ts'],
		plugins: [systeminformationOsInfoOnly()],
	});
	metafiles.push(worker.metafile);
	// Its own helpers read through too: the app's build then finds one __toESM, its own.
	const text = namespaceThrough([worker.outputFiles[0]!.text], {required: false})[0]!;
	return {
		name: 'detect-worker-source',
		setup(esbuild) {
			esbuild.onLoad({filter: /[\\/]source[\\/]detect[\\/]detect-worker-source\.ts$/}, () => ({
				contents: `export const DETECT_WORKER_SOURCE = ${JSON.stringify(text)};\n`,
				loader: 'js',
			}));
		},
	};
}

/**
 * esbuild writes strings as ASCII (charset 'ascii') but leaves regular expression literals as they
 * are, and one Japanese character in a regex (the line-breaking rules in wrap-lines.ts) makes Node
 * decode the whole 400 KB UI chunk as UTF-8 and V8 hold it as two-byte text: about 5 ms of the
 * start-up. Each non-ASCII character in a regex literal is written as \\uXXXX instead, which
 * means the same in every regex mode (a surrogate pair of escapes is one code point under u and
 * v). acorn's tokenizer finds the literals: minified code cannot be told apart by a pattern.
 */
export async function asciiOnly(code: string): Promise<string> {
	if (!/[^\x00-\x7f]/.test(code)) return code;
	const {tokenizer} = await import('acorn');
	let out = '';
	let done = 0;
	for (const token of tokenizer(code, {ecmaVersion: 'latest', sourceType: 'module'})) {
		if (token.type.label !== 'regexp') continue;
		const escaped = code
			.slice(token.start, token.end)
			.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
		out += code.slice(done, token.start) + escaped;
		done = token.end;
	}
	return out + code.slice(done);
}

/**
 * esbuild's __toESM, which makes an ES module namespace of a CommonJS module (Node's built-ins,
 * React, signal-exit, …), copies every property onto a new object as a getter, reading each one's
 * descriptor: for node:util that alone loads eleven more modules (worker_threads among them), and
 * every importing chunk made its own copy. Here the namespace is an object whose prototype is the
 * module, with `default` of its own where esbuild sets one: reads go through to the module as
 * before, nothing is copied or read in advance. (Enumerating such a namespace's keys would list
 * only `default`; esbuild's code reads names, and the test suite runs the bundle.) The helper is
 * found by its shape (once: the build's chunks share it); a build whose esbuild writes it differently
 * fails here. The detection worker, a build of its own, holds a copy or none.
 */
export function namespaceThrough(files: string[], {required = true} = {}): string[] {
	const helper =
		/var ([\w$]+)=\(([\w$]+),([\w$]+),([\w$]+)\)=>\(\4=\2!=null\?[\w$]+\([\w$]+\(\2\)\):\{\},[\w$]+\(\3\|\|!\2\|\|!\2\.__esModule\?[\w$]+\(\4,"default",\{value:\2,enumerable:!0\}\):\4,\2\)\)/;
	let found = 0;
	const out = files.map((text) => {
		const match = helper.exec(text);
		if (!match) return text;
		found++;
		const [whole, name] = match;
		const through = `var ${name}=((f)=>(m,n)=>m==null||typeof m!="object"&&typeof m!="function"?f(m,n):n||!m.__esModule?Object.create(m,{default:{value:m,enumerable:!0}}):m)(${whole.slice(`var ${name}=`.length)})`;
		return text.replace(whole, through);
	});
	if (found > 1 || (required && found === 0))
		throw new Error(
			`esbuild's __toESM helper was found ${found} times, not once: update namespaceThrough in scripts/build-plugins.ts`,
		);
	return out;
}

/** What the npm bundle (build.ts) and the single executable (build-exe.ts) are both built with. */
export const APP_BUILD_OPTIONS = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	jsx: 'automatic',
	legalComments: 'none',
	// esbuild's default ASCII output (\u escapes for the Japanese text) on purpose: Node decodes an
	// ASCII module three times faster than one with any other character, and V8 scans it faster.
	charset: 'ascii',
	// Node 20 has every regular expression feature, but esbuild's tables say otherwise and turn each
	// literal using one (\p{…}, lookbehind, the v flag) into `new RegExp(…)`, which V8 parses when
	// the module loads; a literal is parsed the first time it runs: 40 such patterns, most of them
	// never run before the first question, were 6 M instructions of the start-up.
	supported: {
		'regexp-lookbehind-assertions': true,
		'regexp-match-indices': true,
		'regexp-named-capture-groups': true,
		'regexp-set-notation': true,
		'regexp-unicode-property-escapes': true,
	},
	// The version is written into the bundle, which then holds nothing of package.json.
	define: {'process.env.NODE_ENV': '"production"', W365_VERSION: JSON.stringify(PACKAGE_VERSION)},
	metafile: true,
	alias: {'react-devtools-core': './stubs/react-devtools-core.js'},
	write: false,
	logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * Every plugin of the app's bundle, in order. The detection worker is a build of its own: its
 * metafile is added to `metafiles`, for the third-party notices.
 */
export async function appPlugins(
	metafiles: Metafile[] = [],
	{yogaWasmFile}: {yogaWasmFile?: (bytes: Buffer) => void} = {},
): Promise<Plugin[]> {
	return [
		embedShippedFlow(),
		await detectWorkerSource(metafiles),
		yogaStartup({wasmFile: yogaWasmFile}),
		yogaSynchronous(),
		inkWithoutTopLevelAwait(),
		stringWidthLazyPatterns(),
		confWithoutSchemaSupport(),
		systeminformationInWorkerOnly(),
		budouxParserOnly(),
		inkWithoutDevtools(),
		inkWithoutTerminalSize(),
		inkNotInCi(),
		builtinsThroughRequire(),
	];
}
