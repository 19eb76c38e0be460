/**
 * Whether the flow file a session log names may be shown or replayed. A log can be planted (or
 * mailed in), and its hash only proves that the file has not changed since the log was written,
 * not who wrote either: a planted log naming a planted flow would show someone else's "fix" under
 * the genuine title. So the flow is used only when it is the shipped flow, or a file that the
 * current user (or root) owns, that nobody else can write, in a folder where nobody else can swap
 * it for another file.
 */
import {closeSync, constants, fstatSync, lstatSync, openSync, type Stats} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {embeddedFlow} from '../flow/embedded-flow.js';
import {hashFlow} from './flow-hash.js';
import {currentUid, describeErrno, readText} from './log-file.js';
import {MAX_FLOW_BYTES} from '../flow/read-flow-file.js';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
/** The size limit of every flow file (read-flow-file.ts brings no YAML parser with it). */
const MAX_TRUSTED_BYTES = MAX_FLOW_BYTES;

/** `shipped`: the file holds exactly the flow embedded in the build (no need to parse it again). */
export type FlowTrust = {ok: true; shipped?: boolean} | {ok: false; why: string; missing?: boolean};

/** Checks `file` as the flow a session log names. `why` is a clause: "<file> <why>". */
export function flowTrust(file: string): FlowTrust {
	const uid = currentUid();
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {ok: false, why: 'does not exist', missing: true};
		if (code === 'ELOOP' || code === 'EMLINK')
			return {ok: false, why: 'is a symbolic link, which is not followed for a flow a log names'};
		return {ok: false, why: `cannot be read (${describeErrno(error)})`, missing: true};
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) return {ok: false, why: 'is not a regular file'};
		const shipped = embeddedFlow();
		if (
			shipped !== undefined &&
			stat.size === shipped.bytes &&
			hashFlow(readText(fd, Math.min(stat.size, MAX_TRUSTED_BYTES))) === shipped.sha256
		)
			return {ok: true, shipped: true};
		if (uid === undefined) return {ok: true};
		const owner = ownerProblem(stat, uid);
		if (owner) return {ok: false, why: owner};
		const folder = folderProblem(dirname(resolve(file)), uid);
		if (folder) return {ok: false, why: folder};
		return {ok: true};
	} finally {
		closeSync(fd);
	}
}

function ownerProblem(stat: Stats, uid: number): string | undefined {
	if (stat.uid !== uid && stat.uid !== 0)
		return `belongs to another user (uid ${stat.uid}), not to you or root`;
	if ((stat.mode & 0o022) !== 0) return 'can be changed by other users (group or world writable)';
	return undefined;
}

function folderProblem(dir: string, uid: number): string | undefined {
	let stat: Stats;
	try {
		stat = lstatSync(dir);
	} catch (error) {
		return `is in a folder that cannot be checked (${describeErrno(error)})`;
	}
	if (stat.uid !== uid && stat.uid !== 0)
		return `is in a folder of another user (uid ${stat.uid}), who could swap it`;
	if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0)
		return `is in a folder other users can write (${dir}), where it could be swapped`;
	return undefined;
}

/** The one sentence for a refused flow: names the file and why. */
export function untrustedFlowMessage(file: string, why: string): string {
	return `the flow file this session names, ${file}, ${why}: it is not used. Use a flow file you own (--flow FILE), or start a new session`;
}
