/**
 * The package as `npx w365-triage` gets it: `npm pack`, installed offline into an empty prefix
 * outside the repository (so no node_modules of ours is in reach), then run from there: --version,
 * --help, validate, a scripted walk that logs, a resumed session, an export, and the first frame
 * in a pseudo-terminal, recording which files of the bundle were loaded for it.
 */
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// 410 KB on 2026-12-02 (was 309 KB): the shipped flow grew with the build table and the new
// branches (its text is in flows/ and embedded in dist/), the JSON Schema describes every key, and
// BudouX's Japanese model and the detection worker are bundled. The cap catches a dependency
// bundled by mistake, which adds hundreds of KB.
const MAX_TARBALL = 480 * 1024;

const scratch = mkdtempSync(join(tmpdir(), 'w365-pack-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

let tarball = '';
let packageDir = '';
let bin = '';

/** Runs the installed app with this test's Node, from a directory outside the repository. */
function run(
	args: string[],
	input = '',
): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, ...args], {
			cwd: scratch,
			env: {
				...process.env,
				HOME: join(scratch, 'home'),
				XDG_CONFIG_HOME: join(scratch, 'home', '.config'),
				LANG: 'en_US.UTF-8',
				LC_ALL: '',
				NO_COLOR: '1',
			},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({code, stdout, stderr}));
		child.stdin.end(input);
	});
}

beforeAll(() => {
	// dist/ is already built (vitest's globalSetup); packing must not rebuild it under the other
	// tests' feet, hence --ignore-scripts.
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	) as {filename: string}[];
	tarball = join(scratch, packed[0]!.filename);
	const prefix = join(scratch, 'prefix');
	mkdirSync(prefix);
	mkdirSync(join(scratch, 'home'));
	// --offline with an empty cache: the install fails if it needs anything from a registry.
	execFileSync(
		'npm',
		[
			'install',
			'--offline',
			'--no-audit',
			'--no-fund',
			'--cache',
			join(scratch, 'empty-cache'),
			'--prefix',
			prefix,
			tarball,
		],
		{
			cwd: scratch,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	packageDir = join(prefix, 'node_modules', 'w365-triage');
	bin = join(packageDir, 'bin', 'w365-triage.cjs');
}, 120_000);

/** A person's terminal (Ink draws only a final frame when CI is set). */
function terminalEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOME: join(scratch, 'home'),
		LANG: 'en_US.UTF-8',
		LC_ALL: '',
		TERM: 'xterm-256color',
	};
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'ACCESSIBLE']) delete env[name];
	return env;
}

/** The chunks of dist/app.js (scripts/build.ts), by name, with what each requires: other
 * chunks at once (static) or when a dynamic import runs, and Node's own modules. */
