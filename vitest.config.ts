import {readFileSync} from 'node:fs';
import {configDefaults, defineConfig} from 'vitest/config';

// Source run in-process has the version the build writes into the bundle (scripts/build-plugins.ts).
const {version} = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
	version: string;
};

export default defineConfig({
	define: {W365_VERSION: JSON.stringify(version)},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// The Windows suite runs on its own, after this one (vitest.windows.config.ts, npm test).
		exclude: [...configDefaults.exclude, 'test/windows/**'],
		globalSetup: ['test/helpers/build-once.ts'],
		testTimeout: 20_000,
	},
});
