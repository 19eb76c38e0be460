/**
 * The app never runs a command from a flow, nor anything a user types: a flow whose commands,
 * texts and labels are shell payloads (each would create its own marker file) is walked in line
 * mode and in the terminal UI, and scripted answers and a facts file carry payloads too. No marker
 * may appear, each command must be shown exactly as written, and a spy loaded into the app
 * (NODE_OPTIONS=--import) records every child_process call it makes: on this (non-Windows)
 * machine there must be none at all, detection included (test/detect/child-process-boundary.test.ts
 * proves statically that only the fixed Windows probes could ever be started).
 */
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

const scratch = mkdtempSync(join(tmpdir(), 'w365-no-exec-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const token = randomBytes(6).toString('hex');
const marker = (name: string) => join(scratch, `PWNED-${name}-${token}`);

/** Shell payloads, each aimed at its own marker file. */
const COMMANDS = {
	substitution: `$(touch ${marker('substitution')})"; rm -rf ~`,
	backticks: `\`touch ${marker('backticks')}\`; touch ${marker('chained')} && echo x | sh`,
	cmd: `& type nul > ${marker('cmd')} & del /s /q C:\\`,
};

const FLOW = join(scratch, 'payload.yaml');
writeFileSync(
	FLOW,
	[
		'id: payload',
		'version: "1"',
		`title: ${JSON.stringify(`Title $(touch ${marker('title')})`)}`,
		'languages: [en]',
		'start: ask',
		'nodes:',
		'  ask:',
		'    kind: question',
		`    text: ${JSON.stringify(`Text $(touch ${marker('text')}) \`touch ${marker('text-backticks')}\``)}`,
		'    choices:',
		`      - {id: go, label: ${JSON.stringify(`Go $(touch ${marker('label')})`)}, next: run}`,
		'      - {id: stop, label: Stop, next: done}',
		'  run:',
		'    kind: step',
		'    text: Run these yourself.',
		'    commands:',
		`      - {shell: powershell, run: ${JSON.stringify(COMMANDS.substitution)}}`,
		`      - {shell: powershell, run: ${JSON.stringify(COMMANDS.backticks)}}`,
		`      - {shell: cmd, run: ${JSON.stringify(COMMANDS.cmd)}, label: ${JSON.stringify(`Label $(touch ${marker('command-label')})`)}}`,
		'    next: done',
		'  done: {kind: end, outcome: resolved, text: Done}',
		'',
	].join('\n'),
);

/** Loaded into the app with NODE_OPTIONS: logs every child_process call to a file. */
const SPY = join(scratch, 'spy.mjs');
const SPY_LOG = join(scratch, 'spawned.log');
writeFileSync(
	SPY,
	`import childProcess from 'node:child_process';
import {appendFileSync} from 'node:fs';
import {syncBuiltinESMExports} from 'node:module';
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
	const original = childProcess[name];
	childProcess[name] = function (...args) {
		appendFileSync(${JSON.stringify(SPY_LOG)}, JSON.stringify([name, args[0], args[1]]) + '\\n');
		return original.apply(this, args);
	};
}
syncBuiltinESMExports();
`,
);
const spyEnv = {NODE_OPTIONS: `--import=${SPY}`, XDG_CONFIG_HOME: join(scratch, 'config')};

function expectNothingRan() {
	const markers = readdirSync(scratch).filter((name) => name.startsWith('PWNED-'));
	expect(markers).toEqual([]);
	expect(existsSync(SPY_LOG) ? readFileSync(SPY_LOG, 'utf8') : '').toBe('');
}

describe('commands from a flow are shown, never run', () => {
	it('the spy sees a process the app would start (so its silence below means something)', async () => {
		const probe = join(scratch, 'probe.mjs');
		writeFileSync(
			probe,
			"import {execFileSync} from 'node:child_process'; execFileSync('true');\n",
		);
		const {spawnSync} = await import('node:child_process');
		spawnSync(process.execPath, [probe], {env: {...process.env, ...spyEnv}});
		expect(readFileSync(SPY_LOG, 'utf8')).toContain('"execFileSync","true"');
		rmSync(SPY_LOG);
	});

	it('line mode, with detection on: every command printed exactly as written, nothing started', async () => {
		const result = await runBinary(
			['--flow', FLOW, '--lang', 'en', '--answers', 'go', '--log-dir', join(scratch, 'plain')],
			{env: spyEnv},
		);
		expect(result.code, result.stderr).toBe(0);
		const lines = result.stdout.split('\n');
		for (const command of Object.values(COMMANDS)) expect(lines).toContain(command);
		expect(result.stdout).toContain(`Go $(touch ${marker('label')})`);
		expect(result.stdout).toContain('Outcome: Resolved');
		expectNothingRan();
	});

	it('the terminal UI in tmux, with detection on: the commands on screen as written, nothing started', async () => {
		let terminal: Terminal | undefined;
		try {
			terminal = startTerminal(['--flow', FLOW, '--log-dir', join(scratch, 'ink')], {
				columns: 160,
				rows: 40,
				env: spyEnv,
			});
			const first = await terminal.waitFor('Step 1 · ask');
			expect(first).toContain(`Text $(touch ${marker('text')})`);
			terminal.keys('1');
			const step = await terminal.waitFor('Step 2 · run');
			const lines = step.split('\n').map((line) => line.trimEnd());
			for (const command of Object.values(COMMANDS)) expect(lines).toContain(command);
			terminal.keys('Enter');
			await terminal.waitFor('Outcome: Resolved');
			terminal.keys('q');
			expect((await terminal.afterExit()).exitCode).toBe(0);
		} finally {
			terminal?.close();
		}
		expectNothingRan();
	});

	it('payloads in --answers, --fact, a facts file and --log-dir are refused or taken as plain text', async () => {
		const answers = await runBinary(
			[
				'--flow',
				FLOW,
				'--no-detect',
				'--answers',
				`$(touch ${marker('answers')})`,
				'--log-dir',
				join(scratch, 'answers'),
			],
			{env: spyEnv},
		);
		expect(answers.code).toBe(2);
		expect(answers.stdout).toContain(`"$(touch ${marker('answers')})" is not an answer here`);
		const fact = await runBinary(
			['--flow', FLOW, '--fact', `os.product=$(touch ${marker('fact')})`],
			{env: spyEnv},
		);
		expect(fact.code).toBe(2);
		const factsFile = join(scratch, 'facts.json');
		writeFileSync(factsFile, JSON.stringify({'os.build': `\`touch ${marker('facts-file')}\``}));
		const file = await runBinary(['--flow', FLOW, '--facts', factsFile], {env: spyEnv});
		expect(file.code).toBe(2);
		// A log directory named like a command is just a directory with an odd name.
		const odd = join(scratch, `$(touch ${marker('log-dir')})`);
		const logDir = await runBinary(
			['--flow', FLOW, '--no-detect', '--answers', 'stop', '--log-dir', odd],
			{env: spyEnv},
		);
		expect(logDir.code).toBe(0);
		expect(readdirSync(odd)).toHaveLength(1);
		expectNothingRan();
	});
});
