/**
 * The Windows probes, fixed here and nowhere else: each is a read-only query with a constant
 * argument list. Only the Windows directory comes from the environment, and only to find the
 * programs by absolute path (a bare "reg.exe" would also match a file in the current directory).
 */
import {win32} from 'node:path';
import type {Probe} from './run-probe.js';

export const CURRENT_VERSION_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

/** Installed updates, one KB id per line (the table form parses too: see parse-hotfixes.ts). */
export const GET_HOTFIX_COMMAND = 'Get-HotFix | Select-Object -ExpandProperty HotFixID';

const WINDOWS_DIRECTORY = /^[A-Za-z]:\\[^"%<>|?*\r\n]*$/;

function windowsDirectory(env: NodeJS.ProcessEnv): string {
	const candidate = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
	return candidate && WINDOWS_DIRECTORY.test(candidate) ? candidate : 'C:\\Windows';
}

/** Where the 64-bit programs are, also from a 32-bit Node on 64-bit Windows. */
export function programDirectory(env: NodeJS.ProcessEnv): string {
	// A 32-bit process sees System32 redirected to the 32-bit programs (and the 32-bit registry
	// view); Sysnative is the way out. It exists only for such processes, so it is never the cwd.
	return win32.join(windowsDirectory(env), env.PROCESSOR_ARCHITEW6432 ? 'Sysnative' : 'System32');
}

/** The working directory of every probe: never the user's, where a planted DLL could lie. */
export function probeDirectory(env: NodeJS.ProcessEnv): string {
	return win32.join(windowsDirectory(env), 'System32');
}

export function registryProbe(env: NodeJS.ProcessEnv): Probe {
	return {
		name: 'reg query',
		program: 'reg.exe',
		file: win32.join(programDirectory(env), 'reg.exe'),
		args: ['query', CURRENT_VERSION_KEY],
		cwd: probeDirectory(env),
		consequence: 'the Windows product and build were not read',
	};
}

export function hotfixProbe(env: NodeJS.ProcessEnv): Probe {
	return {
		name: 'Get-HotFix',
		program: 'PowerShell',
		file: win32.join(programDirectory(env), 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
		args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', GET_HOTFIX_COMMAND],
		cwd: probeDirectory(env),
		consequence: 'installed updates were not read',
	};
}
