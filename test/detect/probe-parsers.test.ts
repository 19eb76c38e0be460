import {describe, expect, it} from 'vitest';
import {normalizeProduct} from '../../source/facts/normalize-product.js';
import {parseHotfixes} from '../../source/detect/parse-hotfixes.js';
import {parseRegQuery} from '../../source/detect/parse-reg-query.js';
import {remoteSessionFrom} from '../../source/detect/remote-session.js';
import {fixture, getHotfix, regQuery} from './fixtures.js';

describe('parseRegQuery', () => {
	it.each([
		[
			'win11-24h2',
			{
				CurrentBuild: '26100',
				UBR: '7623',
				DisplayVersion: '24H2',
				ProductName: 'Windows 10 Pro',
				InstallationType: 'Client',
			},
		],
		[
			'win11-25h2',
			{
				CurrentBuild: '26200',
				UBR: '7627',
				DisplayVersion: '25H2',
				ProductName: 'Windows 10 Enterprise',
				InstallationType: 'Client',
			},
		],
		[
			'win11-23h2',
			{
				CurrentBuild: '22631',
				UBR: '6491',
				DisplayVersion: '23H2',
				ProductName: 'Windows 10 Pro',
				InstallationType: 'Client',
			},
		],
		[
			'win10-22h2',
			{
				CurrentBuild: '19045',
				UBR: '6809',
				DisplayVersion: '22H2',
				ProductName: 'Windows 10 Pro',
				InstallationType: 'Client',
			},
		],
		[
			'server-2025',
			{
				CurrentBuild: '26100',
				UBR: '32230',
				DisplayVersion: '24H2',
				ProductName: 'Windows Server 2025 Datacenter',
				InstallationType: 'Server',
			},
		],
	] as const)('reads %s', (machine, expected) => {
		expect(parseRegQuery(regQuery(machine))).toEqual({
			...expected,
			CurrentBuildNumber: expected.CurrentBuild,
		});
	});

	it('keeps nothing but the values it needs (no owner name, no product id)', () => {
		const text = JSON.stringify(parseRegQuery(regQuery('win11-24h2')));
		expect(text).not.toContain('user@example.com');
		expect(text).not.toContain('00000-00000');
	});

	it('reads LF line ends, any case of value name, and skips malformed DWORDs', () => {
		const output = [
			'',
			'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
			'    currentbuild    REG_SZ    26100',
			'    UBR    REG_DWORD    7623',
			'',
		].join('\n');
		expect(parseRegQuery(output)).toEqual({CurrentBuild: '26100'});
		expect(parseRegQuery('    UBR    REG_DWORD    0xFFFFFFFF')).toEqual({UBR: '4294967295'});
	});

	it('reads nothing from an error message or an empty output', () => {
		expect(
			parseRegQuery(
				'ERROR: The system was unable to find the specified registry key or value.\r\n',
			),
		).toEqual({});
		expect(parseRegQuery('')).toEqual({});
	});
});

describe('parseHotfixes', () => {
	it('reads one id per line (Select-Object -ExpandProperty HotFixID)', () => {
		expect(parseHotfixes(getHotfix('win11-25h2'))).toEqual(['KB5077744', 'KB5074109']);
		expect(parseHotfixes(getHotfix('server-2025'))).toEqual(['KB5073379']);
	});

	it('reads the default table form, each id once', () => {
		expect(parseHotfixes(fixture('get-hotfix-table.txt'))).toEqual(['KB5077744', 'KB5074109']);
	});

	it('reads CSV and upper-cases; ignores text that only looks similar', () => {
		const csv =
			'"Source","Description","HotFixID"\r\n"PC","Update","kb5077744"\r\n"PC","Update","KB12"\r\n"PC","Update","XKB5074109"\r\n';
		expect(parseHotfixes(csv)).toEqual(['KB5077744']);
		expect(parseHotfixes('')).toEqual([]);
	});
});

describe('normalizeProduct', () => {
	it('tells Windows 11 from Windows 10 by CurrentBuild, since ProductName says 10 on both', () => {
		expect(normalizeProduct('Windows 10 Pro', '26100')).toBe('Windows 11');
		expect(normalizeProduct('Windows 10 Enterprise', '26200')).toBe('Windows 11');
		expect(normalizeProduct('Windows 10 Pro', '22631')).toBe('Windows 11');
		expect(normalizeProduct('Windows 10 Pro', '22000')).toBe('Windows 11');
		expect(normalizeProduct('Windows 10 Pro', '21999')).toBe('Windows 10');
		expect(normalizeProduct('Windows 10 Pro', '19045')).toBe('Windows 10');
		expect(normalizeProduct('Windows 10 Enterprise LTSC 2021', '19044')).toBe('Windows 10');
		expect(normalizeProduct('Windows 10 Enterprise multi-session', '22631')).toBe('Windows 11');
	});

	it('trusts the name when no build is known', () => {
		expect(normalizeProduct('Windows 10 Pro')).toBe('Windows 10');
		expect(normalizeProduct('Windows 11 Pro', 'not a build')).toBe('Windows 11');
	});

	it('reads WMI captions too', () => {
		expect(normalizeProduct('Microsoft Windows 11 Pro', '26100')).toBe('Windows 11');
		expect(normalizeProduct('Microsoft Windows Server 2025 Datacenter', '26100')).toBe(
			'Windows Server 2025',
		);
	});

	it('names servers by year, without the edition', () => {
		expect(normalizeProduct('Windows Server 2025 Datacenter', '26100')).toBe('Windows Server 2025');
		expect(normalizeProduct('Windows Server 2022 Standard', '20348')).toBe('Windows Server 2022');
		expect(normalizeProduct('Windows Server 2019 Datacenter', '17763')).toBe('Windows Server 2019');
		expect(normalizeProduct('Windows Server 2012 R2 Standard', '9600')).toBe(
			'Windows Server 2012 R2',
		);
	});

	it('knows nothing of other names', () => {
		expect(normalizeProduct('Windows Server Datacenter', '25398')).toBeUndefined();
		expect(normalizeProduct('Windows 7 Professional', '7601')).toBeUndefined();
		expect(normalizeProduct('Windows 100', '26100')).toBeUndefined();
		expect(normalizeProduct('', '26100')).toBeUndefined();
	});
});

describe('remoteSessionFrom', () => {
	it('says remote when either signal does', () => {
		expect(remoteSessionFrom(true, 'Console')).toEqual({value: true, via: 'systeminformation'});
		expect(remoteSessionFrom(undefined, 'RDP-Tcp#3')).toEqual({value: true, via: 'SESSIONNAME'});
		expect(remoteSessionFrom(false, 'rdp-tcp#0')).toEqual({value: true, via: 'SESSIONNAME'});
	});

	it('says local at the console, and weakly when only systeminformation says so', () => {
		expect(remoteSessionFrom(false, 'Console')).toEqual({value: false, via: 'SESSIONNAME'});
		expect(remoteSessionFrom(undefined, 'Console')).toEqual({value: false, via: 'SESSIONNAME'});
		expect(remoteSessionFrom(false, undefined)).toEqual({value: false, via: 'systeminformation'});
	});

	it('says nothing without a signal', () => {
		expect(remoteSessionFrom(undefined, undefined)).toBeUndefined();
		expect(remoteSessionFrom(undefined, '')).toBeUndefined();
		expect(remoteSessionFrom(undefined, 'ICA-CGP#1')).toBeUndefined();
	});
});
