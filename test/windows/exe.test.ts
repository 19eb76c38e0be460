/**
 * w365-triage.exe, the single executable for PCs without Node (npm run build:exe), on Windows
 * (Wine): --version, validate, and every walk of the build table, detected from the registry as
 * from node.exe. Uses the executable CI built (W365_EXE), else builds one for this run.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {ROWS, walkRow} from './build-table.js';
import {createPrefix, REPO, WINE_MISSING, type WinePrefix} from './wine.js';

describe.skipIf(WINE_MISSING)('Windows: w365-triage.exe (single executable, under Wine)', () => {
	let prefix: WinePrefix;
	let exe: string;
	let scratch: string;
	beforeAll(async () => {
		scratch = mkdtempSync(join(tmpdir(), 'w365-exe-test-'));
		exe = process.env.W365_EXE ?? join(scratch, 'w365-triage.exe');
		if (!process.env.W365_EXE) {
			execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-exe.ts', '--out', exe], {
				cwd: REPO,
				stdio: ['ignore', 'ignore', 'inherit'],
			});
		}
		prefix = await createPrefix();
	}, 300_000);
	afterAll(async () => {
		await prefix?.close();
		rmSync(scratch, {recursive: true, force: true});
	});

	it('is one file of 60-110 MB (node.exe and the app) and prints its version', async () => {
		expect(statSync(exe).size).toBeGreaterThan(60 * 1024 * 1024);
		expect(statSync(exe).size).toBeLessThan(110 * 1024 * 1024);
		// Beside it, the licences of what it holds; the one CI ships carries a Node that still gets
		// security fixes (Node 20 reached its end of life on 2026-04-30).
		const notices = readFileSync(exe.replace(/\.exe$/, '.THIRD-PARTY-NOTICES.txt'), 'utf8');
		expect(notices).toMatch(/^- ink \d/m);
		const node = /^- Node\.js (\d+)\./m.exec(notices);
		expect(node, 'Node.js in the notices').not.toBeNull();
		if (process.env.W365_EXE) expect(Number(node![1])).toBeGreaterThanOrEqual(22);
		const version = await prefix.run([exe, '--version']);
		expect(version.code, version.stderr).toBe(0);
		expect(version.stdout.trim()).toBe(packageJson.version);
		expect(version.stderr).toBe('');
	}, 60_000);

	it('validates the shipped flow, and reports a broken flow as file:line:column', async () => {
		const good = await prefix.run([exe, 'validate', 'flows/w365-avd-2026-01.yaml']);
		expect(good.code, good.stderr).toBe(0);
		expect(good.stdout).toContain('no problems');
		const broken = join(scratch, 'broken.yaml');
		writeFileSync(broken, 'id: broken\nversion: 1.0.0\nstart: nowhere\nnodes: [\n');
		const bad = await prefix.run([exe, 'validate', `Z:${broken.replaceAll('/', '\\')}`]);
		expect(bad.code).toBe(1);
		expect(`${bad.stdout}${bad.stderr}`).toMatch(/broken\.yaml:\d+:\d+: /);
	}, 60_000);

	for (const row of ROWS) {
		it(`${row.name}: detected and routed from the executable as from node.exe`, async () => {
			await walkRow(prefix, row, (args) => prefix.run([exe, ...args]));
		}, 90_000);
	}

	it('keeps its session log under %APPDATA% as node.exe does', async () => {
		await prefix.setCurrentVersion({
			CurrentBuild: '26100',
			CurrentBuildNumber: '26100',
			UBR: 7623,
			DisplayVersion: '24H2',
			ProductName: 'Windows 10 Pro',
		});
		const run = await prefix.run([exe, '--lang', 'en', '--plain', '--answers', '1,1', '--json']);
		const {session} = JSON.parse(run.stdout);
		expect(session.log).toMatch(
			/^C:\\users\\[^\\]+\\AppData\\Roaming\\w365-triage-nodejs\\Config\\sessions\\[^\\]+\.jsonl$/,
		);
		const listed = await prefix.run([exe, 'sessions', '--lang', 'en']);
		expect(listed.stdout).toContain(session.id);
	}, 60_000);
});

if (WINE_MISSING) console.log(WINE_MISSING);
