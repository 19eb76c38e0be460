/** isoTime writes what Date#toISOString writes, for every date a log or an id can hold. */
import {describe, expect, it} from 'vitest';
import {isoTime} from '../../source/session/iso-time.js';

describe('isoTime', () => {
	it('is toISOString, to the millisecond, across the years and at the edges of each field', () => {
		const dates = [
			0,
			Date.UTC(2026, 0, 15, 9, 5, 7, 3),
			Date.UTC(2026, 11, 31, 23, 59, 59, 999),
			Date.UTC(2000, 1, 29, 0, 0, 0, 0),
			Date.UTC(9999, 11, 31, 23, 59, 59, 999),
			new Date('0000-01-01T00:00:00.000Z').getTime(),
			new Date('0099-03-04T05:06:07.089Z').getTime(),
			Date.now(),
		];
		let seed = 7;
		for (let index = 0; index < 2000; index++) {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			dates.push(new Date('1970-01-01T00:00:00Z').getTime() + seed * 1234.567);
		}
		for (const time of dates) {
			const date = new Date(Math.floor(time));
			expect(isoTime(date)).toBe(date.toISOString());
		}
	});

	it('leaves other years, and invalid dates, to toISOString', () => {
		const far = new Date('+010000-01-01T00:00:00.000Z');
		expect(isoTime(far)).toBe('+010000-01-01T00:00:00.000Z');
		const before = new Date('-000001-12-31T23:59:59.999Z');
		expect(isoTime(before)).toBe('-000001-12-31T23:59:59.999Z');
		expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
	});
});
