/** Options several commands share, parsed the same way everywhere (bad values are usage errors). */
import {isoTime} from '../session/iso-time.js';
import type {Language} from '../flow/schema.js';
import {UsageError} from './usage.js';

/** --lang ja|en. */
export function parseLanguage(value: string | undefined): Language | undefined {
	if (value === undefined) return undefined;
	if (value === 'ja' || value === 'en') return value;
	throw new UsageError(`--lang "${value}" is not supported: use --lang ja or --lang en`);
}

/** --as-of YYYY-MM-DD (default today), for the flow's review-by warning. */
export function parseAsOf(value: string | undefined): string {
	if (value === undefined) return isoTime(new Date()).slice(0, 10);
	if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
	throw new UsageError(
		`--as-of "${value}" is not a date: write it as YYYY-MM-DD, e.g. --as-of 2026-06-01`,
	);
}
