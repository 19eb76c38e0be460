/** The real binary in plain mode (stdin is a pipe): what it prints and how it exits. */
import {describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW, INCIDENT_FLOW} from '../helpers/flows.js';
import {runBinary} from '../helpers/run-binary.js';

const walk = (args: string[], input = '', env = {}) =>
	runBinary(['--flow', EXAMPLE_FLOW, ...args], {input, env});

describe('plain front end (real binary)', () => {
	it('walks to an outcome from piped answers, with step numbers and exact commands', async () => {
		const result = await walk(['--lang', 'en'], '2\n1\n');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('── Step 1 · symptom ──');
		expect(result.stdout).toContain('  2. Print jobs stay stuck in the queue');
		expect(result.stdout).toContain('── Step 2 · spooler ──');
		// Commands stand alone on their lines, so a mouse copy takes exactly the command.
		expect(result.stdout.split('\n')).toContain('Restart-Service -Name Spooler -Force');
		expect(result.stdout.split('\n')).toContain('net stop spooler && net start spooler');
		expect(result.stdout).toContain('── Step 3 · fixed ──');
		expect(result.stdout).toContain('Outcome: Resolved');
		expect(result.stderr).toBe('');
	});

	it('routes on --fact values and shows where each fact came from', async () => {
		const result = await walk([
			'--lang',
			'en',
			'--answers',
			'no-print,printed',
			'--fact',
			'os.product=Windows 11',
			'--fact',
			'os.build=26100.7623',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Windows product: Windows 11 (given by --fact)');
		expect(result.stdout).toContain('OS build: 26100.7623 (given by --fact)');
		expect(result.stdout).toContain('→ next: Restart the print spooler');
		expect(result.stdout).toContain('Outcome: Resolved');
	});

	it('prints the final state as one JSON object with --json, the transcript on stderr', async () => {
		const result = await walk(['--lang', 'en', '--answers', '3', '--json']);
		expect(result.code).toBe(0);
		const state = JSON.parse(result.stdout);
		expect(state).toMatchObject({
			flow: {id: 'example', version: '1.0.0'},
			path: [{node: 'symptom', answer: 'other'}, {node: 'escalate'}],
			finished: true,
			outcome: 'escalate',
			exitCode: 0,
		});
		expect(result.stderr).toContain('Step 2 · escalate');
	});

	it('stops with exit code 3 when scripted answers reach a backup gate', async () => {
		const result = await walk(['--lang', 'en', '--answers', 'stuck,still-broken,proceed']);
		expect(result.code).toBe(3);
		expect(result.stdout).toContain(
			'Step 3 · backup is a backup gate: a person must confirm each backup',
		);
		expect(result.stdout).not.toContain('Step 4 · uninstall');
	});

	it('never confirms a gate from piped "yes" lines, nor from a partial list of items', async () => {
		const piped = await walk(['--lang', 'en'], '2\n2\nyes\nyes\nyes\n2\n');
		expect(piped.code).toBe(3);
		expect(piped.stdout).not.toContain('uninstall ──');
		const partial = await walk([
			'--lang',
			'en',
			'--answers',
			'stuck,still-broken,ack:files,proceed',
		]);
		expect(partial.code).toBe(3);
		expect(partial.stdout).toContain('Confirmed 1 of 3: I saved and closed my open files');
		expect(partial.stdout).toContain('Item 2 of 3: I created a System Restore point');
	});

	it('passes a gate only when each item is named, then reaches the destructive step', async () => {
		const result = await walk([
			'--lang',
			'en',
			'--answers',
			'stuck,still-broken,ack:files,ack:restore-point,ack:power,proceed,failed',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('── Step 4 · uninstall ──');
		expect(result.stdout).toContain('Outcome: Data recovery');
	});

	it('stops with exit code 3 when input ends at a gate, 130 elsewhere', async () => {
		const gate = await walk(['--lang', 'en'], '2\n2\n');
		expect(gate.code).toBe(3);
		const early = await walk(['--lang', 'en'], '');
		expect(early.code).toBe(130);
		expect(early.stdout).toContain('Input ended before the triage finished (step 1 · symptom).');
		expect(early.stderr).not.toMatch(/Raw mode|at .*\.js:\d+/);
	});

	it('goes back, says which answer was dropped, and pre-selects it', async () => {
		const result = await walk(['--lang', 'en'], '2\nb\n3\n');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Back to step 1 · What do you see?');
		expect(result.stdout).toContain(
			'Dropped answers: What do you see?: Print jobs stay stuck in the queue',
		);
		expect(result.stdout).not.toContain('symptom=stuck');
		expect(result.stdout).toContain('> 2. Print jobs stay stuck in the queue');
		expect(result.stdout).toContain('Outcome: Contact the helpdesk');
	});

	it('on a Japanese system, says what going back dropped and a corrected fact in Japanese, with no internal id', async () => {
		const result = await walk(
			['--fact', 'os.product=Windows 10'],
			'1\nc\n2\nabc\n26100.7623\n2\nb\n1\n',
			{LANG: 'ja_JP.UTF-8'},
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('OS ビルドの値「abc」は使えません。');
		expect(result.stdout).toContain('OS ビルドを 26100.7623 にしました。');
		expect(result.stdout).toContain('取り消した回答: ');
		const sentences = result.stdout
			.split('\n')
			.filter((line) => /に戻りました|取り消した|にしました|使えません|どの情報/.test(line));
		expect(sentences.length).toBeGreaterThanOrEqual(4);
		for (const line of sentences)
			expect(line).not.toMatch(/os\.(build|product)|os-check|symptom|[a-z]+=[a-z]/);
	});

	it('says so when going back at the first step', async () => {
		const result = await walk(['--lang', 'en'], 'b\n3\n');
		expect(result.stdout).toContain('Already at the first step.');
		expect(result.code).toBe(0);
	});

	it('switches language in place, and restarts', async () => {
		const result = await walk(['--lang', 'en'], '2\nl\nr\n3\n');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('言語: 日本語');
		expect(result.stdout).toContain('── ステップ 2 · spooler ──');
		expect(result.stdout).toContain('最初からやり直します。');
		expect(result.stdout).toContain('結果: ヘルプデスクに連絡');
	});

	it('uses Japanese for a ja_* locale and English otherwise', async () => {
		const ja = await walk([], '3\n', {LANG: 'ja_JP.UTF-8'});
		expect(ja.stdout).toContain('── ステップ 1 · symptom ──');
		const en = await walk([], '3\n', {LANG: 'de_DE.UTF-8'});
		expect(en.stdout).toContain('── Step 1 · symptom ──');
	});

	it('shows help', async () => {
		const result = await walk(['--lang', 'en'], '?\n3\n');
		expect(result.stdout).toContain('b goes back one step');
	});

	it('rejects a scripted answer that does not fit, naming what would', async () => {
		const result = await walk(['--lang', 'en'], '7\n');
		expect(result.code).toBe(2);
		expect(result.stdout).toContain('"7" is not an answer here: type a number from 1 to 3');
		const answers = await walk(['--lang', 'en', '--answers', 'nope']);
		expect(answers.code).toBe(2);
	});

	it('warns on every screen once the flow is past its review-by date', async () => {
		const result = await walk(['--lang', 'en', '--as-of', '2031-01-01'], '2\n1\n');
		expect(result.stdout.match(/due for review on 2030-12-31/g)).toHaveLength(3);
		const fresh = await walk(['--lang', 'en', '--as-of', '2026-11-25'], '3\n');
		expect(fresh.stdout).not.toContain('due for review');
	});
});

describe('line mode contract (real binary, piped stdin)', () => {
	const incident = (input: string, args: string[] = []) =>
		runBinary(['--flow', INCIDENT_FLOW, '--lang', 'en', '--no-detect', ...args, '--json'], {input});

	it('gives each piped line to the next prompt: detect and instruction steps take none', async () => {
		// symptom, since-when, Windows 11 24H2, below the fixed build, it works.
		const result = await incident('1\n1\n2\n1\n1\n');
		expect(result.code).toBe(0);
		const state = JSON.parse(result.stdout);
		expect(state.path.map((step: {node: string}) => step.node)).toEqual([
			'symptom',
			'symptom-timing',
			'detect-os',
			'ask-os',
			'detect-os',
			'check-build',
			'fix',
			'fix-confirm',
			'resolved',
		]);
		expect(state.facts['os.version'].value).toBe('24H2');
		expect(result.stderr).not.toContain('25H2 ──');
	});

	it('corrects a detected fact by number from piped lines, asking again for a value that does not fit', async () => {
		const result = await incident(
			'1\n1\nc\n3\n26100\n26100.7623\nc\n1\nWindows 11\nc\n2\n24H2\n1\n',
		);
		expect(result.stderr).toContain(
			'Which fact? 1 Windows product, 2 Windows version, 3 OS build (a number or a name; Enter keeps them): 3',
		);
		expect(result.stderr).toMatch(
			/OS build "26100" is not valid: expected the OS build winver shows.*Type it again/,
		);
		expect(result.code).toBe(0);
		const state = JSON.parse(result.stdout);
		expect(state.facts['os.build']).toEqual({value: '26100.7623', origin: 'corrected'});
		expect(state.path.map((step: {node: string}) => step.node)).toContain('fix');
		expect(state.outcome).toBe('resolved');
	});
});

describe('command line', () => {
	it('prints the version and help', async () => {
		const version = await runBinary(['--version']);
		expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
		const help = await runBinary(['--help']);
		for (const text of [
			'validate FILE...',
			'graph',
			'--answers',
			'--fact',
			'--json',
			'--plain',
			'Exit codes',
		]) {
			expect(help.stdout).toContain(text);
		}
	});

	it.each([
		[['--bogus'], /Unknown option '--bogus'.*--help/],
		[['frobnicate'], /unknown command "frobnicate"/],
		[
			['--fact', 'os.build=abc'],
			/os\.build "abc" is not valid: expected CurrentBuild\.UBR, e\.g\. 26100\.7623/,
		],
		[['--fact', 'os.colour=blue'], /unknown fact "os\.colour"/],
		[['--lang', 'fr'], /--lang "fr" is not supported/],
		[['--as-of', 'tomorrow'], /--as-of "tomorrow" is not a date/],
		[['graph', '--format', 'png'], /--format "png" is not supported/],
		[['validate'], /validate needs at least one flow file/],
	])('treats %j as a usage error (exit 2, one line, no stack trace)', async (args, message) => {
		const result = await runBinary(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr).not.toMatch(/^\s+at /m);
	});

	it('validates flows: ok for a clean one, file:line:column findings and exit 1 for a bad one', async () => {
		const clean = await runBinary(['validate', EXAMPLE_FLOW]);
		expect(clean.code).toBe(0);
		expect(clean.stdout).toContain(`${EXAMPLE_FLOW}: ok`);
		const bad = await runBinary([
			'validate',
			'test/fixtures/flows/e002-duplicate-key.yaml',
			EXAMPLE_FLOW,
		]);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toMatch(
			/^test\/fixtures\/flows\/e002-duplicate-key\.yaml:\d+:\d+: W365E002 /m,
		);
		const missing = await runBinary(['validate', 'no/such/flow.yaml']);
		expect(missing.code).toBe(1);
		expect(missing.stdout).toContain('no/such/flow.yaml: W365E006 no such file');
	});

	it('refuses to run an invalid flow, listing its findings', async () => {
		const result = await runBinary(['--flow', 'test/fixtures/flows/e002-duplicate-key.yaml']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/e002-duplicate-key\.yaml:\d+:\d+: W365E002/);
		expect(result.stderr).toContain('fix them (w365-triage validate');
	});
});
