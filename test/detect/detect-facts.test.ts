import {describe, expect, it} from 'vitest';
import {detectFacts, type DetectOptions, windowsFacts} from '../../source/detect/detect-facts.js';
import {CANCELLED} from '../../source/detect/detection-words.js';
import type {Facts} from '../../source/facts/fact-values.js';
import {loadSystemInformation, type OsInfo} from '../../source/detect/load-systeminformation.js';
import type {Probe, ProbeResult, ProbeRunner} from '../../source/detect/run-probe.js';
import {getHotfix, type Machine, osInfo, regQuery} from './fixtures.js';

type Answer = ProbeResult | ((probe: Probe, signal?: AbortSignal) => Promise<ProbeResult>);

/** A probe runner that answers from recorded output and remembers what it was asked to run. */
function fakeRunner(answers: Record<string, Answer>) {
	const ran: Probe[] = [];
	const runner: ProbeRunner = async (probe, {signal}) => {
		ran.push(probe);
		const answer = answers[probe.name];
		if (!answer) throw new Error(`unexpected probe ${probe.name}`);
		return typeof answer === 'function' ? answer(probe, signal) : answer;
	};
	return {runner, ran};
}

const ok = (stdout: string): ProbeResult => ({ok: true, stdout});

function onWindows(
	machine: Machine,
	overrides: Partial<DetectOptions> = {},
	sessionName = 'Console',
): DetectOptions {
	return {
		platform: 'win32',
		env: {SystemRoot: 'C:\\Windows', SESSIONNAME: sessionName},
		runProbe: fakeRunner({'reg query': ok(regQuery(machine)), 'Get-HotFix': ok(getHotfix(machine))})
			.runner,
		loadSystemInformation: async () => ({osInfo: async () => osInfo(machine)}),
		...overrides,
	};
}

/** name → value (via), the shape people read on screen. */
const shown = (facts: Facts) =>
	Object.fromEntries(
		Object.entries(facts).map(([name, fact]) => [
			name,
			`${String(fact.value)} (${fact.origin}: ${fact.via})`,
		]),
	);

