/**
 * Tells the loader (load-app.ts) that the code worth keeping has run: it saves V8's compiled code
 * for the next start, if it has no usable cache yet (the first run, or the first after an update).
 * Does nothing otherwise, and when the app runs from source (tests).
 */
export function keepCompiledCode(): void {
	const keep = (globalThis as Record<symbol, unknown>)[KEEP_COMPILED_CODE];
	if (typeof keep === 'function') keep();
}

/** Where the loader puts the function that saves the cache: set only when there is one to write
 * (the app and the loader are separate bundles, so the key is a registered symbol). */
export const KEEP_COMPILED_CODE = Symbol.for('w365-triage.keep-compiled-code');
