/**
 * A flows directory (--flows DIR or the flowsDir setting): the flows a helpdesk offers next to the
 * shipped one. The directory is untrusted input: only regular *.yaml / *.yml files are read (never
 * through a symbolic link), the number of files and the bytes read are bounded, every flow is
 * validated before it is offered, and a file the session log's trust rules would refuse on resume
 * (flow-trust.ts) is not offered either. An invalid file is listed with its first finding.
 */
import {closeSync, constants, fstatSync, opendirSync, openSync} from 'node:fs';
import {join} from 'node:path';
import {hashFlow} from './flow-hash.js';
import {flowTrust} from './flow-trust.js';
import {readBytes} from './log-file.js';
import {formatFinding} from '../flow/findings.js';
import {decodeUtf8} from '../flow/decode-flow-bytes.js';
import {loadFlowText} from '../flow/load-flow.js';
import {MAX_FLOW_BYTES} from '../flow/read-flow-file.js';
import type {Flow} from '../flow/schema.js';

/** At most this many flow files are read from a directory (the rest are listed as skipped). */
export const MAX_DIR_FLOWS = 32;
/** At most this many bytes are read from a directory in all. */
export const MAX_DIR_BYTES = 16 * 1024 * 1024;
/** Directory entries looked at, whatever their names: a huge directory never stalls the start. */
const MAX_DIR_ENTRIES = 10_000;

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export type FlowEntry =
	/** `hash`: of the file's text (flow-hash.ts); `bytes`: its size, as read from the directory. */
	| {ok: true; file: string; flow: Flow; hash: string; bytes?: number}
	/** `problem`: the first finding (file:line:column: CODE message) or why the file was not read. */
	| {ok: false; file: string; problem: string};

export type FlowsDirResult = {
	entries: FlowEntry[] /** Why the directory itself could not be read. */;
	problem?: string;
};

/** The flow files of `dir`, in name order, each loaded and validated. */
export function discoverFlows(dir: string): FlowsDirResult {
	let names: string[];
	const skipped: FlowEntry[] = [];
	try {
		names = flowFileNames(dir, (name, why) =>
			skipped.push({ok: false, file: join(dir, name), problem: `${join(dir, name)}: ${why}`}),
		);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			entries: [],
			problem: `${dir}: ${code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : `cannot be read (${code ?? String(error)})`}`,
		};
	}
	const entries: FlowEntry[] = [];
	let budget = MAX_DIR_BYTES;
	for (const name of names.slice(0, MAX_DIR_FLOWS)) {
		const file = join(dir, name);
		const entry = loadEntry(file, budget);
		if (entry.ok) budget -= entry.bytes ?? 0;
		entries.push(entry);
	}
	if (names.length > MAX_DIR_FLOWS) {
		const rest = names.length - MAX_DIR_FLOWS;
		entries.push({
			ok: false,
			file: dir,
			problem: `${dir}: ${rest} more flow file(s) not read, from ${names[MAX_DIR_FLOWS]} on: a flows directory offers at most ${MAX_DIR_FLOWS} flows`,
		});
	}
	return {entries: [...entries, ...skipped.sort((a, b) => (a.file < b.file ? -1 : 1))]};
}

/** The names of the regular flow files; `skip` hears of a flow-named link or other non-file. */
function flowFileNames(dir: string, skip: (name: string, why: string) => void): string[] {
	const handle = opendirSync(dir);
	const names: string[] = [];
	let skipped = 0;
	try {
		for (let seen = 0; seen < MAX_DIR_ENTRIES; seen++) {
			const entry = handle.readSync();
			if (entry === null) break;
			if (!/\.ya?ml$/i.test(entry.name) || entry.name.startsWith('.')) continue;
			// Symbolic links and anything else that is not a file are not read (checked again on open).
			if (entry.isFile()) names.push(entry.name);
			else if (skipped < MAX_DIR_FLOWS) {
				skipped++;
				skip(
					entry.name,
					entry.isSymbolicLink()
						? 'is a symbolic link, which is not followed in a flows directory: copy the file here'
						: 'is not a regular file',
				);
			}
		}
	} finally {
		handle.closeSync();
	}
	return names.sort();
}

function loadEntry(file: string, budget: number): FlowEntry {
	const trust = flowTrust(file);
	if (!trust.ok) return {ok: false, file, problem: `${file}: ${trust.why}`};
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
	} catch (error) {
		return {
			ok: false,
			file,
			problem: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
		};
	}
	let bytes: Buffer;
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) return {ok: false, file, problem: `${file}: not a regular file`};
		if (stat.size > MAX_FLOW_BYTES)
			return {
				ok: false,
				file,
				problem: `${file}:1:1: W365E004 file too large (${stat.size} bytes; at most ${MAX_FLOW_BYTES})`,
			};
		if (stat.size > budget)
			return {
				ok: false,
				file,
				problem: `${file}: not read: the flows in a directory are at most ${MAX_DIR_BYTES} bytes in all`,
			};
		bytes = readBytes(fd, stat.size); // a file that grew meanwhile is cut there, then fails validation
	} catch (error) {
		return {
			ok: false,
			file,
			problem: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
		};
	} finally {
		closeSync(fd);
	}
	const text = decodeUtf8(bytes);
	if (typeof text !== 'string')
		return {
			ok: false,
			file,
			problem: formatFinding({
				file,
				code: 'W365E003',
				message: text.message,
				position: text.position,
			}),
		};
	const loaded = loadFlowText(text, file);
	if (!loaded.flow) return {ok: false, file, problem: formatFinding(loaded.findings[0]!)};
	return {ok: true, file, flow: loaded.flow, hash: hashFlow(text), bytes: Buffer.byteLength(text)};
}

/**
 * The flows to offer: the shipped flow first, then the directory's valid ones. A flow whose id is
 * already offered is listed as a problem (the first answer of --answers may pick a flow by id).
 */
export function offeredFlows(
	shipped: {file: string; flow: Flow; hash: string},
	found: FlowEntry[],
): FlowEntry[] {
	const offered: FlowEntry[] = [{ok: true, ...shipped}];
	const ids = new Map<string, string>([[shipped.flow.id, shipped.file]]);
	for (const entry of found) {
		if (entry.ok && ids.has(entry.flow.id)) {
			offered.push({
				ok: false,
				file: entry.file,
				problem: `${entry.file}: flow id "${entry.flow.id}" is already offered by ${ids.get(entry.flow.id)}: give this flow its own id`,
			});
			continue;
		}
		if (entry.ok) ids.set(entry.flow.id, entry.file);
		offered.push(entry);
	}
	return offered;
}
