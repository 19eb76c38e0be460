/**
 * Times in exports as people on a call say them: the exporting machine's local time with its
 * offset from UTC ("2026-01-20 18:15:00 +09:00"), so a ticket read in another zone still says
 * exactly when. The log itself keeps UTC (ISO 8601) and the JSON export passes it on unchanged.
 */

/** Minutes east of UTC at that moment (daylight saving included); tests pass their own. */
export type UtcOffset = (iso: string) => number;

export const localOffset: UtcOffset = (iso) => -new Date(iso).getTimezoneOffset();

export function localTime(iso: string, offset: UtcOffset = localOffset): string {
	const utc = Date.parse(iso);
	if (Number.isNaN(utc)) return iso;
	const minutes = offset(iso);
	const shifted = new Date(utc + minutes * 60_000);
	const two = (value: number) => String(value).padStart(2, '0');
	const date = `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())}`;
	const time = `${two(shifted.getUTCHours())}:${two(shifted.getUTCMinutes())}:${two(shifted.getUTCSeconds())}`;
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${date} ${time} ${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
