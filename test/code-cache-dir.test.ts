/**
 * Where V8's compile cache may live (source/compile-cache.ts), tried as a hostile neighbour would:
 * a symbolic link swapped in for the directory or the one holding it, a directory others can write
 * to, another user's directory, a file in its place, a read-only file system. Each is refused with
 * its reason, nothing is created through it, and nothing throws.
 */
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	readdirSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {privateCacheDir} from '../source/code-cache-dir.js';
import {scratchSpace} from './helpers/scratch.js';

const IS_ROOT = process.getuid?.() === 0;
const OTHER = 54_321;
const {scratch, mountTmpfs} = scratchSpace('w365-compile-cache-');
const noHome = () => '';
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the compile cache directory', () => {
	it('is created 0700, with the two directories holding it, in XDG_CACHE_HOME', () => {
		const base = join(scratch(), 'cache');
		const found = privateCacheDir({XDG_CACHE_HOME: base}, noHome);
		const dir = join(base, 'w365-triage', 'compile-cache');
		expect(found).toEqual({dir});
		for (const path of [base, join(base, 'w365-triage'), dir]) expect(mode(path)).toBe(0o700);
		// Found again as it is.
		expect(privateCacheDir({XDG_CACHE_HOME: base}, noHome)).toEqual({dir});
	});

	it('is in ~/.cache without XDG_CACHE_HOME (or with a relative one)', () => {
		const home = scratch();
		const dir = join(home, '.cache', 'w365-triage', 'compile-cache');
		expect(privateCacheDir({}, () => home)).toEqual({dir});
		expect(privateCacheDir({XDG_CACHE_HOME: 'relative/cache'}, () => home)).toEqual({dir});
	});

	it('is none without a home directory', () => {
		expect(privateCacheDir({}, noHome).dir).toBeUndefined();
		const throwing = () => {
			throw new Error('no passwd entry');
		};
		expect(privateCacheDir({}, throwing).dir).toBeUndefined();
	});

	it('refuses a symbolic link for the directory, and creates nothing where it points', () => {
		const base = scratch();
		const elsewhere = join(scratch(), 'planted');
		mkdirSync(elsewhere, {mode: 0o700});
		writeFileSync(join(elsewhere, 'planted-cache'), 'not V8 code');
		mkdirSync(join(base, 'w365-triage'), {mode: 0o700});
		symlinkSync(elsewhere, join(base, 'w365-triage', 'compile-cache'));
		const found = privateCacheDir({XDG_CACHE_HOME: base}, noHome);
		expect(found.dir).toBeUndefined();
		expect(found).toMatchObject({why: expect.stringContaining('is a symbolic link')});
		expect(readdirSync(elsewhere)).toEqual(['planted-cache']);
	});

	it('refuses a symbolic link for the directory holding it, and for the cache base', () => {
		const base = scratch();
		const elsewhere = join(scratch(), 'planted');
		mkdirSync(elsewhere, {mode: 0o700});
		symlinkSync(elsewhere, join(base, 'w365-triage'));
		expect(privateCacheDir({XDG_CACHE_HOME: base}, noHome)).toMatchObject({
			why: expect.stringContaining('is a symbolic link'),
		});
		expect(readdirSync(elsewhere)).toEqual([]);
		const linkedBase = join(scratch(), 'cache');
		symlinkSync(elsewhere, linkedBase);
		expect(privateCacheDir({XDG_CACHE_HOME: linkedBase}, noHome).dir).toBeUndefined();
		expect(readdirSync(elsewhere)).toEqual([]);
	});

	it('refuses a directory other users can write to, at every level', () => {
		for (const level of [[], ['w365-triage'], ['w365-triage', 'compile-cache']]) {
			const base = scratch();
			chmodSync(base, 0o700);
			mkdirSync(join(base, 'w365-triage', 'compile-cache'), {recursive: true, mode: 0o700});
			chmodSync(join(base, ...level), 0o777);
			expect(privateCacheDir({XDG_CACHE_HOME: base}, noHome), level.join('/')).toMatchObject({
				why: expect.stringContaining('is writable by other users'),
			});
		}
		// A shared directory such as /tmp (world-writable, sticky) as the cache base.
		const shared = scratch();
		chmodSync(shared, 0o1777);
		expect(privateCacheDir({XDG_CACHE_HOME: shared}, noHome).dir).toBeUndefined();
		expect(existsSync(join(shared, 'w365-triage'))).toBe(false);
		// Nor is a missing base created in one.
		expect(privateCacheDir({XDG_CACHE_HOME: join(shared, 'cache')}, noHome).dir).toBeUndefined();
		expect(existsSync(join(shared, 'cache'))).toBe(false);
	});

	it('refuses a file where a directory should be', () => {
		const base = scratch();
		writeFileSync(join(base, 'w365-triage'), '');
		expect(privateCacheDir({XDG_CACHE_HOME: base}, noHome)).toMatchObject({
			why: expect.stringContaining('is not a directory'),
		});
	});

	it.skipIf(!IS_ROOT)(
		"refuses another user's directory, and creates nothing in it (needs root to act as a second user)",
		() => {
			const base = scratch();
			mkdirSync(join(base, 'w365-triage'), {mode: 0o700});
			chownSync(join(base, 'w365-triage'), OTHER, OTHER);
			expect(privateCacheDir({XDG_CACHE_HOME: base}, noHome)).toMatchObject({
				why: expect.stringContaining('belongs to another user (uid 54321)'),
			});
			expect(readdirSync(join(base, 'w365-triage'))).toEqual([]);
			// Root running with another user's HOME (sudo keeping it): nothing is created in it.
			const otherHome = scratch();
			chownSync(otherHome, OTHER, OTHER);
			expect(privateCacheDir({}, () => otherHome).dir).toBeUndefined();
			expect(readdirSync(otherHome)).toEqual([]);
		},
	);

	it.skipIf(!IS_ROOT)(
		'is none on a read-only file system, without an error (needs root to mount)',
		() => {
			const readOnly = join(scratch(), 'ro');
			mountTmpfs(readOnly, 'size=64k,mode=0755,ro');
			const found = privateCacheDir({XDG_CACHE_HOME: join(readOnly, 'cache')}, noHome);
			expect(found.dir).toBeUndefined();
			expect(found).toMatchObject({why: expect.stringContaining('EROFS')});
		},
	);
});
