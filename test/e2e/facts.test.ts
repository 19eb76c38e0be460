/** Facts end to end: real detection on this (Linux) machine, facts given by hand, bad values. */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';

const dir = mkdtempSync(join(tmpdir(), 'w365-facts-'));
const write = (name: string, text: string) => {
	const file = join(dir, name);
	writeFileSync(file, text);
	return file;
};

describe('facts (real binary, shipped flow)', () => {
	it('on Linux, detection says this is not the affected PC, and the flow asks instead', async () => {
		const result = await runBinary([
			'--lang',
			'en',
			'--answers',
			'auth-failure,after-update',
			'--json',
		]);
		expect(result.stderr).toContain('Detecting this computer…');
		expect(result.stderr).toContain(
			"This computer is not the PC that fails to connect (it is not Windows): answer for the user's PC.",
		);
		expect(result.stderr).toContain('── Step 4 · ask-os ──');
		const state = JSON.parse(result.stdout);
		expect(state.facts['app.role']).toEqual({
			value: 'admin-box',
			origin: 'detected',
			via: 'process.platform',
		});
		expect(state.facts['os.build']).toBeUndefined();
	});

	it('--no-detect skips detection', async () => {
		const result = await runBinary([
			'--lang',
			'en',
			'--no-detect',
			'--answers',
			'auth-failure,after-update',
			'--json',
		]);
		expect(result.stderr).not.toContain('Detecting');
		expect(JSON.parse(result.stdout).facts).toEqual({});
	});

	it("with --fact, an admin gets the route the user's PC would get: 24H2 before the fix → KB5077744 / 26100.7627", async () => {
		const result = await runBinary([
			'--lang',
			'en',
			'--answers',
			'auth-failure,after-update',
			'--fact',
			'os.product=Windows 11',
			'--fact',
			'os.version=24H2',
			'--fact',
			'os.build=26100.7623',
		]);
		expect(result.stdout).toContain('OS build: 26100.7623 (given by --fact)');
		expect(result.stdout).toMatch(/── Step \d+ · fix ──\nOn Windows 11 24H2,/);
		expect(result.stdout).toContain('KB5077744');
		expect(result.stdout).toContain('26100.7627');
	});

	it('with a --facts file: Server 2025 at 26100.32230 is not taken for a fixed Windows 11 24H2', async () => {
		const file = write(
			'server.json',
			JSON.stringify({'os.product': 'Windows Server 2025', 'os.build': '26100.32230'}),
		);
		const result = await runBinary([
			'--lang',
			'en',
			'--answers',
			'auth-failure,after-update',
			'--facts',
			file,
		]);
		expect(result.stdout).toContain(
			'Windows product: Windows Server 2025 (from --facts file: server.json)',
		);
		expect(result.stdout).toMatch(/── Step \d+ · fix ──\nOn Windows Server 2025,/);
		expect(result.stdout).toContain('KB5077793');
		expect(result.stdout).not.toContain('already-fixed ──');
	});

	it('a build at or past the fix goes to "already fixed"', async () => {
		const result = await runBinary([
			'--lang',
			'en',
			'--answers',
			'auth-failure,after-update',
			'--fact',
			'os.product=Windows 11',
			'--fact',
			'os.version=24H2',
			'--fact',
			'os.build=26100.7628',
		]);
		expect(result.stdout).toMatch(/── Step \d+ · already-fixed ──/);
	});

	it.each([
		[
			'bad.json',
			'{"os.build": "abc"}',
			/bad\.json:1:14: os\.build "abc" is not valid: expected CurrentBuild\.UBR/,
		],
		['syntax.json', '{\n  "os.build": "26100.7623",\n}', /syntax\.json:3:1: /],
		['unknown.json', '{"os.buidl": "26100.7623"}', /unknown fact "os\.buidl".*os\.build/],
	])('refuses a bad facts file %s with file:line:column (exit 2)', async (name, text, message) => {
		const result = await runBinary(['--facts', write(name, text)]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr).not.toMatch(/^\s+at /m);
	});

	it('refuses a facts file that does not exist (exit 2)', async () => {
		const result = await runBinary(['--facts', join(dir, 'missing.json')]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('missing.json');
	});
});
