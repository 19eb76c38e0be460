/**
 * The build table of docs/incident-facts.md as each Windows has it in its registry, and the walk
 * that checks one row (test/windows: from node.exe and from the single executable).
 */
import {expect} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import type {WinePrefix, WineResult} from './wine.js';

type Advice =
	/** Install at least the out-of-band update, named with its build. */
	| {kind: 'install'; kb: string; fixed: string}
	/** The build already has the fix: the update is not the cause. */
	| {kind: 'fixed'}
	/** Server 2022/2019: the latest cumulative update, no update claimed to fix it. */
	| {kind: 'latest-update'};

export type Row = {
	name: string;
	/** HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion as that Windows has it (UBR is per build). */
	registry: {
		CurrentBuild: string;
		DisplayVersion?: string;
		ProductName: string;
		InstallationType: string;
	};
	product: string;
	builds: {ubr: number; advice: Advice}[];
};

const install = (kb: string, fixed: string): Advice => ({kind: 'install', kb, fixed});
const fixed: Advice = {kind: 'fixed'};
const latest: Advice = {kind: 'latest-update'};

export const ROWS: Row[] = [
	{
		name: 'Windows 11 25H2',
		// Windows 11 still calls itself "Windows 10" in ProductName.
		registry: {
			CurrentBuild: '26200',
			DisplayVersion: '25H2',
			ProductName: 'Windows 10 Pro',
			InstallationType: 'Client',
		},
		product: 'Windows 11',
		builds: [
			{ubr: 7623, advice: install('KB5077744', '26200.7627')},
			{ubr: 7627, advice: fixed},
			{ubr: 7628, advice: fixed},
		],
	},
	{
		name: 'Windows 11 24H2',
		registry: {
			CurrentBuild: '26100',
			DisplayVersion: '24H2',
			ProductName: 'Windows 10 Enterprise',
			InstallationType: 'Client',
		},
		product: 'Windows 11',
		builds: [
			{ubr: 7623, advice: install('KB5077744', '26100.7627')},
			{ubr: 7627, advice: fixed},
			{ubr: 7628, advice: fixed},
		],
	},
	{
		name: 'Windows 11 23H2',
		registry: {
			CurrentBuild: '22631',
			DisplayVersion: '23H2',
			ProductName: 'Windows 10 Pro',
			InstallationType: 'Client',
		},
		product: 'Windows 11',
		builds: [
			{ubr: 6491, advice: install('KB5077797', '22631.6494')},
			{ubr: 6494, advice: fixed},
			{ubr: 6495, advice: fixed},
		],
	},
	{
		name: 'Windows 10 22H2',
		registry: {
			CurrentBuild: '19045',
			DisplayVersion: '22H2',
			ProductName: 'Windows 10 Pro',
			InstallationType: 'Client',
		},
		product: 'Windows 10',
		builds: [
			{ubr: 6809, advice: install('KB5077796', '19045.6811')},
			{ubr: 6811, advice: fixed},
			{ubr: 6812, advice: fixed},
		],
	},
	{
		name: 'Windows 10 21H2 (LTSC 2021)',
		registry: {
			CurrentBuild: '19044',
			DisplayVersion: '21H2',
			ProductName: 'Windows 10 Enterprise LTSC 2021',
			InstallationType: 'Client',
		},
		product: 'Windows 10',
		// The table does not state the broken build here: any build below the fix stands in.
		builds: [
			{ubr: 6810, advice: install('KB5077796', '19044.6811')},
			{ubr: 6811, advice: fixed},
			{ubr: 6812, advice: fixed},
		],
	},
	{
		name: 'Windows Server 2025',
		// Same CurrentBuild as Windows 11 24H2; the product decides, then the 32xxx revisions.
		registry: {
			CurrentBuild: '26100',
			DisplayVersion: '24H2',
			ProductName: 'Windows Server 2025 Datacenter',
			InstallationType: 'Server',
		},
		product: 'Windows Server 2025',
		builds: [
			{ubr: 32230, advice: install('KB5077793', '26100.32234')},
			{ubr: 32234, advice: fixed},
			{ubr: 32236, advice: fixed},
		],
	},
	{
		name: 'Windows Server 2022',
		registry: {
			CurrentBuild: '20348',
			DisplayVersion: '21H2',
			ProductName: 'Windows Server 2022 Standard',
			InstallationType: 'Server',
		},
		product: 'Windows Server 2022',
		builds: [
			{ubr: 4648, advice: latest},
			{ubr: 4650, advice: latest},
			{ubr: 4651, advice: latest},
		],
	},
	{
		name: 'Windows Server 2019',
		// Server 2019 (1809) has no DisplayVersion value.
		registry: {
			CurrentBuild: '17763',
			ProductName: 'Windows Server 2019 Datacenter',
			InstallationType: 'Server Core',
		},
		product: 'Windows Server 2019',
		builds: [
			{ubr: 8276, advice: latest},
			{ubr: 8280, advice: latest},
			{ubr: 8281, advice: latest},
		],
	},
];

