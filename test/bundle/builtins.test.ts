/**
 * Node's built-ins in the bundle (scripts/build-plugins.ts: builtinsThroughRequire, namespaceThrough):
 * imported every way the bundled packages import them, they behave as Node's own, and the ones
 * made lazy load on first use. Built with the real plugin and output pass, run by Node.
 */
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {
	APP_BUILD_OPTIONS,
	builtinsThroughRequire,
	namespaceThrough,
} from '../../scripts/build-plugins.js';
import {scratchSpace} from '../helpers/scratch.js';

const {scratch} = scratchSpace('w365-builtins-');

const ENTRY = `
import assert from 'node:assert';
import EventEmitter, {once} from 'node:events';
import process from 'node:process';
import Stream, {Readable} from 'node:stream';
import * as fs from 'node:fs';
import crypto from 'node:crypto';
import {randomBytes} from 'node:crypto';
import * as childProcess from 'node:child_process';

const loaded = (name) => process.moduleLoadList.includes('NativeModule ' + name);
const out = {};
out.cryptoBeforeUse = loaded('crypto');
out.childProcessBeforeUse = loaded('child_process');
assert(true);
assert.equal(1, 1);
class Emitter extends EventEmitter {}
const emitter = new Emitter();
out.emitterWorks = emitter.emit('x') === false && typeof once === 'function';
const before = globalThis.process.listenerCount('exit');
const onExit = () => {};
process.on('exit', onExit);
out.listenerAdded = globalThis.process.listenerCount('exit') === before + 1 && globalThis.process._eventsCount === Object.keys(globalThis.process._events).length;
process.off('exit', onExit);
out.listenerRemoved = globalThis.process.listenerCount('exit') === before;
out.streams = new Readable({read() {}}) instanceof Stream;
out.fs = typeof fs.readFileSync === 'function';
out.random = randomBytes(4).length === 4 && crypto.randomBytes(2).length === 2;
out.cryptoAfterUse = loaded('crypto');
out.spawn = typeof childProcess.spawnSync === 'function';
console.log(JSON.stringify(out));
`;

describe('the built-ins, as the bundle imports them', () => {
	it("behave as Node's own (default, named and namespace imports), and crypto loads on first use", async () => {
		const dir = scratch();
		writeFileSync(join(dir, 'entry.mjs'), ENTRY);
		const result = await build({
			...APP_BUILD_OPTIONS,
			entryPoints: [join(dir, 'entry.mjs')],
			plugins: [builtinsThroughRequire()],
			banner: {
				js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
			},
		});
		const [code] = namespaceThrough([result.outputFiles[0]!.text]);
		writeFileSync(join(dir, 'bundle.mjs'), code!);
		const run = spawnSync(process.execPath, [join(dir, 'bundle.mjs')], {encoding: 'utf8'});
		expect(run.stderr).toBe('');
		expect(JSON.parse(run.stdout)).toEqual({
			cryptoBeforeUse: false,
			childProcessBeforeUse: false,
			emitterWorks: true,
			listenerAdded: true,
			listenerRemoved: true,
			streams: true,
			fs: true,
			random: true,
			cryptoAfterUse: true,
			spawn: true,
		});
	});
});
