/**
 * The app with V8's code cache on, off and unusable (source/load-app.ts, code-cache-dir.ts), in a
 * real pseudo-terminal (scripts/pty-probe.py): each time it shows the first question and answers a
 * key. The cache is written only to the user's private directory, never to a shared place under
 * the temporary directory, never through a directory it refused, and a cache file that is not the
 * user's own, or that V8 refuses, is replaced rather than used.
 */
import {spawnSync} from 'node:child_process';
import {
	cpSync,
	chmodSync,
	existsSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {APP_HEADER} from '../../source/load-app.js';
import {BINARY} from '../helpers/run-binary.js';
import {scratchSpace} from '../helpers/scratch.js';

const PROBE = fileURLToPath(new URL('../../scripts/pty-probe.py', import.meta.url));
const IS_ROOT = process.getuid?.() === 0;
const {scratch, mountTmpfs} = scratchSpace('w365-code-cache-e2e-');
/** The cache file's name for the built bundle and this Node (source/load-app.ts). */
const BUNDLE = fileURLToPath(new URL('../../dist/app.js', import.meta.url));
const cacheName = () =>
	`app-${APP_HEADER.exec(readFileSync(BUNDLE, 'latin1'))![1]}-${process.version}-${process.arch}.v8`;
const hex = (text: string) => Buffer.from(text).toString('hex');

/** Starts the app in the probe with `env`, sends ↓ as the first question shows, then q; returns
 * whether the ↓ was answered (the highlight's line rewritten) and how the app ended. */
function startAndAnswer(base: string, env: NodeJS.ProcessEnv) {
	const tmp = join(base, 'tmp');
	mkdirSync(tmp, {recursive: true});
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		HOME: join(base, 'home'),
		XDG_CONFIG_HOME: join(base, 'config'),
		TMPDIR: tmp,
		LANG: 'en_US.UTF-8',
		LC_ALL: '',
		TERM: 'xterm-256color',
		...env,
	};
	for (const name of ['NO_COLOR', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE']) {
		if (!(name in env)) delete childEnv[name];
	}
	const run = spawnSync(
		'python3',
		[
			PROBE,
			'--marker',
			'Step 1',
			'--first-key',
			hex('\u001B[B'),
			'--first-key-answer',
			hex('\u001B[2K'),
			'--key',
			hex('q'),
			'--',
			process.execPath,
			BINARY,
			'--no-detect',
			'--log-dir',
			join(base, 'logs'),
		],
		{encoding: 'utf8', env: childEnv, timeout: 60_000},
	);
	expect(run.status, run.stdout + run.stderr).toBe(0);
	const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
		firstKeyMs: number | null;
		exitCode: number | null;
	};
	// Nothing in the shared default place (os.tmpdir()/node-compile-cache).
	expect(readdirSync(tmp)).toEqual([]);
	return result;
}

/** Every file under `dir` (none if it is missing: Node 20 creates no cache directory). */
const filesUnder = (dir: string): string[] =>
	(existsSync(dir) ? readdirSync(dir, {recursive: true, withFileTypes: true}) : [])
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));

