/** Bundles the app into one minified ESM file, dist/cli.js (see README, "Performance"). */
import {build} from 'esbuild';

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	jsx: 'automatic',
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './stubs/react-devtools-core.js'},
	// Bundled CommonJS dependencies (signal-exit) call require(); give them one.
	banner: {js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);"},
	logLevel: 'warning',
});
