/**
 * Tried as an unlucky user would: the disk fills up mid-walk (a real 64 KB tmpfs), the settings
 * file is a directory or a FIFO, two sessions get the same id. Every session has exactly one true
 * log, and every problem is one clear sentence.
 */
import {execFileSync} from 'node:child_process';
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import Conf from 'conf';
import {describe, expect, it} from 'vitest';
import {findResumable, listSessions} from '../../source/session/list-sessions.js';
import {readSessionFile} from '../../source/session/read-session.js';
import {isSessionId, newSessionId} from '../../source/session/session-id.js';
import {openSessionLog} from '../../source/session/session-log.js';
import {loadSettings, settingsFile} from '../../source/session/settings.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {scratchSpace} from '../helpers/scratch.js';
import {runBinary} from '../helpers/run-binary.js';
import {EXAMPLE, fakeClock, START_FACTS} from '../session/session-fixtures.js';

const IS_ROOT = process.getuid?.() === 0;
const {scratch, mountTmpfs} = scratchSpace('w365-unlucky-');

/** Fills the file system holding `dir` to the last byte. */
function fillUp(dir: string): void {
	const fd = openSync(join(dir, 'filler'), 'w');
	const chunk = Buffer.alloc(1024, 'x');
	try {
		for (;;) writeSync(fd, chunk);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
	}
	try {
		for (;;) writeSync(fd, chunk, 0, 1);
	} catch {
		// full to the byte
	}
	closeSync(fd);
}

