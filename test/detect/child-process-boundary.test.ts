/**
 * Only the probe runner may start processes, and it runs only the fixed probes: no other module
 * in source/ may import child_process (or reach it some other way), so nothing a flow or a user
 * types can ever become a command line.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const SOURCE = fileURLToPath(new URL('../../source', import.meta.url));
const RUNNER = 'detect/run-probe.ts';

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
	});
}

const PROCESS_APIS =
	/child_process|\bexeca\b|cross-spawn|process\.binding\(|\beval\s*\(|new Function\s*\(/;

describe('child processes', () => {
	const files = sourceFiles(SOURCE).map((path) => ({
		name: relative(SOURCE, path).split('\\').join('/'),
		text: readFileSync(path, 'utf8'),
	}));

	it('are started only by the probe runner', () => {
		expect(files.length).toBeGreaterThan(10);
		const offenders = files
			.filter(({name, text}) => name !== RUNNER && PROCESS_APIS.test(text))
			.map(({name}) => name);
		expect(offenders).toEqual([]);
	});

	it('never through a shell, always hidden, killed on a timeout', () => {
		const runner = files.find(({name}) => name === RUNNER)!.text;
		expect(runner).toMatch(/import \{spawn\} from 'node:child_process'/);
		expect(runner).not.toMatch(/\bexec(Sync)?\(|execFileSync|spawnSync|shell: true/);
		expect(runner).toMatch(/shell: false/);
		expect(runner).toMatch(/windowsHide: true/);
		expect(runner).toMatch(/kill\('SIGKILL'\)/);
	});

	it('run only the probes defined in windows-probes.ts', () => {
		const users = files.filter(
			({name, text}) =>
				name !== RUNNER &&
				/from '\.\/run-probe\.js'|from '\.\.\/detect\/run-probe\.js'/.test(text) &&
				/\brunProbe\b/.test(text),
		);
		expect(users.map(({name}) => name)).toEqual(['detect/detect-facts.ts']);
		const detect = users[0]!.text;
		// Every probe detect-facts runs is built by windows-probes.ts from the environment alone.
		expect([...detect.matchAll(/\brun\(([a-zA-Z]+)\(/g)].map((match) => match[1])).toEqual([
			'registryProbe',
			'hotfixProbe',
		]);
	});
});
