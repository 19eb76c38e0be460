/** vitest globalSetup: the end-to-end tests drive the built binary, so build it once first. */
import {execFileSync} from 'node:child_process';

export default function setup() {
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {stdio: 'inherit'});
}
