import {
	closeSync,
	constants,
	existsSync,
	fsyncSync,
	linkSync,
	openSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {randomBytes} from 'node:crypto';
import {flowIdFromFile, newFlowText} from '../flow/new-flow.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {SHIPPED_FLOW} from './open-flow.js';
import {UsageError} from './usage.js';

/**
 * `new FILE`: writes the starting point of a new flow. Never replaces anything: the text goes to
 * a fresh temporary file beside FILE (O_EXCL, so never through a symlink planted there), and is
 * then hard-linked to FILE, which fails if FILE exists in any form, a dangling symlink included.
 * So FILE appears whole or not at all.
 */
export function newCommand(
	files: string[],
	write: (text: string) => void,
	writeError: (text: string) => void,
	today = new Date().toISOString().slice(0, 10),
): number {
	if (files.length !== 1)
		throw new UsageError(
			'new takes one file name, e.g. w365-triage new flows/2026-03-printing.yaml',
		);
	const file = files[0]!;
	if (!/\.ya?ml$/i.test(file))
		throw new UsageError(
			`"${sanitizeText(file)}" does not end in .yaml: name the flow file e.g. flows/2026-03-printing.yaml`,
		);
	const schema = join(dirname(SHIPPED_FLOW), 'flow.schema.json');
	const schemaRef = existsSync(schema)
		? relative(dirname(resolve(file)), schema)
				.split(sep)
				.join('/')
		: undefined;
	const text = newFlowText(
		flowIdFromFile(file),
		today,
		schemaRef && (schemaRef.startsWith('.') ? schemaRef : `./${schemaRef}`),
	);
	const temporary = join(dirname(file), `.${randomBytes(6).toString('hex')}.new-flow.tmp`);
	let descriptor: number | undefined;
	try {
		descriptor = openSync(
			temporary,
			constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
			0o644,
		);
		writeSync(descriptor, text);
		fsyncSync(descriptor);
		closeSync(descriptor);
		descriptor = undefined;
		linkSync(temporary, file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'EEXIST'
				? 'already exists: new never replaces a file; pick another name, or remove it first'
				: code === 'ENOENT'
					? 'cannot be created: its folder does not exist; create the folder first'
					: `cannot be written (${code ?? 'error'}): check the folder's permissions`;
		writeError(`${sanitizeText(file)} ${reason}\n`);
		return 1;
	} finally {
		if (descriptor !== undefined) closeSync(descriptor);
		try {
			unlinkSync(temporary);
		} catch {
			// Never created.
		}
	}
	write(
		`${sanitizeText(file)}: written. Next: edit it, then w365-triage validate ${sanitizeText(file)}\n`,
	);
	return 0;
}
