import {describe, expect, it} from 'vitest';
import {type BuildNumber, compareBuilds, parseBuild} from '../../source/facts/build-number.js';

const build = (text: string): BuildNumber => {
	const parsed = parseBuild(text);
	if (!parsed) throw new Error(`not a build: ${text}`);
	return parsed;
};
const sign = (a: string, b: string) => Math.sign(compareBuilds(build(a), build(b)));

describe('parseBuild', () => {
	it('reads CurrentBuild.UBR as numbers, part by part', () => {
		expect(parseBuild('26100.7623')).toEqual([26100, 7623]);
		expect(parseBuild('26100.32230')).toEqual([26100, 32230]);
		expect(parseBuild('10.0.26100.7627')).toEqual([10, 0, 26100, 7627]);
		expect(parseBuild('26100')).toEqual([26100]);
	});

	it('trims surrounding space and reads leading zeros as the number they spell', () => {
		expect(parseBuild('  19045.6809\n')).toEqual([19045, 6809]);
		expect(parseBuild('26100.0999')).toEqual([26100, 999]);
	});

	it.each([
		'',
		' ',
		'26100.',
		'.7623',
		'26100..7623',
		'26100,7623',
		'26100.7623a',
		'v26100.7623',
		'-26100.7623',
		'1e5',
		'26100.7623.1.2.3',
		'１９０４５.６８０９',
		'2610012345.1',
		'26100 7623',
	])('rejects %j', (text) => {
		expect(parseBuild(text)).toBeUndefined();
	});
});

describe('compareBuilds', () => {
	it('compares the revision as a number, not as text', () => {
		// As text "7627" < "999"; as numbers 7627 > 999.
		expect(sign('26100.7627', '26100.999')).toBe(1);
		expect(sign('26100.999', '26100.7627')).toBe(-1);
		expect('26100.7627' >= '26100.999').toBe(false);
	});

	it('puts Windows 11 24H2 revisions below Server 2025 revisions of the same build', () => {
		expect(sign('26100.7627', '26100.32230')).toBe(-1);
		expect(sign('26100.32234', '26100.32230')).toBe(1);
		// Text comparison would call 26100.7627 the newer one.
		expect('26100.7627' > '26100.32230').toBe(true);
	});

	it('lets the build decide before the revision', () => {
		expect(sign('26200.7627', '26100.7627')).toBe(1);
		expect(sign('26100.7628', '26200.7623')).toBe(-1);
		expect(sign('22631.6494', '19045.6811')).toBe(1);
		expect(sign('9999.1', '10000.0')).toBe(-1);
	});

	it('matches the fixed build of every row of the incident table at the boundary', () => {
		const rows: [broken: string, fixed: string, later: string][] = [
			['26200.7623', '26200.7627', '26200.7628'],
			['26100.7623', '26100.7627', '26100.7628'],
			['22631.6491', '22631.6494', '22631.6495'],
			['19045.6809', '19045.6811', '19045.6812'],
			['26100.32230', '26100.32234', '26100.32236'],
			['20348.4648', '20348.4650', '20348.4651'],
			['17763.8276', '17763.8280', '17763.8281'],
		];
		for (const [broken, fixed, later] of rows) {
			expect(sign(broken, fixed)).toBe(-1);
			expect(sign(fixed, fixed)).toBe(0);
			expect(sign(later, fixed)).toBe(1);
		}
	});

	it('counts missing parts as 0', () => {
		expect(sign('26100', '26100.0')).toBe(0);
		expect(sign('26100', '26100.1')).toBe(-1);
		expect(sign('26101', '26100.99999')).toBe(1);
		expect(sign('26100.7627.0', '26100.7627')).toBe(0);
	});

	it('sorts a shuffled list of builds numerically', () => {
		const sorted = [
			'19044.6811',
			'19045.6809',
			'19045.6811',
			'22631.999',
			'22631.6491',
			'26100.7623',
			'26100.7627',
			'26100.32230',
			'26200.7627',
		];
		const shuffled = [...sorted].reverse().sort((a, b) => a.localeCompare(b));
		expect(shuffled).not.toEqual(sorted);
		expect(shuffled.sort((a, b) => compareBuilds(build(a), build(b)))).toEqual(sorted);
	});

	it('agrees with a reference ordering on random pairs and is antisymmetric', () => {
		let seed = 42;
		const random = (limit: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed % limit;
		};
		for (let index = 0; index < 2000; index++) {
			const a = [random(3) + 26099, random(40_000)];
			const b = [random(3) + 26099, random(40_000)];
			const expected = Math.sign(a[0]! - b[0]! || a[1]! - b[1]!);
			expect(Math.sign(compareBuilds(a, b))).toBe(expected);
			expect(Math.sign(compareBuilds(b, a))).toBe(-expected || 0);
		}
	});
});
