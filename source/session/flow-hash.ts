/**
 * A session is pinned to the exact flow it walked: answers only mean something against the same
 * nodes and choices, so resume, replay and watch compare this hash before trusting a log.
 */
import {createHash} from 'node:crypto';
import {embeddedFlow} from '../flow/embedded-flow.js';

/** sha256 of the flow file's text, lower-case hex (what `sha256sum` prints for a file without a BOM).
 * The shipped flow's was worked out by the build. */
export function hashFlow(text: string): string {
	const shipped = embeddedFlow();
	if (shipped && text === shipped.source) return shipped.sha256;
	return createHash('sha256').update(text, 'utf8').digest('hex');
}
