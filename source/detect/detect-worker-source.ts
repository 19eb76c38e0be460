/**
 * The detection worker (detect-worker.ts) as the text of one CommonJS script, put here by the build
 * (scripts/build.ts), so the worker starts the same way from dist/ and from the single executable,
 * which has no file to point a Worker at. Unbundled (tests of the sources), there is none.
 */
export const DETECT_WORKER_SOURCE: string | undefined = undefined;
