/**
 * Bad input, through the real binary: every broken flow in test/fixtures/flows (one per finding
 * code, plus hostile keys) and generated ones (50 MB, binary, not UTF-8, 20,000 levels deep) must
 * be refused by `validate` AND by a run (`--flow`) with file:line:column findings and exit 1; bad
 * flag values, bad scripted answers, unknown sessions, broken session logs (test/fixtures/sessions/
 * bad) and a broken settings file must each get one clear message and the documented exit code.
 * Never a stack trace, never a hang (each run is killed after RUN_TIMEOUT_MS), never a session log
 * for a flow that was refused.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	truncateSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {readSessionFile} from '../../source/session/read-session.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {type RunResult, runBinary} from '../helpers/run-binary.js';

const RUN_TIMEOUT_MS = 15_000;
const FLOW_FIXTURES = fileURLToPath(new URL('../fixtures/flows/', import.meta.url));
const SESSION_FIXTURES = fileURLToPath(new URL('../fixtures/sessions/bad/', import.meta.url));
const SESSION_ID = '20260120-091500-ab12'; // the id inside every session fixture

const scratch = mkdtempSync(join(tmpdir(), 'w365-bad-input-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const env = {XDG_CONFIG_HOME: join(scratch, 'config')};
let counter = 0;
const freshDir = (name: string) => {
	const dir = join(scratch, `${name}-${++counter}`);
	mkdirSync(dir, {recursive: true});
	return dir;
};

const run = (args: string[], options: {input?: string; env?: Record<string, string>} = {}) =>
	runBinary(args, {
		input: options.input ?? '',
		env: {...env, ...options.env},
		timeoutMs: RUN_TIMEOUT_MS,
	});

/** Refused cleanly: the exit code, no hang, no stack trace, no "unexpected error" (a bug). */
function expectClean(result: RunResult, exitCode: number, what: string) {
	expect(result.timedOut, `${what}: still running after ${RUN_TIMEOUT_MS} ms`).toBeUndefined();
	expect(result.code, `${what}\n${result.stdout}${result.stderr}`).toBe(exitCode);
	const output = result.stdout + result.stderr;
	expect(output, what).not.toMatch(
		/^\s+at |\bat \S+ \(|node:internal|unexpected error|Assertion failed|\w+Error: /m,
	);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ─── flows ─────────────────────────────────────────────────────────────────────────────────────

type FlowCase = {name: string; make: () => string; code: string};

/** The fixture's code is in its name (e023-… → W365E023); the hostile-key ones are named here. */
const FIXTURE_CODES: Record<string, string> = {
	'proto-keys.yaml': 'W365E010',
	'proto-next.yaml': 'W365E020',
	'proto-next-dunder.yaml': 'W365E011',
};

const fixtureCases: FlowCase[] = readdirSync(FLOW_FIXTURES)
	.filter((name) => name.endsWith('.yaml'))
	.map((name) => ({
		name,
		make: () => join(FLOW_FIXTURES, name),
		code: FIXTURE_CODES[name] ?? `W365E${/^e(\d{3})-/.exec(name)![1]}`,
	}));

const generated = (name: string, content: string | Buffer) => () => {
	const file = join(freshDir('flows'), name);
	writeFileSync(file, content);
	return file;
};

const generatedCases: FlowCase[] = [
	{
		name: 'a 50 MB file (sparse: its size is real, its disk use is not)',
		make: () => {
			const file = generated('huge.yaml', '')();
			truncateSync(file, 50 * 1024 * 1024);
			return file;
		},
		code: 'W365E004',
	},
	{
		name: 'a binary file (an ELF header)',
		make: generated(
			'binary.yaml',
			Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x00]),
		),
		code: 'W365E003',
	},
	{
		name: 'Latin-1, not UTF-8',
		make: generated(
			'latin1.yaml',
			Buffer.concat([Buffer.from('id: x\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
		),
		code: 'W365E003',
	},
	{
		name: 'UTF-16 with a byte order mark',
		make: generated('utf16.yaml', Buffer.from('\uFEFFid: x\n', 'utf16le')),
		code: 'W365E003',
	},
	{
		name: 'random bytes',
		make: generated(
			'random.yaml',
			Buffer.from(Array.from({length: 4096}, (_, index) => (index * 7919 + 13) % 256)),
		),
		code: 'W365E003',
	},
	{
		name: 'nesting 20,000 levels deep',
		make: generated('deep.yaml', `id: x\ntitle: ${'['.repeat(20_000)}x${']'.repeat(20_000)}\n`),
		code: 'W365E007',
	},
	{
		name: 'nesting 20,000 maps deep',
		make: generated(
			'deep-maps.yaml',
			`id: x\ntitle: ${'{a: '.repeat(20_000)}x${'}'.repeat(20_000)}\n`,
		),
		code: 'W365E007',
	},
	{
		name: 'a wider alias bomb (aliases of aliases, 10 wide, 10 deep)',
		make: generated(
			'bomb.yaml',
			`${Array.from({length: 10}, (_, level) => `l${level}: &l${level} [${Array.from({length: 10}, () => (level === 0 ? '"lol"' : `*l${level - 1}`)).join(', ')}]`).join('\n')}\n`,
		),
		code: 'W365E005',
	},
	{
		name: 'a tab before a key deep inside',
		make: generated('tab.yaml', 'id: x\nnodes:\n  a:\n\tkind: end\n'),
		code: 'W365E001',
	},
	{
		name: 'an unclosed quote',
		make: generated('quote.yaml', 'id: x\ntitle: "never closed\nstart: a\n'),
		code: 'W365E001',
	},
	{
		name: 'the same key three times',
		make: generated('dup.yaml', 'id: x\nid: y\nid: z\n'),
		code: 'W365E002',
	},
	{
		name: '__proto__ and constructor as node ids',
		make: generated(
			'proto.yaml',
			'id: x\nversion: "1"\ntitle: T\nlanguages: [en]\nstart: __proto__\nnodes:\n  __proto__: {kind: end, outcome: resolved, text: A}\n  constructor: {kind: end, outcome: resolved, text: B}\n',
		),
		code: 'W365E010',
	},
];

describe.concurrent('bad flows: validate and run refuse them (file:line:column, exit 1)', () => {
	it.each([...fixtureCases, ...generatedCases])('$name', async ({make, code}) => {
		const file = make();
		const logDir = join(freshDir('flow-logs'), 'logs');
		const [validated, ran] = await Promise.all([
			run(['validate', file]),
			run(['--flow', file, '--no-detect', '--log-dir', logDir], {input: '1\n1\n1\n'}),
		]);
		const finding = new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: W365E\\d{3} \\S`);

		expectClean(validated, 1, `validate ${file}`);
		const lines = validated.stdout.trim().split('\n');
		const findings = lines.slice(0, -1);
		expect(findings.length, validated.stdout).toBeGreaterThan(0);
		for (const line of findings) expect(line).toMatch(finding);
		expect(
			findings.some((line) => line.includes(` ${code} `)),
			`${code} in\n${validated.stdout}`,
		).toBe(true);
		expect(lines.at(-1)).toMatch(/^1 file\(s\) checked, \d+ problem\(s\)$/);

		expectClean(ran, 1, `--flow ${file}`);
		expect(ran.stdout).toBe('');
		const refused = ran.stderr.trim().split('\n');
		for (const line of refused.slice(0, -1)) expect(line).toMatch(finding);
		expect(refused.at(-1)).toContain(`fix them (w365-triage validate ${file})`);
		expect(existsSync(logDir), 'a refused flow leaves no session log').toBe(false);
	});

	it('a missing file and a directory: named, exit 1', async () => {
		for (const file of [join(scratch, 'no-such-flow.yaml'), scratch]) {
			const [validated, ran] = await Promise.all([
				run(['validate', file]),
				run(['--flow', file, '--no-detect']),
			]);
			expectClean(validated, 1, file);
			expect(validated.stdout).toMatch(
				new RegExp(`^${escapeRegExp(file)}: W365E006 (no such file|is not a file)`),
			);
			expectClean(ran, 1, file);
			expect(ran.stderr).toMatch(new RegExp(`^${escapeRegExp(file)}: W365E006 `));
		}
	});

	it('leaves Object.prototype alone in the process that read the hostile keys', async () => {
		const {loadFlowFile} = await import('../../source/flow/load-flow.js');
		for (const {make} of [
			...fixtureCases.filter(({name}) => name.startsWith('proto-')),
			generatedCases.at(-1)!,
		])
			loadFlowFile(make());
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
			Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort(),
		);
	});
});

// ─── flags and scripted answers ──────────────────────────────────────────────────────────────

describe.concurrent('bad --fact values and --answers: a usage error or a refused answer, with a message', () => {
	it.each([
		['os.build=abc', /os\.build "abc" is not valid: expected CurrentBuild\.UBR/],
		['os.build', /--fact "os\.build" is not NAME=VALUE/],
		['=26100.1', /--fact "=26100\.1" is not NAME=VALUE/],
		['os.version=24H3', /os\.version "24H3" is not valid: expected a version like 24H2/],
		['hotfixes=KB1', /hotfixes "KB1" is not valid: expected comma-separated KB ids/],
		['os.remoteSession=maybe', /os\.remoteSession "maybe" is not valid: expected true \| false/],
		['app.role=root', /app\.role "root" is not valid/],
		['os.colour=blue', /unknown fact "os\.colour"/],
		['__proto__=x', /unknown fact "__proto__"/],
		['os.product=Windows 11; rm -rf ~', /os\.product ".*" is not valid: expected a product name/],
	])('--fact %s: exit 2', async (fact, message) => {
		const result = await run(['--flow', EXAMPLE_FLOW, '--fact', fact]);
		expectClean(result, 2, fact);
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	it.each([
		[
			'os.build=abc',
			'w365-triage: os.build の値「abc」は使えません。winver に表示される OS ビルド（例: 26100.7623）で入力してください。',
		],
		[
			'os.build',
			'w365-triage: --fact "os.build" は 名前=値 の形ではありません。例: --fact os.build=26100.7623',
		],
		[
			'os.colour=blue',
			'w365-triage: 「os.colour」という環境情報はありません。指定できるのは os.family, os.product, os.version, os.build, os.remoteSession, hotfixes, app.role です。',
		],
	])('--fact %s on a Japanese system: one Japanese sentence (exit 2)', async (fact, message) => {
		const result = await run(['--flow', EXAMPLE_FLOW, '--fact', fact], {
			env: {LANG: 'ja_JP.UTF-8', LC_ALL: '', LC_MESSAGES: ''},
		});
		expectClean(result, 2, fact);
		expect(result.stderr.trim()).toBe(message);
	});

	it.each([
		['', /--answers "" has an empty answer/],
		['1,,2', /--answers "1,,2" has an empty answer/],
		['stuck,', /has an empty answer/],
	])('--answers %j: a usage error (exit 2)', async (answers, message) => {
		const result = await run([
			'--flow',
			EXAMPLE_FLOW,
			'--no-detect',
			'--answers',
			answers,
			'--log-dir',
			freshDir('answers'),
		]);
		expectClean(result, 2, answers);
		expect(result.stderr).toMatch(message);
	});

	it.each([
		['nope', 1, 'symptom', '"nope" is not an answer here: type a number from 1 to 3'],
		['9', 1, 'symptom', '"9" is not an answer here'],
		['0', 1, 'symptom', '"0" is not an answer here'],
		['stuck,nope', 2, 'spooler', '"nope" is not an answer here: type a number from 1 to 2'],
		['__proto__', 1, 'symptom', '"__proto__" is not an answer here'],
		['constructor', 1, 'symptom', '"constructor" is not an answer here'],
		['toString', 1, 'symptom', '"toString" is not an answer here'],
	] as const)(
		'--answers %s: refused at step %i · %s (exit 2), no log left for --resume',
		async (answers, step, node, message) => {
			const logDir = freshDir('answers');
			const result = await run([
				'--flow',
				EXAMPLE_FLOW,
				'--no-detect',
				'--lang',
				'en',
				'--answers',
				answers,
				'--log-dir',
				logDir,
			]);
			expectClean(result, 2, answers);
			expect(result.stdout).toContain(message);
			expect(result.stdout).toContain(`── Step ${step} · ${node} ──`);
			// A refused script leaves no new session that --resume would take for an unfinished one.
			expect(readdirSync(logDir).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
		},
	);

	it('an unknown gate item is never taken for a confirmation (exit 3)', async () => {
		const result = await run([
			'--flow',
			EXAMPLE_FLOW,
			'--no-detect',
			'--lang',
			'en',
			'--answers',
			'stuck,still-broken,ack:nothing,proceed',
			'--log-dir',
			freshDir('gate'),
		]);
		expectClean(result, 3, 'ack:nothing');
		expect(result.stdout).not.toContain('Step 4 · uninstall');
	});
});

// ─── sessions ────────────────────────────────────────────────────────────────────────────────

/** A log directory holding one fixture under its session id (commands name sessions by id). */
function logDirWith(fixture: string): {dir: string; file: string} {
	const dir = freshDir('sessions');
	const file = join(dir, `${SESSION_ID}.jsonl`);
	copyFileSync(join(SESSION_FIXTURES, fixture), file);
	return {dir, file};
}

describe.concurrent('unknown sessions: exit 1 with a clear message', () => {
	it.each([
		[['export', 'nope'], /no session "nope" in .*: w365-triage sessions lists them/],
		[['export', '/no/such/session.jsonl'], /no session log at \/no\/such\/session\.jsonl/],
		[['watch', 'nope'], /no session "nope" in /],
		[['watch'], /no session to watch in /],
		[['--resume', 'nope'], /no session "nope" in /],
		[['--resume'], /there is no unfinished session to resume in /],
		[['--replay', 'nope'], /no session "nope" in /],
		[['--replay', '/no/such/session.jsonl'], /no session log at /],
	])('%j', async (args, message) => {
		const result = await run([...args, '--log-dir', freshDir('empty')]);
		expectClean(result, 1, args.join(' '));
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('an ambiguous start of an id names the candidates', async () => {
		const {dir} = logDirWith('garbage-lines.jsonl');
		copyFileSync(
			join(SESSION_FIXTURES, 'garbage-lines.jsonl'),
			join(dir, '20260120-091500-ab13.jsonl'),
		);
		const result = await run(['export', '20260120-0915', '--log-dir', dir]);
		expectClean(result, 1, 'ambiguous');
		expect(result.stderr).toMatch(
			/"20260120-0915" matches 2 sessions \(20260120-091500-ab13, 20260120-091500-ab12\): give more of the id/,
		);
	});
});

describe.concurrent('broken session logs', () => {
	it('a torn last line: one warning, then export, list and resume as if it were not there', async () => {
		const {dir, file} = logDirWith('torn-last-line.jsonl');
		const exported = await run(['export', SESSION_ID, '--log-dir', dir, '--lang', 'en']);
		expectClean(exported, 0, 'export');
		expect(exported.stderr).toContain(
			`${SESSION_ID}.jsonl: the last line was cut short (the program stopped while writing it) and was ignored`,
		);
		expect(exported.stderr.split('\n').filter((line) => line.includes('cut short'))).toHaveLength(
			1,
		);
		expect(exported.stdout).toContain('still-broken');
		const listed = await run(['sessions', '--log-dir', dir, '--lang', 'en']);
		expectClean(listed, 0, 'sessions');
		expect(listed.stdout).toContain(SESSION_ID);

		const resumed = await run(['--resume', SESSION_ID, '--log-dir', dir, '--lang', 'en'], {
			input: 'ack:files\nack:restore-point\nack:power\nproceed\n1\n',
		});
		expectClean(resumed, 0, 'resume');
		expect(resumed.stderr).toContain(
			'was cut short (the program stopped while writing it) and was removed before resuming',
		);
		expect(resumed.stdout).toContain('── Step 4 · backup ──');
		expect(resumed.stdout).toContain('Outcome: Resolved');
		// The file is whole again.
		const session = readSessionFile(file);
		expect(session.warnings).toEqual([]);
		expect(session.events.at(-1)).toMatchObject({type: 'outcome', outcome: 'resolved'});
	});

	it('garbage lines: each reported by its line number; export, watch and sessions go on', async () => {
		const {dir} = logDirWith('garbage-lines.jsonl');
		const exported = await run(['export', SESSION_ID, '--log-dir', dir, '--lang', 'en']);
		expectClean(exported, 0, 'export');
		for (const line of [3, 7, 12, 16])
			expect(exported.stderr).toContain(
				`${SESSION_ID}.jsonl: line ${line} is not a valid event and was skipped`,
			);
		expect(exported.stdout).toContain('Resolved');
		const json = await run(['export', SESSION_ID, '--log-dir', dir, '--format', 'json']);
		expectClean(json, 0, 'export json');
		expect(() => JSON.parse(json.stdout)).not.toThrow();
		const watched = await run(['watch', SESSION_ID, '--log-dir', dir, '--lang', 'en']);
		expectClean(watched, 0, 'watch');
		expect(watched.stdout).toMatch(/line 3 is not a valid event/);
		expect(watched.stdout).toContain('The session ended: Resolved.');
		const listed = await run(['sessions', '--log-dir', dir, '--lang', 'en']);
		expectClean(listed, 0, 'sessions');
		const resumed = await run(['--resume', SESSION_ID, '--log-dir', dir]);
		expectClean(resumed, 1, 'resume of a finished session');
		expect(resumed.stderr).toMatch(/already reached its outcome/);
	});

	it.each([
		['no-start-event.jsonl', /does not begin with a start event/],
		['empty.jsonl', /holds no complete event/],
	])('%s: refused by export, resume and replay; skipped by sessions', async (fixture, message) => {
		const {dir} = logDirWith(fixture);
		for (const args of [
			['export', SESSION_ID],
			['--resume', SESSION_ID],
			['--replay', SESSION_ID],
		]) {
			const result = await run([...args, '--log-dir', dir]);
			expectClean(result, 1, `${args.join(' ')} ${fixture}`);
			expect(result.stderr).toMatch(message);
		}
		const listed = await run(['sessions', '--log-dir', dir, '--lang', 'en']);
		expectClean(listed, 0, 'sessions');
		expect(listed.stderr).toMatch(message);
	});

	it('no start event: watch says it is not a session log instead of waiting forever', async () => {
		const {dir} = logDirWith('no-start-event.jsonl');
		const watched = await run(['watch', SESSION_ID, '--log-dir', dir, '--lang', 'en']);
		expectClean(watched, 1, 'watch');
		expect(watched.stdout).toContain('is not a session log: its first line is not a start event');
	});

	it('answers that no longer fit the flow: resume refuses, naming the event', async () => {
		const {dir} = logDirWith('answers-do-not-fit.jsonl');
		const resumed = await run(['--resume', SESSION_ID, '--log-dir', dir]);
		expectClean(resumed, 1, 'resume');
		expect(resumed.stderr).toMatch(
			/event 2 \(answer at step 1 · symptom\) cannot be replayed: the answer now leads to spooler, not fixed/,
		);
	});

	it('a 40 MB log and a binary one: refused at once by export, watch, resume and replay', async () => {
		const dir = freshDir('huge-logs');
		const huge = join(dir, '20260120-091500-aaaa.jsonl');
		writeFileSync(huge, '');
		truncateSync(huge, 40 * 1024 * 1024);
		writeFileSync(
			join(dir, '20260120-091500-bbbb.jsonl'),
			Buffer.from(Array.from({length: 3000}, (_, index) => (index * 7919 + 13) % 256)),
		);
		for (const [id, message] of [
			['20260120-091500-aaaa', /is 40 MB, far larger than any session log/],
			['20260120-091500-bbbb', /holds no complete event|not a session log/],
		] as const) {
			for (const args of [
				['export', id],
				['watch', id],
				['--resume', id],
				['--replay', id],
			]) {
				const result = await run([...args, '--log-dir', dir, '--lang', 'en']);
				expectClean(result, 1, args.join(' '));
				expect(result.stdout + result.stderr, args.join(' ')).toMatch(message);
			}
		}
	});
});

// ─── settings ────────────────────────────────────────────────────────────────────────────────

describe.concurrent('a broken settings file: reported, moved aside, defaults used, the run goes on', () => {
	it.each([
		['not JSON', '{broken'],
		['empty', ''],
		['binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9b, 0x1b, 0x5d])],
		['a list', '[1, 2]'],
		['null', 'null'],
		['a bad language', '{"language": "fr"}'],
		['a bad helpdesk phone with escapes', '{"helpdesk": {"phone": "\\u001b]52;c;eA==\\u0007"}}'],
	])('%s', async (_, content) => {
		const home = freshDir('home');
		const folder = join(home, 'w365-triage-nodejs');
		mkdirSync(folder);
		writeFileSync(join(folder, 'config.json'), content);
		const result = await run(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--lang', 'en', '--log-dir', join(home, 'logs')],
			{input: '3\n', env: {XDG_CONFIG_HOME: home}},
		);
		expectClean(result, 0, 'run');
		expect(result.stdout).toContain('Outcome: Contact the helpdesk');
		const notice = result.stderr.trim().split('\n');
		expect(notice).toHaveLength(1);
		expect(notice[0]).toMatch(
			new RegExp(
				`^The settings file ${escapeRegExp(join(folder, 'config.json'))} is not valid \\(.+\\): defaults are used; the old file was kept as ${escapeRegExp(join(folder, 'config.json.corrupt-'))}`,
			),
		);
		expect(notice[0]).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		const kept = readdirSync(folder).filter((name) => name.startsWith('config.json.corrupt-'));
		expect(kept).toHaveLength(1);
		expect(readFileSync(join(folder, kept[0]!))).toEqual(Buffer.from(content));
		// Next time there is nothing to report.
		const again = await run(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--log-dir', join(home, 'logs')],
			{input: '3\n', env: {XDG_CONFIG_HOME: home}},
		);
		expectClean(again, 0, 'second run');
		expect(again.stderr).toBe('');
	});

	it('a settings "file" that is a directory: reported, defaults used for this run', async () => {
		const home = freshDir('home');
		mkdirSync(join(home, 'w365-triage-nodejs', 'config.json'), {recursive: true});
		const result = await run(
			['--flow', EXAMPLE_FLOW, '--no-detect', '--lang', 'en', '--log-dir', join(home, 'logs')],
			{input: '3\n', env: {XDG_CONFIG_HOME: home}},
		);
		expectClean(result, 0, 'run');
		const file = join(home, 'w365-triage-nodejs', 'config.json');
		expect(result.stderr).toBe(
			`The settings in ${file} cannot be used (it is a directory, not a file: remove or rename it): defaults are used for this run.\n`,
		);
	});
});
