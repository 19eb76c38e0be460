/**
 * Terminal safety: text from a flow file, a fact or a session log is drawn and exported inert. A
 * flow whose every text carries OSC 52 (clipboard write), screen clears and cursor moves, OSC 8
 * links, a window title and 8-bit C1 controls (test/fixtures/hostile/terminal-escapes.yaml) is
 * refused by validate, run and graph (W365E041), with the findings printed inert; the same flow
 * with its texts cleaned is walked through each front end (line mode, the terminal UI in tmux,
 * with the raw bytes recorded), and session logs with such sequences in their fields go through
 * `export` (md, json), `watch` and `sessions`.
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
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {sanitizeText} from '../../source/terminal/sanitize-text.js';
import {runBinary} from '../helpers/run-binary.js';
import {sessionEvents} from '../helpers/session-logs.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

const HOSTILE_FLOW = fileURLToPath(
	new URL('../fixtures/hostile/terminal-escapes.yaml', import.meta.url),
);
/** What the escapes in the fixture would have done, had they reached a terminal. */
const PAYLOADS = [
	'PWNED',
	'UFdORUQ' /* base64 of PWNED-CLIP, the clipboard text */,
	'evil.example',
];
/** The same sequences, for session log fields. */
const ESCAPES =
	'\u001B]52;c;UFdORUQtQ0xJUA==\u0007\u001B[2J\u001B[H\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\\u009B2J\u009D0;PWNED-C1\u0007\u001B]0;PWNED-TITLE\u0007';
/** C0 controls except tab and newline, DEL, and C1 controls: nothing here may reach a terminal. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function expectInert(text: string, what: string) {
	const control = CONTROL.exec(text);
	expect(
		control,
		`${what}: control character U+${control?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (control?.index ?? 0) - 30), (control?.index ?? 0) + 30))}`,
	).toBeNull();
	for (const payload of PAYLOADS) expect(text, what).not.toContain(payload);
}

/** Every string in a parsed JSON value (keys too). */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, entry]) => [key, ...strings(entry)]);
	return [];
}

const scratch = mkdtempSync(join(tmpdir(), 'w365-terminal-safety-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));
const env = {XDG_CONFIG_HOME: join(scratch, 'config')};

/** The hostile flow with every string cleaned as the screen would clean it: a flow validate accepts. */
const CLEANED_FLOW = join(scratch, 'terminal-escapes-cleaned.yaml');
const clean = (value: unknown): unknown =>
	typeof value === 'string'
		? sanitizeText(value)
		: Array.isArray(value)
			? value.map(clean)
			: value && typeof value === 'object'
				? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, clean(entry)]))
				: value;
writeFileSync(CLEANED_FLOW, stringify(clean(parse(readFileSync(HOSTILE_FLOW, 'utf8')))));

/** The line-mode walk through every node kind of the hostile flow; its log feeds the later tests. */
const WALK = [
	'--flow',
	CLEANED_FLOW,
	'--lang',
	'en',
	'--no-detect',
	'--fact',
	'os.product=Windows 11',
	'--answers',
	'go,ack:saved,proceed',
];
const walkLogDir = join(scratch, 'walk');
let walkLog = '';

beforeAll(async () => {
	const result = await runBinary([...WALK, '--log-dir', walkLogDir], {env});
	expect(result.code).toBe(0);
	walkLog = join(walkLogDir, readdirSync(walkLogDir)[0]!);
});

