/**
 * Reads a flow file from disk before any parsing: it must be a regular file, at most
 * MAX_FLOW_BYTES, and UTF-8 text. Each refusal is one finding.
 */
import {readFileSync, statSync} from 'node:fs';
import {decodeUtf8} from './decode-flow-bytes.js';
import type {Finding, Position} from './findings.js';

/** Far above any real flow (the shipped one is ~60 KB; a 10,000-node test flow ~4 MB). */
export const MAX_FLOW_BYTES = 8 * 1024 * 1024;

/** The file's text, or the one finding that says why it cannot be read as a flow. */
export function readFlowFile(file: string): {text: string} | {finding: Finding} {
	const fail = (code: Finding['code'], message: string, position?: Position) => ({
		finding: {file, code, message, position},
	});
	let size: number;
	try {
		const stat = statSync(file);
		if (!stat.isFile()) {
			return fail('W365E006', 'is not a file: give the path of a .yaml flow file');
		}
		size = stat.size;
	} catch (error) {
		const reason =
			(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
		return fail('W365E006', `${reason}: check the path and permissions`);
	}
	if (size > MAX_FLOW_BYTES) {
		return fail(
			'W365E004',
			`is ${formatBytes(size)}; flow files are limited to ${formatBytes(MAX_FLOW_BYTES)}: split the flow or check that this is the right file`,
			{line: 1, column: 1},
		);
	}
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch {
		return fail('W365E006', 'cannot be read: check the permissions');
	}
	const decoded = decodeUtf8(bytes);
	if (typeof decoded !== 'string') return fail('W365E003', decoded.message, decoded.position);
	return {text: decoded};
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.ceil(bytes / 1024)} KB`;
}