describe('detectFacts on Windows (recorded probe output)', () => {
	it('Windows 11 24H2: ProductName says Windows 10, the build says 11', async () => {
		const {facts, problems} = await detectFacts(onWindows('win11-24h2'));
		expect(problems).toEqual([]);
		expect(shown(facts)).toEqual({
			'os.family': 'windows (detected: process.platform)',
			'os.build': '26100.7623 (detected: reg query)',
			'os.product': 'Windows 11 (detected: reg query)',
			'os.version': '24H2 (detected: reg query)',
			hotfixes: 'KB5074109 (detected: Get-HotFix)',
			// At the console SESSIONNAME says so; systeminformation's false is the weaker signal.
			'os.remoteSession': 'false (detected: SESSIONNAME)',
			'app.role': 'client (detected: SESSIONNAME)',
		});
	});

	it('Windows 11 25H2 inside a Cloud PC: a session host', async () => {
		const {facts, problems} = await detectFacts(onWindows('win11-25h2', {}, 'RDP-Tcp#0'));
		expect(problems).toEqual([]);
		expect(facts['os.product']?.value).toBe('Windows 11');
		expect(facts['os.build']?.value).toBe('26200.7627');
		expect(facts['os.version']?.value).toBe('25H2');
		expect(facts.hotfixes?.value).toEqual(['KB5077744', 'KB5074109']);
		expect(facts['os.remoteSession']?.value).toBe('true');
		expect(facts['app.role']?.value).toBe('session-host');
	});

	it('Windows 11 23H2', async () => {
		const {facts} = await detectFacts(onWindows('win11-23h2'));
		expect([
			facts['os.product']?.value,
			facts['os.version']?.value,
			facts['os.build']?.value,
		]).toEqual(['Windows 11', '23H2', '22631.6491']);
	});

	it('Windows 10 22H2', async () => {
		const {facts} = await detectFacts(onWindows('win10-22h2'));
		expect([
			facts['os.product']?.value,
			facts['os.version']?.value,
			facts['os.build']?.value,
		]).toEqual(['Windows 10', '22H2', '19045.6809']);
		expect(facts.hotfixes?.value).toEqual(['KB5073724']);
	});

	it('Windows Server 2025: the product, not only the build, so 26100.32230 is never read as Windows 11', async () => {
		const {facts, problems} = await detectFacts(onWindows('server-2025', {}, 'RDP-Tcp#1'));
		expect(problems).toEqual([]);
		expect([
			facts['os.product']?.value,
			facts['os.build']?.value,
			facts['app.role']?.value,
		]).toEqual(['Windows Server 2025', '26100.32230', 'session-host']);
	});

	it('runs only the two fixed, read-only probes, by absolute path, with constant arguments', async () => {
		const {runner, ran} = fakeRunner({
			'reg query': ok(regQuery('win11-24h2')),
			'Get-HotFix': ok(getHotfix('win11-24h2')),
		});
		await detectFacts(onWindows('win11-24h2', {runProbe: runner, env: {SystemRoot: 'D:\\WINNT'}}));
		expect(ran.map(({name, file, args, cwd}) => ({name, file, args, cwd}))).toEqual([
			{
				name: 'reg query',
				file: 'D:\\WINNT\\System32\\reg.exe',
				args: ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'],
				cwd: 'D:\\WINNT\\System32',
			},
			{
				name: 'Get-HotFix',
				file: 'D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
				args: [
					'-NoLogo',
					'-NoProfile',
					'-NonInteractive',
					'-Command',
					'Get-HotFix | Select-Object -ExpandProperty HotFixID',
				],
				cwd: 'D:\\WINNT\\System32',
			},
		]);
	});

	it('finds the 64-bit programs from a 32-bit Node, and ignores a Windows directory that is not a plain path', async () => {
		const {runner, ran} = fakeRunner({'reg query': ok(''), 'Get-HotFix': ok('')});
		await detectFacts(
			onWindows('win11-24h2', {
				runProbe: runner,
				env: {SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64'},
			}),
		);
		expect(ran[0]?.file).toBe('C:\\Windows\\Sysnative\\reg.exe');
		expect(ran[0]?.cwd).toBe('C:\\Windows\\System32');
		ran.length = 0;
		await detectFacts(
			onWindows('win11-24h2', {runProbe: runner, env: {SystemRoot: 'C:\\Windows" & calc & "'}}),
		);
		expect(ran[0]?.file).toBe('C:\\Windows\\System32\\reg.exe');
	});

	it('turns each failed probe into one line and keeps what the others found', async () => {
		const {runner} = fakeRunner({
			'reg query': {
				ok: false,
				reason: 'timeout',
				problem: 'reg query timed out after 3 s: the Windows product and build were not read',
			},
			'Get-HotFix': {
				ok: false,
				reason: 'missing',
				problem: 'PowerShell is not available: installed updates were not read',
			},
		});
		const {facts, problems} = await detectFacts(onWindows('win11-24h2', {runProbe: runner}));
		expect(problems).toEqual([
			'reg query timed out after 3 s: the Windows product and build were not read',
			'PowerShell is not available: installed updates were not read',
		]);
		// systeminformation still names the product and version; the build needs the UBR, so it stays unknown.
		expect(shown(facts)).toEqual({
			'os.family': 'windows (detected: process.platform)',
			'os.product': 'Windows 11 (detected: systeminformation)',
			'os.version': '24H2 (detected: systeminformation)',
			'os.remoteSession': 'false (detected: SESSIONNAME)',
			'app.role': 'client (detected: SESSIONNAME)',
		});
	});

	it('reports a Get-HotFix that lists nothing (a PowerShell stub, an emptied output) as not read', async () => {
		const {runner} = fakeRunner({
			'reg query': ok(regQuery('win11-24h2')),
			'Get-HotFix': ok('\r\n'),
		});
		const {facts, problems} = await detectFacts(onWindows('win11-24h2', {runProbe: runner}));
		expect(problems).toEqual(['Get-HotFix listed no updates: installed updates were not read']);
		expect(facts.hotfixes).toBeUndefined();
		expect(facts['os.build']?.value).toBe('26100.7623');
	});

	it('reports systeminformation failing or hanging in one line, and falls back to SESSIONNAME', async () => {
		const failing = await detectFacts(
			onWindows(
				'win11-24h2',
				{
					loadSystemInformation: async () => ({
						osInfo: () => Promise.reject(new Error('WMI is broken\nat somewhere')),
					}),
				},
				'RDP-Tcp#2',
			),
		);
		expect(failing.problems).toEqual([
			'systeminformation failed (WMI is broken): the Windows caption and the remote-session signal were not read',
		]);
		expect(failing.facts['app.role']).toEqual({
			value: 'session-host',
			origin: 'detected',
			via: 'SESSIONNAME',
		});
		expect(failing.facts['os.build']?.value).toBe('26100.7623');

		const started = Date.now();
		const hanging = await detectFacts(
			onWindows('win11-24h2', {
				loadSystemInformation: async () => ({osInfo: () => new Promise<OsInfo>(() => {})}),
				timeouts: {systemInformation: 100},
			}),
		);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(hanging.problems).toEqual([
			'systeminformation timed out after 100 ms: the Windows caption and the remote-session signal were not read',
		]);
		expect(hanging.facts['app.role']?.value).toBe('client');

		const cannotLoad = await detectFacts(
			onWindows('win11-24h2', {
				loadSystemInformation: () => Promise.reject(new Error('Cannot find module')),
			}),
		);
		expect(cannotLoad.problems).toHaveLength(1);
		expect(cannotLoad.facts['os.product']?.value).toBe('Windows 11');
	});

	it('never throws, even when the probe runner itself does', async () => {
		const result = await detectFacts(
			onWindows('win11-24h2', {runProbe: () => Promise.reject(new Error('boom'))}),
		);
		expect(result).toEqual({facts: {}, problems: ['detection failed: boom']});
	});

	it('resolves at once when cancelled, without waiting for a slow probe', async () => {
		const controller = new AbortController();
		const slow = (_probe: Probe, signal?: AbortSignal) =>
			new Promise<ProbeResult>((resolve) => {
				signal?.addEventListener('abort', () =>
					resolve({ok: false, reason: 'cancelled', problem: 'cancelled'}),
				);
			});
		const {runner} = fakeRunner({'reg query': slow, 'Get-HotFix': slow});
		const started = Date.now();
		const pending = detectFacts(
			onWindows('win11-24h2', {
				runProbe: runner,
				signal: controller.signal,
				loadSystemInformation: async () => ({osInfo: () => new Promise<OsInfo>(() => {})}),
			}),
		);
		setTimeout(() => controller.abort(), 50);
		const result = await pending;
		expect(Date.now() - started).toBeLessThan(1000);
		expect(result.problems).toEqual([CANCELLED]);
	});

	it('spawns nothing when cancelled before it starts', async () => {
		const {runner, ran} = fakeRunner({});
		const result = await detectFacts(
			onWindows('win11-24h2', {runProbe: runner, signal: AbortSignal.abort()}),
		);
		expect(ran).toEqual([]);
		expect(result.problems).toEqual([CANCELLED]);
	});
});

describe('windowsFacts', () => {
	it('sets no build from a registry without UBR, and says so', () => {
		const {facts, problems} = windowsFacts({
			registry: {CurrentBuild: '26100', ProductName: 'Windows 10 Pro'},
		});
		expect(facts['os.build']).toBeUndefined();
		expect(facts['os.product']?.value).toBe('Windows 11');
		expect(problems).toEqual([
			'reg query did not list CurrentBuild and UBR: the build was not read',
		]);
	});

	it('sets no product when the name is unknown or contradicts the installation type', () => {
		expect(
			windowsFacts({
				registry: {CurrentBuild: '7601', UBR: '1', ProductName: 'Windows 7 Professional'},
			}).problems,
		).toEqual([
			'reg query: ProductName "Windows 7 Professional" is not a Windows 10, 11 or Server product this app knows: os.product was not set',
		]);
		const mixed = windowsFacts({
			registry: {
				CurrentBuild: '26100',
				UBR: '7623',
				ProductName: 'Windows 10 Pro',
				InstallationType: 'Server',
			},
		});
		expect(mixed.facts['os.product']).toBeUndefined();
		expect(mixed.facts['os.build']?.value).toBe('26100.7623');
	});

	it('reports no remote session and no role when no signal says anything', () => {
		const {facts} = windowsFacts({registry: {CurrentBuild: '26100', UBR: '7623'}});
		expect(facts['os.remoteSession']).toBeUndefined();
		expect(facts['app.role']).toBeUndefined();
	});
});

describe('detectFacts off Windows', () => {
	it('on this machine: an admin box, no OS facts of its own, no exception', async () => {
		const started = Date.now();
		const {facts, problems} = await detectFacts();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(problems).toEqual([]);
		expect(facts['app.role']).toEqual({
			value: 'admin-box',
			origin: 'detected',
			via: 'process.platform',
		});
		expect(facts['os.build']).toBeUndefined();
		expect(facts['os.product']).toBeUndefined();
		expect(facts['os.version']).toBeUndefined();
		expect(facts.hotfixes).toBeUndefined();
		if (process.platform === 'linux' || process.platform === 'darwin')
			expect(facts['os.family']?.value).toBe(process.platform);
	});

	it.each(['linux', 'darwin'] as const)(
		'%s: runs no probe and does not load systeminformation',
		async (platform) => {
			const {runner, ran} = fakeRunner({});
			let loaded = false;
			const {facts} = await detectFacts({
				platform,
				runProbe: runner,
				loadSystemInformation: async () => {
					loaded = true;
					return {osInfo: async () => ({})};
				},
			});
			expect(ran).toEqual([]);
			expect(loaded).toBe(false);
			expect(shown(facts)).toEqual({
				'app.role': 'admin-box (detected: process.platform)',
				'os.family': `${platform} (detected: process.platform)`,
			});
		},
	);
});

describe('loadSystemInformation', () => {
	it('loads the real package lazily and calls its osInfo', async () => {
		const systemInformation = await loadSystemInformation();
		const info = await systemInformation.osInfo();
		expect(typeof info.platform).toBe('string');
	}, 15_000);
});

describe.runIf(process.platform === 'win32')('detectFacts on this Windows machine', () => {
	it('reads the build and product', async () => {
		const {facts, problems} = await detectFacts();
		expect(problems).toEqual([]);
		expect(facts['os.build']?.value).toMatch(/^\d{5}\.\d+$/);
		expect(facts['os.product']?.value).toMatch(/^Windows /);
	}, 30_000);
});
