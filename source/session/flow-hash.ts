/**
 * A session is pinned to the exact flow it walked: answers only mean something against the same
 * nodes and choices, so resume, replay and watch compare this hash before trusting a log.
 */
import {createHash} from 'node:crypto';

/** sha256 of the flow file's text, lower-case hex (what `sha256sum` prints for a file without a BOM).
 * The shipped flow's is worked out by the build (embedded-flow.ts). */
export function hashFlow(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}