describe('flow text is drawn inert', () => {
	it('line mode: stdout and stderr carry no control sequence from the flow, and the text is still there', async () => {
		const result = await runBinary([...WALK, '--log-dir', join(scratch, 'plain')], {env});
		expect(result.code).toBe(0);
		expectInert(result.stdout, 'stdout');
		expectInert(result.stderr, 'stderr');
		for (const text of [
			'Escapes in the title',
			'Clipboard, clear, link click, csi, osc.',
			'  1. Go on',
			'Guide title',
			'Step text',
			'Label here',
			'Detect text',
			'Gate link text',
			'Saved files',
			'Done text',
			'Tell them',
		]) {
			expect(result.stdout).toContain(text);
		}
		// A command stays whole on its own line, for copying.
		expect(result.stdout.split('\n')).toContain('Get-Thing -Name x');
	});

	it('--json, validate and graph (mermaid, dot) print nothing live either', async () => {
		const json = await runBinary([...WALK, '--json', '--log-dir', join(scratch, 'json')], {env});
		expect(json.code).toBe(0);
		expectInert(json.stdout, 'json stdout');
		expectInert(json.stderr, 'json stderr');
		for (const args of [
			['validate', CLEANED_FLOW],
			['graph', '--flow', CLEANED_FLOW, '--format', 'mermaid'],
			['graph', '--flow', CLEANED_FLOW, '--format', 'dot'],
		]) {
			const result = await runBinary(args, {env});
			expect(result.code, args.join(' ')).toBe(0);
		}
	});

	it('the flow with the escapes is refused by validate, run and graph, and the findings print inert', async () => {
		for (const args of [
			['validate', HOSTILE_FLOW],
			['--plain', '--no-detect', '--flow', HOSTILE_FLOW],
			['graph', '--flow', HOSTILE_FLOW, '--format', 'dot'],
		]) {
			const result = await runBinary(args, {env});
			expect(result.code, args.join(' ')).toBe(1);
			expect(result.stdout + result.stderr, args.join(' ')).toContain('W365E041');
			expectInert(result.stdout + result.stderr, args.join(' '));
		}
	});

	describe('terminal UI in tmux', () => {
		let terminal: Terminal | undefined;
		afterEach(() => terminal?.close());

		it('the raw bytes hold no OSC 52, OSC 8, title, C1 or BEL, and the flow never clears or moves the screen', async () => {
			terminal = startTerminal(
				[
					'--flow',
					CLEANED_FLOW,
					'--no-detect',
					'--fact',
					'os.product=Windows 11',
					'--log-dir',
					join(scratch, 'ink'),
				],
				{columns: 100, rows: 30},
			);
			const first = await terminal.waitFor('Step 1 · ask');
			// Nothing cleared the screen after the title and header were drawn: they are still on top.
			expect(first.split('\n')[0]).toBe('Escapes in the title (terminal-escapes 1.0.0)');
			// The step's name (here the start of its text, the node has no title) comes through inert.
			expect(first.split('\n')[1]).toMatch(/^Step 1 · ask · Clipboard, clear/);
			expect(first).toContain('Clipboard, clear, link click, csi, osc.');
			expect(first).toContain('❯ 1. Go on');
			terminal.keys('1');
			const step = await terminal.waitFor('Step 2 · run');
			expect(step.split('\n')).toContain('Get-Thing -Name x');
			expect(step).toContain('Label here');
			terminal.keys('Enter');
			await terminal.waitFor('Step 3 · check');
			terminal.keys('Enter');
			const gate = await terminal.waitFor('Step 4 · backup');
			expect(gate).toContain('Gate link text');
			expect(gate).toContain('Saved files');
			// Cancel has the focus: up to the item, confirm it, down past cancel to continue.
			terminal.keys('Up', 'Space', 'Down', 'Down', 'Enter');
			const end = await terminal.waitFor('Outcome: Resolved');
			expect(end.split('\n')[0]).toBe('Escapes in the title (terminal-escapes 1.0.0)');
			expect(end.split('\n')[1]).toMatch(/^Step 5 · done · /);
			expect(end).toContain('Tell them');
			terminal.keys('q');
			expect((await terminal.afterExit()).exitCode).toBe(0);

			const raw = Buffer.from(terminal.raw(), 'latin1').toString('utf8');
			expect(raw).not.toContain('\u001B]'); // no OSC at all: clipboard, links, titles
			expect(raw).not.toContain('\u0007');
			expect(raw).not.toMatch(/[\u0080-\u009F]/);
			for (const payload of PAYLOADS) expect(raw).not.toContain(payload);
			// The app clears the screen once, for its first frame; the flow's clears never arrive.
			expect(raw.split('\u001B[2J').length - 1).toBe(1);
			expect(raw.split('\u001B[H').length - 1).toBe(1);
			expect(raw).not.toContain('\u001B[1;1H');
		});
	});
});

