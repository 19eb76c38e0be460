/**
 * Every string in a value passed through sanitizeText, for JSON printed from a log: JSON escapes
 * C0 controls but not C1 ones (0x80–0x9f), which some terminals obey.
 */
import {sanitizeText} from '../terminal/sanitize-text.js';

export function sanitizeDeep(value: unknown): unknown {
	if (typeof value === 'string') return sanitizeText(value);
	if (Array.isArray(value)) return value.map(sanitizeDeep);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [sanitizeText(key), sanitizeDeep(entry)]),
		);
	}
	return value;
}
