/**
 * The app on Windows (node.exe under Wine) where Windows differs: settings and session logs in the
 * user's %APPDATA% with Windows paths, the session commands reading them back, a Remote Desktop
 * session, and probes that are missing or answer nothing (Wine's PowerShell is a stub) reported in
 * one line while the flow asks.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import {createPrefix, WINE_MISSING, type WinePrefix} from './wine.js';

const WIN11_24H2_BROKEN = {
	CurrentBuild: '26100',
	CurrentBuildNumber: '26100',
	UBR: 7623,
	DisplayVersion: '24H2',
	ProductName: 'Windows 10 Pro',
	InstallationType: 'Client',
};
const WALK = ['--lang', 'en', '--plain', '--answers', '1,1', '--json'];

/** conf's folder on Windows: %APPDATA%\<name>-nodejs\Config (env-paths). */
const CONFIG_FOLDER = ['w365-triage-nodejs', 'Config'];

describe.skipIf(WINE_MISSING)(
	'Windows: settings, session logs and probes where Windows has them (node.exe under Wine)',
	() => {
		let prefix: WinePrefix;
		let config: string;
		beforeAll(async () => {
			prefix = await createPrefix();
			await prefix.setCurrentVersion(WIN11_24H2_BROKEN);
			config = join(prefix.appData, ...CONFIG_FOLDER);
		}, 240_000);
		afterAll(async () => prefix?.close());

		it('keeps the session log under %APPDATA% with a Windows path, and sessions/export/--resume read it back', async () => {
			const first = await prefix.triage(WALK);
			expect(first.code, first.stderr).toBe(130);
			const state = JSON.parse(first.stdout);
			const {id, log} = state.session as {id: string; log: string};
			expect(log).toMatch(
				/^C:\\users\\[^\\]+\\AppData\\Roaming\\w365-triage-nodejs\\Config\\sessions\\[^\\]+\.jsonl$/,
			);
			expect(log.endsWith(`\\${id}.jsonl`)).toBe(true);
			expect(first.stderr).toContain(`Session log: ${log}`);
			const file = join(config, 'sessions', `${id}.jsonl`);
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8')).toContain('"26100.7623"');

			const sessions = await prefix.triage(['sessions', '--lang', 'en']);
			expect(sessions.code, sessions.stderr).toBe(0);
			expect(sessions.stdout).toContain(id);
			expect(sessions.stdout).toContain('C:\\users\\');

			const exported = await prefix.triage(['export', id, '--lang', 'en']);
			expect(exported.code, exported.stderr).toBe(0);
			expect(exported.stdout).toContain(id);
			expect(exported.stdout).toContain('26100.7623');
			expect(exported.stdout).toContain('reg query');

			// The fix was installed and it works: the session finishes where it stopped.
			const linesBefore = readFileSync(file, 'utf8').trim().split('\n').length;
			const resumed = await prefix.triage([
				'--resume',
				id,
				'--lang',
				'en',
				'--plain',
				'--answers',
				'1',
				'--json',
			]);
			expect(resumed.code, resumed.stderr).toBe(0);
			const done = JSON.parse(resumed.stdout);
			expect(done).toMatchObject({finished: true, session: {id, log}});
			expect(done.path.slice(0, state.path.length - 1)).toEqual(state.path.slice(0, -1));
			expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThan(linesBefore);
		}, 120_000);

		it('reads its settings from %APPDATA%: a Windows log folder and the language', async () => {
			mkdirSync(config, {recursive: true});
			writeFileSync(
				join(config, 'config.json'),
				JSON.stringify({language: 'ja', logDir: 'C:\\Triage Logs'}),
			);
			try {
				// No --lang and no locale variable: the setting decides.
				const run = await prefix.triage(['--plain', '--answers', '1,1', '--json'], {
					env: {LANG: ''},
				});
				expect(run.code, run.stderr).toBe(130);
				const state = JSON.parse(run.stdout);
				expect(state.language).toBe('ja');
				expect(state.session.log).toMatch(/^C:\\Triage Logs\\[^\\]+\.jsonl$/);
				expect(existsSync(prefix.drive(`Triage Logs/${state.session.id}.jsonl`))).toBe(true);
				expect(run.stderr).toContain('自動検出');
			} finally {
				writeFileSync(join(config, 'config.json'), '{}');
			}
		}, 60_000);

		it("reports Wine's PowerShell stub (it prints nothing) and a missing PowerShell in one line each, and still routes on the registry", async () => {
			const stub = await prefix.triage(WALK);
			const stubLines = stub.stderr.split('\n').filter((line) => line.includes('Get-HotFix'));
			expect(stubLines.filter((line) => line.startsWith('Detection:'))).toEqual([
				'Detection: Get-HotFix listed no updates: installed updates were not read. Answer the questions instead.',
			]);

			const powershell = prefix.drive('windows/system32/WindowsPowerShell/v1.0/powershell.exe');
			renameSync(powershell, `${powershell}.away`);
			try {
				const run = await prefix.triage(WALK);
				expect(run.code, run.stderr).toBe(130);
				const problems = run.stderr.split('\n').filter((line) => line.startsWith('Detection:'));
				expect(problems).toEqual([
					'Detection: PowerShell is not available: installed updates were not read. Answer the questions instead.',
				]);
				const state = JSON.parse(run.stdout);
				expect(state.facts.hotfixes).toBeUndefined();
				expect(state.facts['os.build']).toEqual({
					value: '26100.7623',
					origin: 'detected',
					via: 'reg query',
				});
				expect(run.stderr).toContain('KB5077744');
			} finally {
				renameSync(`${powershell}.away`, powershell);
			}
		}, 60_000);

		it('inside a Remote Desktop session (SESSIONNAME as Windows sets it at sign-in) says it runs on the session host', async () => {
			const volatile = 'HKEY_CURRENT_USER\\Volatile Environment';
			await prefix.setRegistry(volatile, {SESSIONNAME: 'RDP-Tcp#3'});
			try {
				const run = await prefix.triage(WALK);
				expect(run.code, run.stderr).toBe(130);
				expect(JSON.parse(run.stdout).facts['app.role']).toEqual({
					value: 'session-host',
					origin: 'detected',
					via: 'SESSIONNAME',
				});
				expect(run.stderr).toMatch(/remote session.*answer for the device you connect from/);
			} finally {
				await prefix.setRegistry(volatile, {SESSIONNAME: 'Console'});
			}
			const atConsole = await prefix.triage(WALK);
			expect(JSON.parse(atConsole.stdout).facts['app.role']).toEqual({
				value: 'client',
				origin: 'detected',
				via: 'SESSIONNAME',
			});
		}, 60_000);

		it('without reg.exe the build is not read: one line says so and the flow asks, as with --no-detect', async () => {
			const reg = prefix.drive('windows/system32/reg.exe');
			renameSync(reg, `${reg}.away`);
			try {
				const run = await prefix.triage(WALK);
				expect(run.code, run.stderr).toBe(130);
				expect(run.stderr).toContain(
					'Detection: reg.exe is not available: the Windows product and build were not read. Answer the questions instead.',
				);
				const state = JSON.parse(run.stdout);
				expect(state.facts['os.build']).toBeUndefined();
				const asked = await runBinary([...WALK, '--no-detect']);
				expect(state.path).toEqual(JSON.parse(asked.stdout).path);
			} finally {
				renameSync(`${reg}.away`, reg);
			}
		}, 60_000);
	},
);

if (WINE_MISSING) console.log(WINE_MISSING);
