import {readFileSync} from 'node:fs';
import {defineConfig} from 'vitest/config';

/**
 * The Windows suite (test/windows): the app under Wine. Run by npm test after the rest, not beside
 * it: Wine's processes would slow down the timing-sensitive tests of the main suite. Its files run
 * one at a time for the same reason: detection-responsive measures the main thread's timer lag
 * (< 100 ms), which a second Wine walk on the other core can push past the bound.
 */
// Source run in-process has the version the build writes into the bundle (scripts/build-plugins.ts).
const {version} = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
	version: string;
};

export default defineConfig({
	define: {W365_VERSION: JSON.stringify(version)},
	test: {
		include: ['test/windows/**/*.test.ts'],
		globalSetup: ['test/helpers/build-once.ts'],
		testTimeout: 20_000,
		fileParallelism: false,
		// Wine, not the app: under load it now and then fails to start a Windows program (seen once in
		// 22 walks of the executable: reg.exe "not available", Get-HotFix printing nothing, and the
		// same walk passing at once when run again). A test that fails twice is a real failure.
		retry: 1,
	},
});