describe('session logs are shown and exported inert', () => {
	/** The walk's log with escapes in the fields a log may carry from another machine. */
	function hostileLogs(): {dir: string; fields: string; ids: string} {
		const dir = join(scratch, `logs-${Math.random().toString(16).slice(2)}`);
		mkdirSync(dir);
		const events = sessionEvents(walkLog);
		// Facts (values and where they came from), a fact corrected on screen, the app version.
		const fields = structuredClone(events);
		fields[0]!.session = '20260120-091500-aaaa';
		fields[0]!.app.version = `0.1.0${ESCAPES}`;
		fields[0]!.facts = {
			'os.product': {value: `Windows 11${ESCAPES}`, origin: 'detected', via: `reg query${ESCAPES}`},
		};
		fields.splice(3, 0, {
			type: 'fact',
			time: fields[2]!.time,
			step: 3,
			node: 'check',
			name: 'os.build',
			value: `26100.1${ESCAPES}`,
			origin: 'corrected',
			via: ESCAPES,
		});
		// Node ids and answers too (the flow no longer matches, so the viewers fall back to text).
		const ids = structuredClone(events);
		ids[0]!.session = '20260120-091500-bbbb';
		ids[1]!.answer = `go${ESCAPES}`;
		ids[1]!.next = `run${ESCAPES}`;
		ids[2]!.node = `run${ESCAPES}`;
		const write = (name: string, lines: Record<string, unknown>[]) => {
			writeFileSync(
				join(dir, `${name}.jsonl`),
				`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`,
			);
			return name;
		};
		return {
			dir,
			fields: write('20260120-091500-aaaa', fields),
			ids: write('20260120-091500-bbbb', ids),
		};
	}

	it('export --format md and json, of the walk and of logs with escapes in their fields', async () => {
		const logs = hostileLogs();
		copyFileSync(walkLog, join(logs.dir, readdirSync(walkLogDir)[0]!));
		const ids = readdirSync(logs.dir).map((name) => name.replace('.jsonl', ''));
		expect(ids).toHaveLength(3);
		for (const id of ids) {
			const md = await runBinary(
				['export', id, '--format', 'md', '--log-dir', logs.dir, '--lang', 'en'],
				{env},
			);
			expect(md.code, `${id}: ${md.stderr}`).toBe(0);
			expectInert(md.stdout, `${id} md`);
			expectInert(md.stderr, `${id} md stderr`);
			const json = await runBinary(['export', id, '--format', 'json', '--log-dir', logs.dir], {
				env,
			});
			expect(json.code, `${id}: ${json.stderr}`).toBe(0);
			expectInert(json.stdout, `${id} json`);
			// JSON would spell ESC as \u001b: the strings themselves must be clean, not just escaped.
			for (const text of strings(JSON.parse(json.stdout))) expectInert(text, `${id} json string`);
		}
		const md = await runBinary(
			['export', logs.fields, '--format', 'md', '--log-dir', logs.dir, '--lang', 'en'],
			{env},
		);
		expect(md.stdout).toContain('Windows 11');
		expect(md.stdout).toContain('Go on');
	});

	it('watch, sessions and --replay of such logs', async () => {
		const logs = hostileLogs();
		for (const id of [logs.fields, logs.ids]) {
			const watch = await runBinary(['watch', id, '--log-dir', logs.dir, '--lang', 'en'], {
				env,
				timeoutMs: 10_000,
			});
			expect(watch.code, `${id}: ${watch.stdout}${watch.stderr}`).toBe(0);
			expectInert(watch.stdout + watch.stderr, `watch ${id}`);
		}
		const watched = await runBinary(['watch', logs.fields, '--log-dir', logs.dir, '--lang', 'en'], {
			env,
			timeoutMs: 10_000,
		});
		expect(watched.stdout).toContain('Outcome: Resolved');
		for (const args of [['sessions'], ['sessions', '--json'], ['sessions', '--stats']]) {
			const result = await runBinary([...args, '--log-dir', logs.dir, '--lang', 'en'], {env});
			expect(result.code, args.join(' ')).toBe(0);
			expectInert(result.stdout + result.stderr, args.join(' '));
		}
		// A replay types the logged answers again; an answer with escapes is echoed inert, then refused.
		const replay = await runBinary(
			['--replay', logs.ids, '--log-dir', logs.dir, '--no-detect', '--lang', 'en'],
			{env},
		);
		expect(replay.code).toBe(2);
		expectInert(replay.stdout + replay.stderr, 'replay');
		expect(replay.stdout).toContain('"goclick" is not an answer here');
	});

	it('a --facts file value and a bad --fact value are quoted inert in the error', async () => {
		const facts = join(scratch, 'facts.json');
		writeFileSync(facts, JSON.stringify({'os.product': `Windows 11${ESCAPES}`}));
		const file = await runBinary(['--facts', facts], {env});
		expect(file.code).toBe(2);
		expect(file.stderr).toMatch(/facts\.json:1:\d+: os\.product ".*" is not valid/);
		expectInert(file.stderr, '--facts');
		const flag = await runBinary(['--fact', `os.product=${ESCAPES}`], {env});
		expect(flag.code).toBe(2);
		expectInert(flag.stderr, '--fact');
	});
});