/** The symptom answers that lead to detection: the failure people saw, after an update. */
export const ANSWERS = ['--lang', 'en', '--plain', '--answers', '1,1', '--json'];

/** The transcript from the detect step on (the steps before it name the Windows 11 fix anyway). */
const afterDetection = (transcript: string) => {
	const at = transcript.indexOf('· detect-os');
	expect(at, 'the transcript shows the detect step').toBeGreaterThan(-1);
	return transcript.slice(at);
};

/**
 * Walks every build of a row on Windows (`run`: the app under Wine, from node.exe or the single
 * executable) and checks what the user sees against the table and against the same facts given by
 * hand on Linux.
 */
export async function walkRow(
	prefix: WinePrefix,
	row: Row,
	run: (args: string[]) => Promise<WineResult>,
): Promise<void> {
	for (const {ubr, advice} of row.builds) {
		const build = `${row.registry.CurrentBuild}.${ubr}`;
		await prefix.setCurrentVersion({
			...row.registry,
			CurrentBuildNumber: row.registry.CurrentBuild,
			DisplayVersion: row.registry.DisplayVersion ?? null,
			UBR: ubr,
		});
		const windows = await run(ANSWERS);
		const context = `${row.name} at ${build}:\n${windows.stderr}`;
		expect(windows.code, context).toBe(130); // input ended at the next question
		const state = JSON.parse(windows.stdout);

		// The facts, each from the registry through reg query, on screen and in the result.
		const detected = {value: expect.any(String), origin: 'detected', via: 'reg query'};
		expect(state.facts['os.product'], context).toEqual({...detected, value: row.product});
		expect(state.facts['os.build'], context).toEqual({...detected, value: build});
		if (row.registry.DisplayVersion)
			expect(state.facts['os.version'], context).toEqual({
				...detected,
				value: row.registry.DisplayVersion,
			});
		else expect(state.facts['os.version'], context).toBeUndefined();
		expect(state.facts['os.family']).toMatchObject({value: 'windows', origin: 'detected'});
		expect(windows.stderr).toContain(`Windows product: ${row.product} (detected: reg query)`);
		expect(windows.stderr).toContain(`OS build: ${build} (detected: reg query)`);

		// The same route as the same facts given by hand on Linux.
		const facts = [
			`os.product=${row.product}`,
			`os.build=${build}`,
			...(row.registry.DisplayVersion ? [`os.version=${row.registry.DisplayVersion}`] : []),
		];
		const given = await runBinary([...ANSWERS, ...facts.flatMap((fact) => ['--fact', fact])]);
		expect(state.path, context).toEqual(JSON.parse(given.stdout).path);

		// The advice this row gets.
		const advised = afterDetection(windows.stderr);
		if (advice.kind === 'install') {
			expect(advised, context).toContain(advice.kb);
			expect(advised, context).toContain(advice.fixed);
			expect(advised, context).not.toMatch(/already/i);
		} else if (advice.kind === 'fixed') {
			expect(advised, context).toMatch(/already/i);
		} else {
			expect(advised, context).toMatch(/latest cumulative update/i);
			expect(advised, context).not.toMatch(/at least KB/i);
		}
	}
}
