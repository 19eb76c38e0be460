/**
 * Scratch space for one test file: temporary folders and tmpfs mounts (root only), unmounted and
 * removed after each test, mounts first.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';

export function scratchSpace(prefix: string): {
	scratch: () => string;
	mountTmpfs: (path: string, options: string) => void;
} {
	const made: string[] = [];
	const mounts: string[] = [];
	afterEach(() => {
		for (const mount of mounts.splice(0)) execFileSync('umount', [mount]);
		for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
	});
	return {
		scratch() {
			const dir = mkdtempSync(join(tmpdir(), prefix));
			made.push(dir);
			return dir;
		},
		/** A new folder at `path` with a tmpfs mounted on it (`options`: mount's -o, e.g. size=64k,ro). */
		mountTmpfs(path, options) {
			mkdirSync(path);
			execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path]);
			mounts.push(path);
		},
	};
}
