import {describe, expect, it} from 'vitest';
import type {Fact, Facts} from '../../source/facts/fact-values.js';
import {applyDetected, mergeFacts} from '../../source/facts/merge-facts.js';

const detected = (value: string, via = 'reg query'): Fact => ({value, origin: 'detected', via});
const fromFile = (value: string): Fact => ({value, origin: 'file', via: 'facts.json'});
const flag = (value: string): Fact => ({value, origin: 'flag'});

const windowsClient: Facts = {
	'os.family': detected('windows', 'process.platform'),
	'os.product': detected('Windows 11'),
	'os.build': detected('26100.7623'),
	'app.role': detected('client', 'SESSIONNAME'),
};

describe('mergeFacts', () => {
	it('lets flags override the file, and given facts replace every detected OS fact', () => {
		const merged = mergeFacts(
			windowsClient,
			{'os.build': fromFile('26100.7627'), 'os.version': fromFile('24H2')},
			{'os.version': flag('25H2')},
		);
		expect(merged).toEqual({
			'os.build': fromFile('26100.7627'),
			'os.version': flag('25H2'),
			'app.role': detected('client', 'SESSIONNAME'),
		});
		expect(mergeFacts(windowsClient, {}, {'app.role': flag('admin-box')})['os.product']).toEqual(
			detected('Windows 11'),
		);
	});

	it('keeps detection alone when nothing is given (and --no-detect gives given facts alone)', () => {
		expect(mergeFacts(windowsClient)).toEqual(windowsClient);
		expect(
			mergeFacts({}, {'os.build': fromFile('26100.7627')}, {'os.build': flag('26100.7623')}),
		).toEqual({'os.build': flag('26100.7623')});
	});

	it("on an admin box, drops the admin's own os.family once the triaged machine is described", () => {
		const adminBox: Facts = {
			'os.family': detected('linux', 'process.platform'),
			'app.role': detected('admin-box', 'process.platform'),
		};
		expect(mergeFacts(adminBox)).toEqual(adminBox);
		expect(mergeFacts(adminBox, {}, {'os.build': flag('26100.7623')})).toEqual({
			'app.role': adminBox['app.role'],
			'os.build': flag('26100.7623'),
		});
		expect(
			mergeFacts(adminBox, {'os.product': fromFile('Windows 11')})['os.family'],
		).toBeUndefined();
		// Unless the admin names the family too.
		expect(
			mergeFacts(adminBox, {}, {'os.family': flag('windows'), 'os.build': flag('26100.7623')})[
				'os.family'
			],
		).toEqual(flag('windows'));
		// On Windows too: given facts may describe another machine, so the detected family goes.
		expect(
			mergeFacts(windowsClient, {}, {'os.build': flag('26100.7627')})['os.family'],
		).toBeUndefined();
	});
});

describe('applyDetected', () => {
	it('fills in detection that finished after the first frame, without replacing what a person gave or corrected', () => {
		const current: Facts = {
			'os.build': {value: '26100.7627', origin: 'corrected', via: 'detect-os'},
			'os.version': {value: '24H2', origin: 'corrected'},
			'os.product': detected('Windows 10', 'systeminformation'),
		};
		expect(applyDetected(current, windowsClient)).toEqual({
			'os.family': detected('windows', 'process.platform'),
			'os.product': detected('Windows 11'),
			'os.build': {value: '26100.7627', origin: 'corrected', via: 'detect-os'},
			'os.version': {value: '24H2', origin: 'corrected'},
			'app.role': detected('client', 'SESSIONNAME'),
		});
		// Facts given for another machine keep late detection from mixing in this one's.
		expect(applyDetected({'os.version': flag('24H2')}, windowsClient)).toEqual({
			'os.version': flag('24H2'),
			'app.role': detected('client', 'SESSIONNAME'),
		});
	});
});

describe('mergeFacts on a Windows machine triaging another one', () => {
	it('drops every detected OS fact once any fact about the triaged machine is given', () => {
		const detected = (value: string, via: string) => ({value, origin: 'detected' as const, via});
		const jumpHost: Facts = {
			'os.family': detected('windows', 'process.platform'),
			'os.product': detected('Windows Server 2025', 'reg query'),
			'os.build': detected('26100.32230', 'reg query'),
			'app.role': detected('client', 'SESSIONNAME'),
		};
		const merged = mergeFacts(jumpHost, {}, {'os.build': {value: '26100.7623', origin: 'flag'}});
		expect(merged['os.product']).toBeUndefined();
		expect(merged['os.family']).toBeUndefined();
		expect(merged['os.build']).toEqual({value: '26100.7623', origin: 'flag'});
		expect(merged['app.role']).toEqual(jumpHost['app.role']);
	});
});
