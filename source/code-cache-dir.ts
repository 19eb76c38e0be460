/**
 * Where V8's compiled code for the app is kept between runs (load-app.ts).
 *
 * What is read from there is handed to V8 as compiled code, so it is never a shared place such
 * as os.tmpdir(): it is the user's own cache directory ($XDG_CACHE_HOME or ~/.cache, then
 * w365-triage/compile-cache; %LOCALAPPDATA% on Windows), used only if that directory and the two
 * holding it are real directories (no symbolic link), owned by the user and writable by no one
 * else; the ones missing are created 0700. When that cannot be had (another user's or a shared
 * directory, a read-only home), the app runs without the cache: this never fails a start.
 */
import {lstatSync, mkdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';

export type CacheDirResult = {dir: string; why?: undefined} | {dir?: undefined; why: string};

/** The private directory for the cache, created if need be; or why there is none to use. */
export function privateCacheDir(
	env: NodeJS.ProcessEnv = process.env,
	home: () => string = homedir,
): CacheDirResult {
	// The effective user, who owns what mkdir creates (as session/log-file.ts's currentUid; not
	// imported: this module is part of the loader, which must stay small).
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
