/**
 * The app with V8's compile cache on, off and unusable (source/compile-cache.ts), in a real
 * pseudo-terminal (scripts/pty-probe.py): each time it shows the first question and answers a key.
 * The cache is written only to the user's private directory, never to the shared default under
 * the temporary directory, and never through a directory it refused.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import module from 'node:module';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {BINARY} from '../helpers/run-binary.js';
import {scratchSpace} from '../helpers/scratch.js';

const PROBE = fileURLToPath(new URL('../../scripts/pty-probe.py', import.meta.url));
const IS_ROOT = process.getuid?.() === 0;
/** Node 22.1 and later; on Node 20 the app runs without a cache, and these runs check just that. */
const NODE_HAS_CACHE = 'enableCompileCache' in module;
const {scratch, mountTmpfs} = scratchSpace('w365-compile-cache-e2e-');
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
	'the compile cache, on, off and unusable: the app starts and answers each time',
	() => {
		it('on: kept in the private directory, and used by the next start', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			for (let run = 0; run < 2; run++) {
				const result = startAndAnswer(base, {XDG_CACHE_HOME: cacheHome});
				expect(result.firstKeyMs).not.toBeNull();
				expect(result.exitCode).toBe(130);
			}
			const cached = filesUnder(join(cacheHome, 'w365-triage', 'compile-cache'));
			if (NODE_HAS_CACHE) expect(cached.length).toBeGreaterThan(0);
			else expect(cached).toEqual([]);
		});

		it('off (NODE_DISABLE_COMPILE_CACHE=1): nothing is cached', () => {
			const base = scratch();
			const cacheHome = join(base, 'cache');
			const result = startAndAnswer(base, {
				XDG_CACHE_HOME: cacheHome,
				NODE_DISABLE_COMPILE_CACHE: '1',
			});
			expect(result.firstKeyMs).not.toBeNull();
			expect(result.exitCode).toBe(130);
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
			const result = startAndAnswer(base, {XDG_CACHE_HOME: cacheHome});
			expect(result.firstKeyMs).not.toBeNull();
			expect(result.exitCode).toBe(130);
			expect(filesUnder(planted)).toEqual(['planted-cache']);
		});

		it.skipIf(!IS_ROOT)(
			'unusable (a read-only file system; needs root to mount): runs without',
			() => {
				const base = scratch();
				const readOnly = join(base, 'ro');
				mountTmpfs(readOnly, 'size=64k,mode=0755,ro');
				const result = startAndAnswer(base, {XDG_CACHE_HOME: join(readOnly, 'cache')});
				expect(result.firstKeyMs).not.toBeNull();
				expect(result.exitCode).toBe(130);
			},
		);
	},
);
