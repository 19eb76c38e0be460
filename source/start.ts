/**
 * The loader's entry (bin/w365-triage.cjs requires it, built to dist/start.cjs): starts the app
 * beside it with V8's code cache (load-app.ts). A bundle that cannot be started (missing, cut
 * short, not ours) is one line and exit 1, not a stack trace of minified code.
 */
import {join} from 'node:path';
import {damagedInstallMessage} from './damaged-install.js';
import {loadApp} from './load-app.js';

try {
	loadApp(join(__dirname, 'app.js'), require);
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(
		`${damagedInstallMessage(message)}${process.env.W365_DEBUG ? `\n${(error as Error).stack}` : ''}\n`,
	);
	process.exitCode = 1;
}
