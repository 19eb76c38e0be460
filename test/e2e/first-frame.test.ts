/**
 * The first frame is painted before Ink, React and Yoga have loaded (source/ui/first-frame.ts), in
 * a real pseudo-terminal (scripts/pty-probe.py). What a person must not notice: Ink taking the
 * screen over (it writes nothing), keys typed meanwhile (kept, not echoed), or a signal meanwhile
 * (the same clean stop as later: logged, terminal restored, exit 130).
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import stripAnsi from 'strip-ansi';
import {afterAll, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {BINARY} from '../helpers/run-binary.js';
import {sessionEvents, sessionFile} from '../helpers/session-logs.js';

const PROBE = fileURLToPath(new URL('../../scripts/pty-probe.py', import.meta.url));
const CLEAR_SCREEN = '\u001B[2J';
const ERASE_LINE = '\u001B[2K';
const hex = (text: string) => Buffer.from(text).toString('hex');

const scratch = mkdtempSync(join(tmpdir(), 'w365-first-frame-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

type Probe = {
	firstFrameBytes: number;
	firstKeyMs: number | null;
	keyBytes: number[];
	exitCode: number | null;
	terminalModes: {echo: boolean; icanon: boolean} | null;
};

/** Runs the app in the probe; `output` is everything it wrote, `painted` the first frame (until quiet). */
function probe(
	name: string,
	probeArgs: string[],
	appArgs: string[],
): {result: Probe; output: string; painted: string; logDir: string} {
	const logDir = join(scratch, name);
	const dump = join(scratch, `${name}.out`);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOME: join(scratch, 'home'),
		XDG_CONFIG_HOME: join(scratch, 'home', '.config'),
		LANG: 'en_US.UTF-8',
		LC_ALL: '',
		TERM: 'xterm-256color',
	};
	for (const variable of ['NO_COLOR', 'ACCESSIBLE', 'FORCE_COLOR']) delete env[variable];
	const run = spawnSync(
		'python3',
		[
			PROBE,
			'--dump',
			dump,
			...probeArgs,
			'--',
			process.execPath,
			BINARY,
			'--log-dir',
			logDir,
			'--no-detect',
			...appArgs,
		],
		{encoding: 'utf8', env, timeout: 60_000},
	);
	expect(run.status, run.stdout + run.stderr).toBe(0);
	const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Probe;
	const bytes = readFileSync(dump);
	return {
		result,
		output: bytes.toString('utf8'),
		painted: bytes.subarray(0, result.firstFrameBytes).toString('utf8'),
		logDir,
	};
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(spawnSync('python3', ['--version']).status !== 0)(
	'the first frame, before Ink has loaded (pseudo-terminal, 80x24)',
	() => {
		it('is the whole first question, and Ink takes the screen over without writing a byte', () => {
			// Quiet for 800 ms after the first question shows: Ink has long loaded by then. One key after.
			const {result, output, painted} = probe(
				'takeover',
				['--marker', 'Step 1 · symptom', '--settle', '800', '--key', hex('\u001B[B')],
				[],
			);
			expect(count(painted, CLEAR_SCREEN)).toBe(1);
			expect(painted).not.toContain(ERASE_LINE);
			const screen = stripAnsi(painted);
			expect(screen).toContain('Step 1 · symptom');
			expect(screen).toContain(
				'1. "Connection and authentication failures" appears; I never reach the',
			);
			expect(screen).toContain('↑↓/jk move');
			// The key is answered by Ink: the highlight moves, one rewritten line at a time.
			expect(result.keyBytes[0]).toBeGreaterThan(0);
			expect(output.slice(painted.length)).toContain(ERASE_LINE);
		});

		it('loads neither line mode nor the Windows probes before the first question', () => {
			// A preloaded script notes Node's own modules loaded when the question is written, and
			// ends the process there (what loads later is no longer in the question's way).
			const loaded = join(scratch, 'loaded-at-question.json');
			const preload = join(scratch, 'loaded-at-question.cjs');
			writeFileSync(
				preload,
				[
					'const write = process.stdout.write;',
					'process.stdout.write = function (chunk, ...rest) {',
					'\tconst written = write.call(this, chunk, ...rest);',
					"\tif (String(chunk).includes('Step 1')) {",
					`\t\trequire('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList));`,
					'\t\tprocess.reallyExit(0);',
					'\t}',
					'\treturn written;',
					'};',
				].join('\n'),
			);
			const run = spawnSync(
				'python3',
				[
					PROBE,
					'--marker',
					'Step 1',
					'--',
					process.execPath,
					'--require',
					preload,
					BINARY,
					'--log-dir',
					join(scratch, 'loaded'),
					'--lang',
					'en',
				],
				{encoding: 'utf8', timeout: 60_000, env: {...process.env, TERM: 'xterm-256color'}},
			);
			expect(run.status, run.stdout + run.stderr).toBe(0);
			const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
			expect(modules).toContain('NativeModule tty'); // the list is the real one
			// Line mode's reader, and the process spawning the probes use (detection starts after
			// the question, and only on Windows runs a probe).
			expect(modules).not.toContain('NativeModule readline');
			expect(modules).not.toContain('NativeModule child_process');
		});

		it('keeps keys typed while Ink loads, and does not echo them', () => {
			// ↓ and Enter the moment the question shows: the second choice of the example flow.
			const {result, output, logDir} = probe(
				'typed-ahead',
				[
					'--marker',
					'Step 1 · symptom',
					'--first-key',
					hex('\u001B[B\r'),
					'--first-key-answer',
					hex('Step 2 · spooler'),
					'--key',
					hex('q'),
				],
				['--flow', EXAMPLE_FLOW],
			);
			expect(result.firstKeyMs).not.toBeNull();
			expect(output).not.toContain('^[[B');
			expect(sessionEvents(sessionFile(logDir))).toContainEqual(
				expect.objectContaining({
					type: 'answer',
					node: 'symptom',
					answer: 'stuck',
					next: 'spooler',
				}),
			);
			expect(result.exitCode).toBe(130);
			expect(result.terminalModes).toEqual({echo: true, icanon: true});
		});

		it('answers keys typed before Ink has loaded, and Ink goes on from where they left the screen', () => {
			// ↓↓ in one read the moment the question shows (answered before Ink, as a rule), then ↑
			// and Enter later (by Ink): the second choice, each key taken once.
			const {result, output, logDir} = probe(
				'hand-over',
				[
					'--marker',
					'Step 1 · symptom',
					'--first-key',
					hex('\u001B[B\u001B[B'),
					'--first-key-answer',
					hex(ERASE_LINE),
					'--key',
					hex('\u001B[A'),
					'--key',
					hex('\r'),
					'--key',
					hex('q'),
				],
				['--flow', EXAMPLE_FLOW],
			);
			expect(result.firstKeyMs).not.toBeNull();
			expect(output).not.toContain('^[[B');
			const answers = sessionEvents(sessionFile(logDir)).filter((event) => event.type === 'answer');
			expect(answers).toEqual([
				expect.objectContaining({node: 'symptom', answer: 'stuck', next: 'spooler'}),
			]);
			expect(result.exitCode).toBe(130);
			expect(result.terminalModes).toEqual({echo: true, icanon: true});
		});

		it('quits on q typed the moment the question shows: logged once, terminal restored, exit 130', () => {
			const {result, output, logDir} = probe(
				'early-quit',
				['--marker', 'Step 1 · symptom', '--first-key', hex('q')],
				[],
			);
			expect(result.exitCode).toBe(130);
			expect(result.terminalModes).toEqual({echo: true, icanon: true});
			expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(
				output.lastIndexOf('\u001B[?1049h'),
			);
			expect(stripAnsi(output.slice(output.lastIndexOf('\u001B[?1049l')))).toContain(
				'Stopped at step 1 · symptom.',
			);
			const interrupted = sessionEvents(sessionFile(logDir)).filter(
				(event) => event.type === 'interrupted',
			);
			expect(interrupted).toEqual([expect.objectContaining({reason: 'quit', step: 1})]);
		});

		it.each(['TERM', 'HUP', 'INT'])(
			'stops cleanly on SIG%s while Ink loads: logged once, terminal restored, exit 130',
			(signal) => {
				const {result, output, logDir} = probe(
					`signal-${signal}`,
					['--marker', 'Step 1 · symptom', '--signal-at-marker', signal],
					[],
				);
				expect(result.exitCode).toBe(130);
				expect(result.terminalModes).toEqual({echo: true, icanon: true});
				// Cursor shown and the alternate screen left, after the frame; the place in the scrollback.
				expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(
					output.lastIndexOf('\u001B[?25l'),
				);
				expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(
					output.lastIndexOf('\u001B[?1049h'),
				);
				expect(stripAnsi(output.slice(output.lastIndexOf('\u001B[?1049l')))).toContain(
					'Stopped at step 1 · symptom.',
				);
				const interrupted = sessionEvents(sessionFile(logDir)).filter(
					(event) => event.type === 'interrupted',
				);
				expect(interrupted).toEqual([
					expect.objectContaining({reason: `SIG${signal}`, step: 1, node: 'symptom'}),
				]);
			},
		);
	},
);
