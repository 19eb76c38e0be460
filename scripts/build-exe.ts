/**
 * Builds w365-triage.exe (Windows x64; `--arch arm64` for Windows on Arm, built the same way but
 * not run by the test suite, whose Wine is x64): a Node single executable application, so that the
 * PC that fails to connect, which usually has no Node, can run the app and detect its own build.
 * `npm run build:exe [-- --arch x64|arm64] [--out FILE]`; default build/w365-triage.exe
 * (build/w365-triage-arm64.exe). Not part of the npm package.
 *
 * How (Node's "Single executable applications" documentation):
 * 1. the app as one ES module (the npm bundle's plugins, no chunks); the executable's main
 *    script, which must be CommonJS, imports it from a data: URL, since the app uses top-level
 *    await (its own and yoga-layout's), which CommonJS cannot hold;
 * 2. the preparation blob, from `node --experimental-sea-config`: made by this Node, so the
 *    target is the official node.exe of exactly this Node version (the npm package
 *    node-win-<arch>@<version>, fetched once into the same cache as the test suite's Node builds),
 *    without code cache or snapshot, which only load on the platform that made them;
 * 3. node.exe's Authenticode signature removed (the injection would break it anyway), then the
 *    blob injected with postject. The result is unsigned: an organisation signs it itself.
 */
import {execFileSync} from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {build} from 'esbuild';
import type {Metafile} from 'esbuild';
import {APP_BUILD_OPTIONS, appPlugins, asciiOnly, namespaceThrough} from './build-plugins.js';
import {thirdPartyNotices} from './third-party-notices.js';

const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const option = (name: string) => {
	const at = process.argv.indexOf(name);
	return at === -1 ? undefined : process.argv[at + 1];
};
const arch = option('--arch') ?? 'x64';
if (arch !== 'x64' && arch !== 'arm64') throw new Error(`--arch is x64 or arm64, not ${arch}`);
const out = resolve(
	option('--out') ?? (arch === 'x64' ? 'build/w365-triage.exe' : 'build/w365-triage-arm64.exe'),
);
const version = process.versions.node;
if (Number(version.split('.')[0]) < 22)
	console.warn(
		`note: this executable carries Node ${version}, past its end of life (no security fixes); build the one you hand out with Node 22 (as .ci/run does) or 24`,
	);
const nodePackage = `node-win-${arch}@${version}`;

/** node.exe of this exact Node version, from the cache or fetched with `npm pack` into it. */
function windowsNode(): string {
	const cache =
		process.env.W365_NODE_CACHE ??
		join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'w365-triage', 'node');
	const dir = join(cache, `win-${arch}-${version}`);
	const exe = join(dir, 'node.exe');
	if (existsSync(exe)) return exe;
	mkdirSync(cache, {recursive: true});
	const partial = mkdtempSync(join(cache, `win-${arch}-${version}.partial-`));
	try {
		const tarball = execFileSync('npm', ['pack', '--silent', nodePackage], {
			cwd: partial,
			encoding: 'utf8',
		}).trim();
		execFileSync('tar', ['-xzf', tarball, '--strip-components=2', 'package/bin/node.exe'], {
			cwd: partial,
		});
		rmSync(join(partial, tarball));
		renameSync(partial, dir);
	} catch (error) {
		rmSync(partial, {recursive: true, force: true});
		if (existsSync(exe)) return exe; // a parallel build got there first
		throw new Error(
			`could not get node.exe ${version} for ${arch} (npm package ${nodePackage}): ${(error as Error).message}`,
		);
	}
	return exe;
}

/**
 * Removes a PE file's Authenticode signature: the certificate table's entry in the optional
 * header's data directories is zeroed and the table (always at the end of the file) cut off.
 */
function removeSignature(file: string): void {
	const pe = readFileSync(file);
	const header = pe.readUInt32LE(0x3c);
	if (pe.toString('latin1', header, header + 4) !== 'PE\0\0')
		throw new Error(`${file} is not a PE file`);
	const optional = header + 24;
	const magic = pe.readUInt16LE(optional);
	if (magic !== 0x20b) throw new Error(`${file} is not a 64-bit PE file`);
	const certificateEntry = optional + 112 + 4 * 8; // PE32+: data directories at 112; the 5th
	const offset = pe.readUInt32LE(certificateEntry);
	const size = pe.readUInt32LE(certificateEntry + 4);
	if (offset === 0 && size === 0) return;
	if (offset + size !== pe.length)
		throw new Error(`${file}: its certificate table is not at the end of the file`);
	pe.writeUInt32LE(0, certificateEntry);
	pe.writeUInt32LE(0, certificateEntry + 4);
	writeFileSync(file, pe.subarray(0, offset));
}

const work = mkdtempSync(join(tmpdir(), 'w365-exe-'));
try {
	const metafiles: Metafile[] = [];
	const bundle = await build({
		...APP_BUILD_OPTIONS,
		entryPoints: ['source/cli.tsx'],
		// A data: URL module has no file: import.meta.url is the executable's (the shipped flow is
		// embedded; nothing else is looked up beside it), and require() is made from it.
		banner: {
			js: "import{createRequire as __cr}from'node:module';import{pathToFileURL as __u}from'node:url';const __exeUrl=__u(process.execPath).href;const require=__cr(__exeUrl);",
		},
		define: {...APP_BUILD_OPTIONS.define, 'import.meta.url': '__exeUrl'},
		plugins: await appPlugins(metafiles),
	});
	// Beside the executable: the licences of the packages inside it, and of Node.js, whose
	// node.exe it is (the npm package of node.exe holds no licence file: its address is given).
	const notices = thirdPartyNotices(
		[...metafiles, bundle.metafile],
		[
			{
				name: 'Node.js',
				version,
				license: 'MIT and the licences of its dependencies',
				text: `The Node.js licence: https://github.com/nodejs/node/blob/v${version}/LICENSE`,
			},
		],
	);
	const app = namespaceThrough([await asciiOnly(bundle.outputFiles[0]!.text)])[0]!;
	const main = `import(${JSON.stringify(`data:text/javascript;base64,${Buffer.from(app).toString('base64')}`)}).catch((error) => {\n\tprocess.stderr.write(\`w365-triage: could not start: \${error && error.message}\\n\`);\n\tprocess.exitCode = 1;\n});\n`;
	writeFileSync(join(work, 'main.cjs'), main);
	writeFileSync(
		join(work, 'sea-config.json'),
		JSON.stringify({
			main: join(work, 'main.cjs'),
			output: join(work, 'sea.blob'),
			disableExperimentalSEAWarning: true,
			useCodeCache: false,
			useSnapshot: false,
		}),
	);
	execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], {
		stdio: 'ignore',
	});

	const exe = join(work, 'w365-triage.exe');
	copyFileSync(windowsNode(), exe);
	removeSignature(exe);
	// @ts-expect-error postject ships no type declarations
	const {inject} = (await import('postject')) as {
		inject: (
			file: string,
			name: string,
			data: Buffer,
			options: {sentinelFuse: string},
		) => Promise<void>;
	};
	await inject(exe, 'NODE_SEA_BLOB', readFileSync(join(work, 'sea.blob')), {
		sentinelFuse: SENTINEL_FUSE,
	});
	mkdirSync(dirname(out), {recursive: true});
	writeFileSync(`${out.replace(/\.exe$/, '')}.THIRD-PARTY-NOTICES.txt`, notices);
	copyFileSync(exe, out);
	console.log(
		`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB (Node ${version}, Windows ${arch}, unsigned)`,
	);
} finally {
	rmSync(work, {recursive: true, force: true});
}
