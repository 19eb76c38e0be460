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
	it('lets flags override the file, and the file override detection', () => {
		const merged = mergeFacts(windowsClient, {'os.build': fromFile('26100.7627'), 'os.version': fromFile('24H2')}, {'os.version': flag('25H2')});
		expect(merged).toEqual({
			'os.family': detected('windows', 'process.platform'),
			'os.product': detected('Windows 11'),
			'os.build': fromFile('26100.7627'),
			'os.version': flag('25H2'),
			'app.role': detected('client', 'SESSIONNAME'),
		});
	});

	it('keeps detection alone when nothing is given (and --no-detect gives given facts alone)', () => {
		expect(mergeFacts(windowsClient)).toEqual(windowsClient);
		expect(mergeFacts({}, {'os.build': fromFile('26100.7627')}, {'os.build': flag('26100.7623')})).toEqual({'os.build': flag('26100.7623')});
	});

	it("on an admin box, drops the admin's own os.family once the triaged machine is described", () => {
		const adminBox: Facts = {'os.family': detected('linux', 'process.platform'), 'app.role': detected('admin-box', 'process.platform')};
		expect(mergeFacts(adminBox)).toEqual(adminBox);
		expect(mergeFacts(adminBox, {}, {'os.build': flag('26100.7623')})).toEqual({'app.role': adminBox['app.role'], 'os.build': flag('26100.7623')});
		expect(mergeFacts(adminBox, {'os.product': fromFile('Windows 11')})['os.family']).toBeUndefined();
		// Unless the admin names the family too.
		expect(mergeFacts(adminBox, {}, {'os.family': flag('windows'), 'os.build': flag('26100.7623')})['os.family']).toEqual(flag('windows'));
		// A Windows machine's own family stays: it is the machine being triaged.
		expect(mergeFacts(windowsClient, {}, {'os.build': flag('26100.7627')})['os.family']?.value).toBe('windows');
	});
});

describe('applyDetected', () => {
	it('fills in detection that finished after the first frame, without replacing what a person gave or corrected', () => {
		const current: Facts = {
			'os.build': {value: '26100.7627', origin: 'corrected', via: 'detect-os'},
			'os.version': flag('24H2'),
			'os.product': detected('Windows 10', 'systeminformation'),
		};
		expect(applyDetected(current, windowsClient)).toEqual({
			'os.family': detected('windows', 'process.platform'),
			'os.product': detected('Windows 11'),
			'os.build': {value: '26100.7627', origin: 'corrected', via: 'detect-os'},
			'os.version': flag('24H2'),
			'app.role': detected('client', 'SESSIONNAME'),
		});
	});
});