describe.skipIf(spawnSync('python3', ['--version']).status !== 0)(
	'the code cache, on, off and unusable: the app starts and answers each time',
	() => {
		const answered = (result: {firstKeyMs: number | null; exitCode: number | null}) => {
			expect(result.firstKeyMs).not.toBeNull();
			expect(result.exitCode).toBe(130);
		};

		it('on: written once, 0600, in the private directory, and used as it is by the next start', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const dir = join(cacheHome, 'w365-triage', 'compile-cache');
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			expect(filesUnder(dir)).toEqual([cacheName()]);
			const file = join(dir, cacheName());
			const first = statSync(file);
			expect(first.mode & 0o777).toBe(0o600);
			expect(first.size).toBeGreaterThan(100_000);
			// V8 took it: the next start does not write it again.
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			const second = statSync(file);
			expect([second.ino, second.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
		});

		it('a cache V8 refuses (damaged), or one others can write to, is replaced, not used', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const dir = join(cacheHome, 'w365-triage', 'compile-cache');
			mkdirSync(dir, {recursive: true, mode: 0o700});
			const file = join(dir, cacheName());
			writeFileSync(file, Buffer.alloc(300_000, 7), {mode: 0o600});
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			const written = readFileSync(file);
			expect(written.equals(Buffer.alloc(300_000, 7))).toBe(false);
			chmodSync(file, 0o666);
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			expect(statSync(file).mode & 0o777).toBe(0o600);
		});

		it('a cache file that is a symbolic link is neither read nor written through', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const dir = join(cacheHome, 'w365-triage', 'compile-cache');
			mkdirSync(dir, {recursive: true, mode: 0o700});
			const planted = join(base, 'planted.v8');
			writeFileSync(planted, 'planted');
			symlinkSync(planted, join(dir, cacheName()));
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			expect(readFileSync(planted, 'utf8')).toBe('planted');
			expect(lstatSync(join(dir, cacheName())).isFile()).toBe(true);
		});

		it("keeps the caches of the three other builds written last, and removes what Node's own compile cache left", () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const dir = join(cacheHome, 'w365-triage', 'compile-cache');
			mkdirSync(join(dir, 'v22.23.5-x64-9ac5647c-0'), {recursive: true, mode: 0o700});
			writeFileSync(join(dir, 'v22.23.5-x64-9ac5647c-0', 'entry'), 'old');
			const other = (digit: number) =>
				`app-${String(digit).repeat(16)}-${process.version}-${process.arch}.v8`;
			for (const digit of [1, 2, 3, 4, 5]) {
				writeFileSync(join(dir, other(digit)), 'old');
				const when = new Date(Date.UTC(2026, 0, digit));
				utimesSync(join(dir, other(digit)), when, when);
			}
			writeFileSync(join(dir, 'notes.txt'), 'not ours to remove');
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			expect(readdirSync(dir).sort()).toEqual(
				[cacheName(), other(3), other(4), other(5), 'notes.txt'].sort(),
			);
		});

		it('off (NODE_DISABLE_COMPILE_CACHE=1): nothing is cached', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1'}));
			expect(filesUnder(cacheHome)).toEqual([]);
		});

		it('unusable (a symbolic link to a planted directory): runs without, writes nothing there', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const planted = join(base, 'planted');
			mkdirSync(planted);
			writeFileSync(join(planted, 'planted-cache'), 'not V8 code');
			mkdirSync(join(cacheHome, 'w365-triage'), {recursive: true, mode: 0o700});
			symlinkSync(planted, join(cacheHome, 'w365-triage', 'compile-cache'));
			answered(startAndAnswer(base, {XDG_CACHE_HOME: cacheHome}));
			expect(filesUnder(planted)).toEqual(['planted-cache']);
		});

		it.skipIf(!IS_ROOT)(
			'unusable (a read-only file system; needs root to mount): runs without',
			() => {
				const base = scratch();
				const readOnly = join(base, 'ro');
				mountTmpfs(readOnly, 'size=64k,mode=0755,ro');
				answered(startAndAnswer(base, {XDG_CACHE_HOME: join(readOnly, 'cache')}));
			},
		);
	},
);

describe('a damaged install', () => {
	/** bin/ and dist/ copied, then `damage` done to the copy's bundle. */
	function install(damage: (bundle: string) => void): string {
		const base = scratch();
		for (const dir of ['bin', 'dist'])
			cpSync(fileURLToPath(new URL(`../../${dir}`, import.meta.url)), join(base, dir), {
				recursive: true,
			});
		damage(join(base, 'dist', 'app.js'));
		return join(base, 'bin', 'w365-triage.cjs');
	}

	it.each([
		['missing', (bundle: string) => rmSync(bundle)],
		[
			'cut short',
			(bundle: string) => writeFileSync(bundle, readFileSync(bundle).subarray(0, 4000)),
		],
		['not the bundle', (bundle: string) => writeFileSync(bundle, 'module.exports = 1;\n')],
	])('%s: one line saying to reinstall, exit 1, no stack trace', (_, damage) => {
		const run = spawnSync(process.execPath, [install(damage), '--version'], {encoding: 'utf8'});
		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^w365-triage: could not start: .+\. Reinstall w365-triage .+\n$/);
		expect(run.stderr.split('\n')).toHaveLength(2);
	});

	it("yoga-layout's WebAssembly missing: the walk stops as Ink loads, with one line saying to reinstall, exit 1", () => {
		const bin = install((bundle) => rmSync(join(dirname(bundle), 'yoga.wasm')));
		const base = scratch();
		const dump = join(base, 'terminal.bin');
		const run = spawnSync(
			'python3',
			[
				PROBE,
				'--marker',
				'Step 1',
				'--key',
				hex('j'),
				'--dump',
				dump,
				'--',
				process.execPath,
				bin,
				'--no-detect',
				'--lang',
				'en',
				'--log-dir',
				join(base, 'logs'),
			],
			{encoding: 'utf8', env: {...process.env, XDG_CONFIG_HOME: join(base, 'config')}},
		);
		const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
			exitCode: number | null;
			terminalModes: {echo: boolean; icanon: boolean};
		};
		expect(result.exitCode, run.stderr).toBe(1);
		expect(result.terminalModes).toEqual({echo: true, icanon: true});
		const seen = readFileSync(dump, 'utf8').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
		expect(seen).toMatch(
			/w365-triage: could not start: \S+yoga\.wasm cannot be read \(ENOENT\)\. Reinstall w365-triage /,
		);
		expect(seen).not.toMatch(/^\s+at |Node\.js v/m);
	});
});
