/**
 * A part of the installed package that is missing or cannot be read (the bundle, or yoga-layout's
 * WebAssembly beside it): one line saying what, and how to mend it, never a stack trace. The
 * loader (start.ts) says it for the bundle; cli.tsx for an error carrying DAMAGED_INSTALL as its
 * `code` (scripts/build-plugins.ts gives yoga.wasm's read error that code).
 */
export const DAMAGED_INSTALL = 'W365_DAMAGED_INSTALL';

export function damagedInstallMessage(what: string): string {
	return `w365-triage: could not start: ${what.split('\n')[0]}. Reinstall w365-triage (npm install --global w365-triage, or run it again with npx).`;
}

export function isDamagedInstall(error: unknown): error is Error {
	return error instanceof Error && (error as NodeJS.ErrnoException).code === DAMAGED_INSTALL;
}
