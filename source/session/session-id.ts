/**
 * Session ids sort by time as plain strings (ls, `sessions`, "the newest"): UTC date and time,
 * then 64 random bits, so two sessions started in the same second never collide and nobody can
 * guess (and plant) the next id; a taken one is retried all the same (session-log.ts).
 */
import {randomBytes} from 'node:crypto';
import {closeSync, openSync, readSync} from 'node:fs';
import {isoTime} from './iso-time.js';

export const SESSION_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4,}$/;

export function newSessionId(now: Date = new Date(), random: string = randomHex(8)): string {
	// UTC, not local time: local clocks jump at daylight-saving changes and would break the order.
	const iso = isoTime(now); // 2026-11-25T18:46:58.123Z
	return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${random}`;
}

export function isSessionId(text: string): boolean {
	return SESSION_ID_PATTERN.test(text);
}

export const SESSION_FILE_EXTENSION = '.jsonl';

export function sessionFileName(id: string): string {
	return `${id}${SESSION_FILE_EXTENSION}`;
}

/**
 * `bytes` random bytes as hex, from the system's generator: /dev/urandom where there is one (what
 * node:crypto reads from too), since loading node:crypto for them was a fifth of the app's own
 * work before the first question (the bundle loads it on first use: scripts/build-plugins.ts).
 */
export function randomHex(bytes: number): string {
	if (process.platform !== 'win32') {
		try {
			const fd = openSync('/dev/urandom', 'r');
			try {
				const buffer = Buffer.alloc(bytes);
				if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString('hex');
			} finally {
				closeSync(fd);
			}
		} catch {
			// No /dev/urandom (a chroot, a sandbox): node:crypto below.
		}
	}
	return randomBytes(bytes).toString('hex');
}
