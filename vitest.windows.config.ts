import {defineConfig} from 'vitest/config';

/**
 * The Windows suite (test/windows): the app under Wine. Run by npm test after the rest, not beside
 * it: Wine's processes would slow down the timing-sensitive tests of the main suite.
 */
export default defineConfig({
	test: {
		include: ['test/windows/**/*.test.ts'],
		globalSetup: ['test/helpers/build-once.ts'],
		testTimeout: 20_000,
	},
});
