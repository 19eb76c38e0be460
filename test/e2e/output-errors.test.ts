/**
 * Output that cannot be written — stdout on /dev/full (ENOSPC, like a full disk), or a pipe whose
 * reader has gone (EPIPE) — is one line on stderr and exit 1, never a stack trace.
 */
import {spawn} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {BINARY} from '../helpers/run-binary.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function run(
	args: string[],
	stdout: number | 'pipe-closed',
	input = '',
): Promise<{code: number | null; stderr: string}> {
	const base = mkdtempSync(join(tmpdir(), 'w365-output-'));
	made.push(base);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BINARY, ...args], {
			env: {
				...process.env,
				LANG: 'en_US.UTF-8',
				NO_COLOR: '1',
				XDG_CONFIG_HOME: join(base, 'config'),
			},
			stdio: ['pipe', stdout === 'pipe-closed' ? 'pipe' : stdout, 'pipe'],
		});
		// The reader goes away before the program writes anything.
		if (stdout === 'pipe-closed') child.stdout!.destroy();
		let stderr = '';
		child.stderr!.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({code, stderr}));
		child.stdin!.end(input);
	});
}

const LINE =
	/^w365-triage: cannot write to standard output \((ENOSPC: no space left on device|EPIPE: the program reading it has stopped)\); nothing more is written\. Free some space or send the output elsewhere\.$/;

describe.skipIf(!existsSync('/dev/full'))('standard output that cannot be written', () => {
	it.each([
		[['--help']],
		[['--version']],
		[['validate', EXAMPLE_FLOW]],
		[['graph', '--flow', EXAMPLE_FLOW]],
		[['sessions']],
		[['--flow', EXAMPLE_FLOW, '--plain', '--no-detect', '--lang', 'en']],
	])('%j > /dev/full: one line, exit 1', async (args) => {
		const full = openSync('/dev/full', 'w');
		try {
			const result = await run(args, full, '2\n1\n');
			expect(result.code).toBe(1);
			expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(LINE)]);
		} finally {
			closeSync(full);
		}
	});

	it('a reader that went away (EPIPE): one line, exit 1', async () => {
		const result = await run(['graph', '--flow', EXAMPLE_FLOW], 'pipe-closed');
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(LINE)]);
	});
});