function appChunks(
	file: string,
): Map<string, {text: string; statics: string[]; dynamics: string[]; bare: string[]}> {
	const app = readFileSync(file, 'latin1');
	const heads = [
		...app.matchAll(/"(\.\/[\w-]+\.js)":function\(exports,require,module,__w365_app_url\)\{/g),
	];
	const chunks = new Map<
		string,
		{text: string; statics: string[]; dynamics: string[]; bare: string[]}
	>();
	heads.forEach((head, index) => {
		const text = app.slice(head.index!, heads[index + 1]?.index ?? app.length);
		const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
		const dynamics = [
			...text.matchAll(/Promise\.resolve\(\)\.then\(\(\)=>[\w$]+\(require\("([^"]+)"\)\)\)/g),
		].map((match) => match[1]!);
		const local = (name: string) => name.startsWith('./');
		chunks.set(head[1]!, {
			text,
			statics: required.filter((name) => local(name) && !dynamics.includes(name)),
			dynamics,
			bare: required.filter((name) => !local(name)),
		});
	});
	return chunks;
}

describe('the published package', () => {
	it('is one small tarball of bin/, dist/, flows/, README, LICENSE and package.json, with no dependencies', () => {
		expect(statSync(tarball).size).toBeLessThanOrEqual(MAX_TARBALL);
		const listed = execFileSync('tar', ['tzf', tarball], {encoding: 'utf8'})
			.trim()
			.split('\n')
			.sort();
		const tops = new Set(listed.map((path) => path.replace(/^package\//, '').split('/')[0]));
		expect([...tops].sort()).toEqual([
			'LICENSE',
			'README.md',
			'bin',
			'dist',
			'flows',
			'package.json',
		]);
		expect(listed).toContain('package/dist/app.js');
		expect(listed).toContain('package/dist/start.cjs');
		expect(listed).toContain('package/flows/w365-avd-2026-01.yaml');
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.bin).toEqual({'w365-triage': 'bin/w365-triage.cjs'});
		// The install holds this package alone: nothing was fetched for it.
		expect(readdirSync(join(packageDir, '..')).filter((name) => !name.startsWith('.'))).toEqual([
			'w365-triage',
		]);
	});

	it("needs nothing outside dist/ at run time: every chunk it requires is in the bundle, everything else is Node's own", () => {
		const dist = join(packageDir, 'dist');
		// yoga.wasm: yoga-layout's WebAssembly, read when Ink loads (scripts/build-plugins.ts).
		expect(readdirSync(dist).sort()).toEqual([
			'THIRD-PARTY-NOTICES.txt',
			'app.js',
			'start.cjs',
			'yoga.wasm',
		]);
		const builtins = new Set(
			spawnSync(process.execPath, ['-p', 'require("module").builtinModules.join(" ")'], {
				encoding: 'utf8',
			})
				.stdout.trim()
				.split(' '),
		);
		const isBuiltin = (name: string) => builtins.has(name.replace(/^node:/, ''));
		const chunks = appChunks(join(dist, 'app.js'));
		expect(chunks.size).toBeGreaterThan(10);
		expect(chunks.has('./cli.js')).toBe(true);
		for (const [name, chunk] of chunks) {
			for (const required of [...chunk.statics, ...chunk.dynamics])
				expect(chunks.has(required), `${name} requires ${required}`).toBe(true);
			for (const required of chunk.bare)
				expect(isBuiltin(required), `${name} requires ${required}`).toBe(true);
		}
		// The loader needs Node's own modules only.
		const loader = readFileSync(join(dist, 'start.cjs'), 'utf8');
		for (const match of loader.matchAll(/require\("([^"]+)"\)/g))
			expect(isBuiltin(match[1]!), `start.cjs requires ${match[1]}`).toBe(true);
		// cli.js installs the lazy Intl.Segmenter (source/terminal/lazy-segmenter.ts) before the commands
		// load: nothing it requires at once may create a segmenter first.
		const reached = new Set<string>();
		const visit = (name: string) => {
			if (reached.has(name)) return;
			reached.add(name);
			for (const required of chunks.get(name)!.statics) visit(required);
		};
		visit('./cli.js');
		for (const name of reached)
			expect(chunks.get(name)!.text, name).not.toContain('new Intl.Segmenter');
	});

	it('carries its licence and the licences of every package its bundle contains', () => {
		expect(readFileSync(join(packageDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
		const notices = readFileSync(join(packageDir, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
		// What the app is made of, and systeminformation, which only the detection worker holds.
		for (const name of ['ink', 'react', 'react-reconciler', 'yaml', 'conf', 'systeminformation']) {
			const manifest = JSON.parse(
				readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
			) as {version: string; license: string};
			expect(notices, name).toContain(`- ${name} ${manifest.version} (${manifest.license})\n`);
			const licence = readdirSync(join(ROOT, 'node_modules', name)).find((file) =>
				/^licen[cs]e/i.test(file),
			)!;
			expect(notices, name).toContain(
				readFileSync(join(ROOT, 'node_modules', name, licence), 'utf8').trim(),
			);
		}
		// Nothing of the build tools is listed, and package.json is not in the bundle: the version
		// is written in by the build.
		expect(notices).not.toMatch(/^- (esbuild|vitest|typescript) /m);
		for (const file of readdirSync(join(packageDir, 'dist')))
			expect(readFileSync(join(packageDir, 'dist', file), 'utf8'), file).not.toContain(
				'devDependencies',
			);
	});

	it('prints its version and its help', async () => {
		const version = await run(['--version']);
		expect(version).toMatchObject({code: 0, stdout: `${packageJson.version}\n`});
		const help = await run(['--help']);
		expect(help.code).toBe(0);
		for (const command of [
			'validate FILE',
			'graph',
			'sessions',
			'export [SESSION]',
			'watch [SESSION]',
			'--flow FILE',
			'--resume [SESSION]',
			'Examples:',
		]) {
			expect(help.stdout).toContain(command);
		}
		const wrong = await run(['--nope']);
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toContain('--help');
	});

	it('validates the flows it ships', async () => {
		const flows = join(packageDir, 'flows');
		const result = await run([
			'validate',
			join(flows, 'w365-avd-2026-01.yaml'),
			join(flows, 'example.yaml'),
		]);
		expect(result.stderr).toBe('');
		expect(result).toMatchObject({code: 0});
		expect(result.stdout).toContain('2 file(s) checked, no problems');
	});

	it('walks the shipped flow to an outcome and logs it against the installed flow file', async () => {
		const logDir = join(scratch, 'logs-walk');
		const result = await run([
			'--no-detect',
			'--lang',
			'en',
			'--answers',
			'auth-failure,after-update,other,helpdesk',
			'--json',
			'--log-dir',
			logDir,
		]);
		expect(result.code).toBe(0);
		const state = JSON.parse(result.stdout) as {outcome: string; session: {log: string}};
		expect(state.outcome).toBe('escalate');
		const start = JSON.parse(readFileSync(state.session.log, 'utf8').split('\n')[0]!) as {
			flow: {file: string; hash: string};
		};
		const shipped = join(packageDir, 'flows', 'w365-avd-2026-01.yaml');
		// The flow is embedded in the bundle, but the log names the file and the hash of its text.
		expect(start.flow.file).toBe(shipped);
		expect(start.flow.hash).toBe(createHash('sha256').update(readFileSync(shipped)).digest('hex'));
	});

	it('resumes a session and exports it, loading the flow from the file the log names', async () => {
		const logDir = join(scratch, 'logs-resume');
		const first = await run([
			'--no-detect',
			'--lang',
			'en',
			'--answers',
			'auth-failure',
			'--json',
			'--log-dir',
			logDir,
		]);
		expect(first.code).toBe(130);
		const {session} = JSON.parse(first.stdout) as {session: {id: string}};
		const resumed = await run([
			'--resume',
			session.id,
			'--no-detect',
			'--lang',
			'en',
			'--answers',
			'after-update,other,helpdesk',
			'--json',
			'--log-dir',
			logDir,
		]);
		expect(resumed.stderr).not.toContain('changed');
		expect(resumed.code).toBe(0);
		expect((JSON.parse(resumed.stdout) as {outcome: string}).outcome).toBe('escalate');
		const exported = await run(['export', session.id, '--format', 'json', '--log-dir', logDir]);
		expect(exported.code).toBe(0);
		expect(exported.stdout).toContain('"outcome"');
	});

	it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
		'draws the first question in a terminal without loading the YAML parser, systeminformation, the exporters or the session commands',
		() => {
			// A preload writes down every chunk of dist/app.js the app runs, as the loader
			// (source/load-app.ts) looks it up in the object the bundle's script returns.
			const loaded = join(scratch, 'loaded.txt');
			writeFileSync(
				join(scratch, 'record-chunks.cjs'),
				`const {appendFileSync} = require('node:fs');\nconst vm = require('node:vm');\nconst run = vm.Script.prototype.runInThisContext;\nvm.Script.prototype.runInThisContext = function (...args) {\n\tconst chunks = run.apply(this, args);\n\treturn new Proxy(chunks, {get(target, name) {\n\t\tif (typeof name === 'string' && Object.hasOwn(target, name)) appendFileSync(${JSON.stringify(loaded)}, name + '\\n');\n\t\treturn target[name];\n\t}});\n};\n`,
			);
			const probe = spawnSync(
				'python3',
				[
					join(ROOT, 'scripts', 'pty-probe.py'),
					'--marker',
					'Step 1 · symptom',
					'--',
					process.execPath,
					'--require',
					join(scratch, 'record-chunks.cjs'),
					bin,
					'--no-detect',
					'--log-dir',
					join(scratch, 'logs-tty'),
				],
				{cwd: scratch, encoding: 'utf8', env: terminalEnv(), timeout: 60_000},
			);
			expect(probe.status, probe.stdout + probe.stderr).toBe(0);
			const dist = join(packageDir, 'dist');
			const chunks = appChunks(join(dist, 'app.js'));
			const names = [...new Set(readFileSync(loaded, 'utf8').trim().split('\n'))];
			expect(names).toContain('./cli.js');
			expect(names.length).toBeGreaterThan(1);
			expect(names.length).toBeLessThan(chunks.size);
			const text = names.map((name) => chunks.get(name)!.text).join('\n');
			// A string each of them carries, checked to be somewhere in the bundle.
			const everything = readFileSync(join(dist, 'app.js'), 'latin1');
			const signatures: [string, string][] = [
				['the YAML parser', 'Implicit keys need to be on a single line'],
				['systeminformation', 'Win32_OperatingSystem'],
				['the Mermaid exporter', 'flowchart'],
				['the DOT exporter', 'digraph'],
				['the session export', 'default user'],
			];
			for (const [what, signature] of signatures) {
				expect(everything, what).toContain(signature);
				expect(text.includes(signature), `${what} was loaded for the first frame`).toBe(false);
			}
		},
		60_000,
	);
});
