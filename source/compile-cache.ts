/**
 * V8's compile cache for the bundle (`module.enableCompileCache`, Node 22.1 and later): every start
 * after the first skips most of compiling the code it loads (README "Performance" has the figures).
 *
 * Node's default cache directory is under os.tmpdir(), which other users of the machine can write
 * to, and what is read from the cache is handed to V8 as compiled code. The cache lives instead in
 * the user's own cache directory ($XDG_CACHE_HOME or ~/.cache, then w365-triage/compile-cache),
 * and is used only if that directory and the two holding it are real directories (no symbolic
 * link), owned by the user and writable by no one else; the ones missing are created 0700. When
 * that cannot be had (another user's or a shared directory, a read-only home), the app runs
 * without the cache: this never fails a start. bin/ calls it before the app is imported.
 */
import {lstatSync, mkdirSync} from 'node:fs';
import module from 'node:module';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';

export type CacheDirResult = {dir: string; why?: undefined} | {dir?: undefined; why: string};

/** The private directory for the cache, created if need be; or why there is none to use. */
export function privateCacheDir(
	env: NodeJS.ProcessEnv = process.env,
	home: () => string = homedir,
): CacheDirResult {
	// The effective user, who owns what mkdir creates (as session/log-file.ts's currentUid; not
	// imported: this module loads before the compile cache is on, and must stay small).
	const uid = process.geteuid?.();
	const base = cacheBase(env, home);
	if (!base) return {why: 'no cache directory is known (no home directory)'};
	const appDir = join(base, 'w365-triage');
	const dir = join(appDir, 'compile-cache');
	try {
		// Each directory is checked before anything is created in it, so no other user can swap
		// the next one for theirs in between.
		const baseStat = lstatSync(base, {throwIfNoEntry: false});
		if (!baseStat) {
			const why = unsafe(dirname(base), uid);
			if (why) return {why};
		}
		for (const path of [base, appDir, dir]) {
			try {
				mkdirSync(path, {mode: 0o700});
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const why = unsafe(path, uid);
			if (why) return {why};
		}
	} catch (error) {
		return {why: (error as Error).message};
	}
	return {dir};
}

function cacheBase(env: NodeJS.ProcessEnv, home: () => string): string | undefined {
	if (process.platform === 'win32') {
		const local = env.LOCALAPPDATA;
		return local && isAbsolute(local) ? local : undefined;
	}
	const xdg = env.XDG_CACHE_HOME;
	if (xdg && isAbsolute(xdg)) return xdg;
	let homeDir: string;
	try {
		homeDir = home();
	} catch {
		return undefined;
	}
	return homeDir && isAbsolute(homeDir) ? join(homeDir, '.cache') : undefined;
}

/** Why `path` may not hold the cache (undefined: it may). Windows has no owner and mode bits to
 * read here; a user's local application data is private by its access rights. */
function unsafe(path: string, uid: number | undefined): string | undefined {
	const stat = lstatSync(path);
	if (stat.isSymbolicLink()) return `${path} is a symbolic link`;
	if (!stat.isDirectory()) return `${path} is not a directory`;
	if (uid === undefined) return undefined;
	if (stat.uid !== uid) return `${path} belongs to another user (uid ${stat.uid})`;
	if (stat.mode & 0o022) return `${path} is writable by other users`;
	return undefined;
}

/** Turns the compile cache on in the private directory, where Node has one and it is usable.
 * Returns what happened, for tests; never throws. NODE_DISABLE_COMPILE_CACHE=1 keeps it off. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string {
	const enable = (module as {enableCompileCache?: (dir: string) => {status: number}})
		.enableCompileCache;
	if (!enable) return 'this Node has no compile cache';
	const found = privateCacheDir(env);
	if (found.dir === undefined) return `off: ${found.why}`;
	try {
		const {status} = enable(found.dir);
		const {FAILED, DISABLED} =
			(module as {constants?: {compileCacheStatus?: Record<string, number>}}).constants
				?.compileCacheStatus ?? {};
		if (status === FAILED) return 'off: Node could not use the directory';
		if (status === DISABLED) return 'off: NODE_DISABLE_COMPILE_CACHE';
		return `on: ${found.dir}`;
	} catch (error) {
		return `off: ${(error as Error).message}`;
	}
}
