/**
 * Detection never blocks input, measured on Windows (node.exe under Wine, line mode: Wine cannot
 * run a terminal): with a stand-in probe that blocks its thread as systeminformation's execSync
 * does, the main thread's timers still fire on time, and past the time limit detection is stopped
 * and the walk goes on. (The terminal UI is measured the same way on Linux: test/e2e.)
 */
import {readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import {createPrefix, WINE_MISSING, type WinePrefix} from './wine.js';

const STAND_IN = 'W365_TRIAGE_DETECT_STAND_IN_MS';
const WALK = ['--lang', 'en', '--plain', '--answers', '1,1', '--json'];

describe.skipIf(WINE_MISSING)(
	'Windows: detection runs beside the walk, with a time limit (node.exe under Wine)',
	() => {
		let prefix: WinePrefix;
		beforeAll(async () => {
			prefix = await createPrefix();
			await prefix.setCurrentVersion({
				CurrentBuild: '26100',
				CurrentBuildNumber: '26100',
				UBR: 7623,
				DisplayVersion: '24H2',
				ProductName: 'Windows 10 Pro',
			});
		}, 240_000);
		afterAll(async () => prefix?.close());

		it('keeps the main thread answering within 100 ms while a probe blocks detection for 3 s', async () => {
			const lagFile = join(prefix.dir, 'drive_c', 'lag.json');
			rmSync(lagFile, {force: true});
			const run = await prefix.run(
				[prefix.node, '--require', './test/helpers/loop-lag.cjs', 'bin/w365-triage.cjs', ...WALK],
				{
					env: {[STAND_IN]: '3000', W365_LOOP_LAG_FILE: 'C:\\lag.json'},
				},
			);
			expect(run.code, run.stderr).toBe(130);
			const lag = JSON.parse(readFileSync(lagFile, 'utf8'));
			expect(lag.workers).toBe(1);
			expect(lag.pendingMs).toBeGreaterThanOrEqual(2900);
			expect(lag.ticks).toBeGreaterThan(50);
			expect(lag.maxLagMs, JSON.stringify(lag)).toBeLessThan(100);
			// Then detection delivered as usual.
			expect(JSON.parse(run.stdout).facts['os.build']).toEqual({
				value: '26100.7623',
				origin: 'detected',
				via: 'reg query',
			});
		}, 60_000);

		it('stops detection at its time limit (12 s): one line says so, the flow asks, and the app is not held up', async () => {
			const run = await prefix.triage(WALK, {env: {[STAND_IN]: '60000'}});
			expect(run.code, run.stderr).toBe(130);
			expect(run.ms).toBeLessThan(20_000);
			expect(run.stderr).toContain(
				'Detection: detection did not finish within 12 s and was stopped: the Windows version, build and updates were not read. Answer the questions instead.',
			);
			const state = JSON.parse(run.stdout);
			expect(state.facts['os.build']).toBeUndefined();
			const asked = await runBinary([...WALK, '--no-detect']);
			expect(state.path).toEqual(JSON.parse(asked.stdout).path);
		}, 60_000);
	},
);

if (WINE_MISSING) console.log(WINE_MISSING);