describe.skipIf(!IS_ROOT)(
	'a disk that fills up mid-walk (a real 64 KB tmpfs; mounting needs root)',
	() => {
		it('moves the log to a private directory, and the torn copy left behind is never resumed or listed', async () => {
			const mount = join(scratch(), 'disk');
			mountTmpfs(mount, 'size=64k,mode=0700');
			const dir = join(mount, 'sessions');
			const notices: string[] = [];
			const log = openSessionLog({
				logDir: dir,
				flow: EXAMPLE.flow,
				flowFile: EXAMPLE.file,
				flowHash: EXAMPLE.hash,
				language: 'en',
				facts: START_FACTS,
				appVersion: '0.1.0',
				now: fakeClock(),
				onNotice: (line) => notices.push(line),
			});
			expect(log.path!.startsWith(dir)).toBe(true);
			fillUp(mount);
			for (let index = 0; index < 200 && notices.length === 0; index++) {
				log.record({
					type: 'fact',
					step: 1,
					node: 'symptom',
					name: 'os.version',
					value: `ver-${'x'.repeat(200)}-${index}`,
					origin: 'corrected',
				});
			}
			log.record({type: 'interrupted', step: 1, node: 'symptom', reason: 'SIGTERM'});
			log.close();
			expect(notices).toEqual([
				expect.stringMatching(
					/^The session log could not be written \(ENOSPC: disk full\); this session is logged to \S+ instead\.$/,
				),
			]);
			expect(log.path!.startsWith(dir)).toBe(false);
			// The moved log holds every event; the log directory holds no session any more.
			expect(readSessionFile(log.path!).events).toHaveLength(log.events().length);
			expect(readdirSync(dir).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
			expect(readdirSync(dir)).toEqual([`${log.id}.jsonl.moved`]);
			expect(findResumable(dir)).toBeUndefined();
			expect(listSessions(dir).sessions).toEqual([]);
			const resume = await runBinary(['--resume', '--log-dir', dir, '--plain', '--lang', 'en'], {
				input: '1\n',
				env: {XDG_CONFIG_HOME: join(mount, '..', 'config')},
			});
			expect(resume.code).toBe(1);
			expect(resume.stderr.trim().split('\n')).toEqual([
				expect.stringContaining('there is no unfinished session to resume'),
			]);
			rmSync(join(log.path!, '..'), {recursive: true, force: true});
		});
	},
);

describe('a settings file that cannot be used', () => {
	it('is found where conf keeps it, without reading it', () => {
		const dir = scratch();
		expect(settingsFile(dir)).toBe(new Conf({projectName: 'w365-triage', cwd: dir}).path);
		const env = {...process.env, XDG_CONFIG_HOME: dir};
		const saved = process.env.XDG_CONFIG_HOME;
		process.env.XDG_CONFIG_HOME = dir;
		try {
			expect(settingsFile(undefined, env)).toBe(new Conf({projectName: 'w365-triage'}).path);
		} finally {
			if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
			else process.env.XDG_CONFIG_HOME = saved;
		}
	});

	it.each([
		[
			'a directory',
			(file: string) => mkdirSync(file),
			/it is a directory, not a file: remove or rename it/,
		],
		[
			'a FIFO',
			(file: string) => execFileSync('mkfifo', [file]),
			/it is not a regular file \(a pipe or a device\): remove or rename it/,
		],
	])(
		'config.json as %s: one sentence naming it, defaults, and the logs stay beside it (never ./sessions)',
		async (_, make, reason) => {
			const base = scratch();
			const configDir = join(base, 'config', 'w365-triage-nodejs');
			mkdirSync(configDir, {recursive: true});
			const file = join(configDir, 'config.json');
			make(file);
			const loaded = loadSettings({cwd: configDir, language: 'en'});
			expect(loaded.notice).toMatch(reason);
			expect(loaded.sessionsDir).toBe(join(configDir, 'sessions'));

			const cwd = join(base, 'cwd');
			mkdirSync(cwd);
			const result = await runBinary(
				['--flow', EXAMPLE_FLOW, '--no-detect', '--plain', '--lang', 'en'],
				{
					input: '2\n1\n',
					env: {XDG_CONFIG_HOME: join(base, 'config')},
					cwd,
					timeoutMs: 15_000,
				},
			);
			expect(result.timedOut).toBeUndefined();
			expect(result.code).toBe(0);
			expect(result.stderr.trim().split('\n')).toEqual([
				expect.stringMatching(
					new RegExp(
						`^The settings in ${file} cannot be used \\(${reason.source}\\): defaults are used for this run\\.$`,
					),
				),
			]);
			expect(existsSync(join(cwd, 'sessions'))).toBe(false);
			expect(
				readdirSync(join(configDir, 'sessions')).filter((name) => name.endsWith('.jsonl')),
			).toHaveLength(1);
		},
	);
});

describe('a FIFO where a file is expected', () => {
	it('--facts FIFO is refused at once (a usage error), never waited on', async () => {
		const base = scratch();
		const fifo = join(base, 'facts.json');
		execFileSync('mkfifo', [fifo]);
		const result = await runBinary(
			[
				'--flow',
				EXAMPLE_FLOW,
				'--no-detect',
				'--plain',
				'--facts',
				fifo,
				'--log-dir',
				join(base, 'logs'),
			],
			{env: {XDG_CONFIG_HOME: join(base, 'config')}, timeoutMs: 10_000},
		);
		expect(result.timedOut).toBeUndefined();
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual([
			`w365-triage: ${fifo}: is not a regular file (a pipe or a device), so it is not a facts file`,
		]);
		expect(existsSync(join(base, 'logs'))).toBe(false);
	});
});

describe('session ids', () => {
	it('carry 64 random bits', () => {
		const ids = Array.from({length: 200}, () => newSessionId(new Date('2026-11-25T18:46:58Z')));
		expect(new Set(ids).size).toBe(200);
		for (const id of ids) {
			expect(isSessionId(id)).toBe(true);
			expect(id).toMatch(/^20261125-184658-[0-9a-f]{16}$/);
		}
	});

	it('a new session whose id is taken gets another one instead of failing or moving away', () => {
		const dir = join(scratch(), 'logs');
		let taken = 0;
		const log = openSessionLog({
			logDir: dir,
			flow: EXAMPLE.flow,
			flowFile: EXAMPLE.file,
			flowHash: EXAMPLE.hash,
			language: 'en',
			facts: START_FACTS,
			appVersion: '0.1.0',
			io: {
				create: (path) => {
					if (taken++ < 2) throw Object.assign(new Error('file exists'), {code: 'EEXIST'});
					return openSync(path, 'ax', 0o600);
				},
			},
		});
		log.close();
		expect(log.notice).toBeUndefined();
		expect(log.path!.startsWith(dir)).toBe(true);
		expect(readSessionFile(log.path!).id).toBe(log.id);
	});
});
