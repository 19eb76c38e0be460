/**
 * Several flows from a flows directory (--flows DIR or the flowsDir setting), as the built binary
 * shows them: the first "What is the problem?" menu in line mode (piped input and --answers, by
 * number or flow id) and in the terminal UI, the invalid flow listed with its first finding and
 * never offered, --flow winning, and a session begun from the menu that resumes.
 */
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

const EXAMPLE = fileURLToPath(
	new URL('../../docs/examples/start-menu-2026-03.yaml', import.meta.url),
);
const scratch = mkdtempSync(join(tmpdir(), 'w365-flows-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

// Two valid flows and one invalid one.
const flows = join(scratch, 'flows');
mkdirSync(flows, {mode: 0o700});
copyFileSync(EXAMPLE, join(flows, 'start-menu.yaml'));
writeFileSync(
	join(flows, 'printing.yml'),
	readFileSync(EXAMPLE, 'utf8')
		.replace('id: start-menu-2026-03', 'id: printing-2026-04')
		.replace(/\(Example\) Start menu[^\n]*/, 'Printing stopped after the April update'),
);
writeFileSync(
	join(flows, 'broken.yaml'),
	'id: broken\nversion: "1"\nnodes:\n  a: {kind: end, outcome: resolved, bogus: 1}\n',
);

const logDir = (name: string) => join(scratch, 'logs', name);
const base = (name: string) => [
	'--plain',
	'--no-detect',
	'--lang',
	'en',
	'--log-dir',
	logDir(name),
];

describe('a flows directory in line mode', () => {
	it('asks "What is the problem?" with every valid flow, the shipped one first, and lists the invalid one', async () => {
		const result = await runBinary([...base('menu'), '--flows', flows], {input: '3\n1\n'});
		const menu = result.stdout.slice(0, result.stdout.indexOf('Answer 1-3'));
		expect(menu).toContain('What is the problem?');
		expect(menu).toMatch(
			/ {2}1\. Can't connect to Windows 365 \/ AVD[^\n]*\(w365-avd-2026-01 [^\n]*\n {2}2\. Printing stopped after the April update \(printing-2026-04 1\.0\.0\)\n {2}3\. \(Example\) Start menu/,
		);
		expect(menu).toMatch(
			new RegExp(
				`Not offered[^\\n]*\\n {2}- ${join(flows, 'broken.yaml')}:\\d+:\\d+: W365E0\\d\\d `,
			),
		);
		// Nothing of any flow is shown before the choice.
		expect(menu).not.toContain('Step 1');
		// The third flow runs as --flow FILE would: its first question, answered by the next line.
		expect(result.stdout).toContain(
			'(Example) Start menu does not open after the March 2026 update (start-menu-2026-03 1.0.0)\n',
		);
		expect(result.stdout).toContain('── Step 2 · check-build ──');
		const [log] = readdirSync(logDir('menu'));
		const start = JSON.parse(readFileSync(join(logDir('menu'), log!), 'utf8').split('\n')[0]!);
		expect(start.flow).toMatchObject({
			id: 'start-menu-2026-03',
			file: join(flows, 'start-menu.yaml'),
		});
	});

	it('takes the flow from the first --answers entry, by id or number, in Japanese too', async () => {
		const byId = await runBinary([
			...base('by-id'),
			'--flows',
			flows,
			'--lang',
			'ja',
			'--answers',
			'printing-2026-04,1',
			'--json',
		]);
		expect(byId.stderr).toContain('どのような問題ですか？');
		expect(JSON.parse(byId.stdout).path.slice(0, 2)).toMatchObject([
			{node: 'symptom', answer: 'start-menu'},
			{node: 'check-build'},
		]);
		const [log] = readdirSync(logDir('by-id'));
		expect(readFileSync(join(logDir('by-id'), log!), 'utf8')).toContain('"id":"printing-2026-04"');
		const shipped = await runBinary([...base('by-number'), '--flows', flows, '--answers', '1'], {
			input: '',
		});
		expect(shipped.stdout).toContain('Answer 1-3 (q quit): 1\n');
		expect(shipped.stdout).toContain('(w365-avd-2026-01 ');
	});

	it('refuses an answer that picks no flow with exit 2, and leaves no session', async () => {
		const scripted = await runBinary([...base('refused'), '--flows', flows, '--answers', 'broken']);
		expect(scripted.code).toBe(2);
		expect(scripted.stderr).toContain('"broken" is not one of the flows: answer 1-3 or a flow id.');
		const piped = await runBinary([...base('refused'), '--flows', flows], {input: '4\n'});
		expect(piped.code).toBe(2);
		const quit = await runBinary([...base('refused'), '--flows', flows], {input: 'q\n'});
		expect(quit.code).toBe(130);
		expect(() => readdirSync(logDir('refused'))).toThrow();
	});

	it('--flow FILE wins over the directory; one valid flow shows no menu', async () => {
		const direct = await runBinary([...base('direct'), '--flows', flows, '--flow', EXAMPLE], {
			input: '',
		});
		expect(direct.stdout).not.toContain('What is the problem?');
		expect(direct.stdout).toContain('(start-menu-2026-03 1.0.0)');
		const lonely = join(scratch, 'lonely');
		mkdirSync(lonely, {mode: 0o700});
		writeFileSync(join(lonely, 'broken.yaml'), 'nodes: [\n');
		const one = await runBinary([...base('one'), '--flows', lonely], {input: ''});
		expect(one.stdout).not.toContain('What is the problem?');
		expect(one.stdout).toContain('(w365-avd-2026-01 ');
		expect(one.stderr).toContain(`--flows: not offered: ${join(lonely, 'broken.yaml')}:1:`);
	});

	it('a missing --flows directory is a usage error; a bad flowsDir setting never stops a triage', async () => {
		const missing = await runBinary([...base('missing'), '--flows', join(scratch, 'nope')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain(`--flows ${join(scratch, 'nope')}: no such directory`);
		const config = join(scratch, 'config');
		mkdirSync(join(config, 'w365-triage-nodejs'), {recursive: true});
		writeFileSync(
			join(config, 'w365-triage-nodejs', 'config.json'),
			JSON.stringify({flowsDir: join(scratch, 'nope')}),
		);
		const setting = await runBinary(base('setting'), {input: '', env: {XDG_CONFIG_HOME: config}});
		expect(setting.stderr).toContain('flowsDir');
		expect(setting.stdout).toContain('(w365-avd-2026-01 ');
	});

	it("offers the flowsDir setting's flows, and a session begun from the menu resumes with its flow", async () => {
		const config = join(scratch, 'config-ok');
		mkdirSync(join(config, 'w365-triage-nodejs'), {recursive: true});
		writeFileSync(
			join(config, 'w365-triage-nodejs', 'config.json'),
			JSON.stringify({flowsDir: flows}),
		);
		const env = {XDG_CONFIG_HOME: config};
		const first = await runBinary(base('resume'), {input: 'start-menu-2026-03\n', env});
		expect(first.stdout).toContain('What is the problem?');
		expect(first.code).toBe(130);
		const resumed = await runBinary([...base('resume'), '--resume', '--answers', '1', '--json'], {
			env,
		});
		expect(resumed.stdout).not.toBe('');
		expect(JSON.parse(resumed.stdout).path.slice(0, 2)).toMatchObject([
			{node: 'symptom', answer: 'start-menu'},
			{node: 'check-build'},
		]);
		expect(resumed.stderr).not.toContain('What is the problem?');
	});
});

describe('a flows directory in the terminal UI', () => {
	let terminal: Terminal | undefined;
	afterEach(() => terminal?.close());

	it('draws the menu at 80x24; keys typed together pick the third flow, which starts at its first question', async () => {
		terminal = startTerminal(['--flows', flows, '--no-detect', '--log-dir', logDir('ink')], {
			columns: 80,
			rows: 24,
		});
		const screen = await terminal.waitFor('Enter open');
		expect(screen).toContain('What is the problem?');
		expect(screen).toMatch(/❯ 1\. Can't connect to Windows 365/);
		expect(screen).toContain('2. Printing stopped after the April update');
		expect(screen).toMatch(/broken\.yaml:\d+:\d+: W365E0\d\d/);
		terminal.keysAtOnce('Down', 'Down', 'Enter');
		const walk = await terminal.waitFor('Step 1 · symptom');
		expect(walk).toContain('(Example) Start menu does not open');
		expect(walk).not.toContain('What is the problem?');
		terminal.keys('q');
		expect((await terminal.afterExit()).exitCode).toBe(130);
	});

	it('takes keys typed before the menu is drawn (Japanese, 40x20); q at the menu leaves no session', async () => {
		terminal = startTerminal(['--flows', flows, '--no-detect', '--log-dir', logDir('ink-ahead')], {
			columns: 40,
			rows: 20,
			env: {LANG: 'ja_JP.UTF-8'},
		});
		terminal.keysAtOnce('Down', 'Enter');
		await terminal.waitFor('ステップ 1');
		terminal.keys('q');
		await terminal.afterExit();
		terminal.close();
		// The second flow (its Japanese title is the example's): the log names its file.
		const [log] = readdirSync(logDir('ink-ahead'));
		expect(
			JSON.parse(readFileSync(join(logDir('ink-ahead'), log!), 'utf8').split('\n')[0]!).flow,
		).toMatchObject({id: 'printing-2026-04', file: join(flows, 'printing.yml')});
		terminal = startTerminal(['--flows', flows, '--no-detect', '--log-dir', logDir('ink-quit')], {
			columns: 80,
			rows: 24,
			env: {LANG: 'ja_JP.UTF-8'},
		});
		expect(await terminal.waitFor('どのような問題ですか？')).toContain('Enter 開く');
		terminal.keys('q');
		expect((await terminal.afterExit()).exitCode).toBe(130);
		expect(() => readdirSync(logDir('ink-quit'))).toThrow();
	});
});
