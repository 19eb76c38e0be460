import {configDefaults, defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// The Windows suite runs on its own, after this one (vitest.windows.config.ts, npm test).
		exclude: [...configDefaults.exclude, 'test/windows/**'],
		globalSetup: ['test/helpers/build-once.ts'],
		testTimeout: 20_000,
	},
});
