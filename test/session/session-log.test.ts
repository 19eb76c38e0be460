/** The session log writer and reader: JSON Lines, fsync'd, private, and never in the way. */
import {spawn} from 'node:child_process';
import {
	appendFileSync,
	chmodSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {hashFlow} from '../../source/session/flow-hash.js';
import {
	parseSessionText,
	readSessionFile,
	resolveSession,
} from '../../source/session/read-session.js';
import {SessionError, SessionInUseError} from '../../source/session/session-error.js';
import {isSessionId, newSessionId, randomHex} from '../../source/session/session-id.js';
import {resumeSessionLog} from '../../source/session/resume-log.js';
import {type LogIo, openSessionLog} from '../../source/session/session-log.js';
import {EXAMPLE, fakeClock, START_FACTS} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();

const open = (logDir: string, extra: Partial<Parameters<typeof openSessionLog>[0]> = {}) =>
	openSessionLog({
		logDir,
		flow: EXAMPLE.flow,
		flowFile: EXAMPLE.file,
		flowHash: EXAMPLE.hash,
		language: 'en',
		facts: START_FACTS,
		appVersion: '0.1.0',
		now: fakeClock(),
		...extra,
	});

describe('session ids', () => {
	it('sort by time and say when the session started (UTC)', () => {
		const id = newSessionId(new Date('2026-11-25T18:46:58.900Z'), 'ab12');
		expect(id).toBe('20261125-184658-ab12');
		expect(isSessionId(id)).toBe(true);
		expect(newSessionId(new Date('2026-11-25T18:46:59Z')) > id).toBe(true);
	});

	it('end in 64 random bits, different every time', () => {
		const ids = Array.from({length: 400}, () => newSessionId(new Date('2026-11-25T18:46:58Z')));
		for (const id of ids) expect(id).toMatch(/^20261125-184658-[0-9a-f]{16}$/);
		expect(new Set(ids).size).toBe(ids.length);
		// Every hex digit turns up in every position: not a counter, not a clock.
		for (let at = 16; at < 32; at++) expect(new Set(ids.map((id) => id[at])).size).toBe(16);
		expect(randomHex(4)).toMatch(/^[0-9a-f]{8}$/);
	});
});

describe('openSessionLog', () => {
	it('writes the start event at once, then one fsync-ed JSON line per event; the reader gets them back', () => {
		const dir = join(tempDir(), 'sessions');
		const log = open(dir, {id: '20260120-091500-ab12'});
		expect(log.notice).toBeUndefined();
		expect(log.path).toBe(join(dir, '20260120-091500-ab12.jsonl'));
		// The start event is on disk before anything else happens.
		const first = readFileSync(log.path!, 'utf8');
		expect(first.endsWith('\n')).toBe(true);
		expect(first.split('\n')).toHaveLength(2);
		log.record({type: 'answer', step: 1, node: 'symptom', answer: 'stuck', next: 'spooler'});
		log.record({type: 'interrupted', step: 2, node: 'spooler', reason: 'SIGHUP'});
		log.close();
		log.record({type: 'restart', step: 2, node: 'spooler'}); // after close: ignored, no throw

		const session = readSessionFile(log.path!);
		expect(session.warnings).toEqual([]);
		expect(session.id).toBe('20260120-091500-ab12');
		expect(session.events.map((event) => event.type)).toEqual(['start', 'answer', 'interrupted']);
		expect(session.start).toMatchObject({
			type: 'start',
			session: '20260120-091500-ab12',
			app: {name: 'w365-triage', version: '0.1.0'},
			flow: {id: 'example', version: '1.0.0', hash: hashFlow(EXAMPLE.source), file: EXAMPLE.file},
			language: 'en',
			facts: START_FACTS,
			pid: process.pid,
		});
		expect(session.events[1]).toEqual({
			type: 'answer',
			time: '2026-01-20T09:15:07.000Z',
			step: 1,
			node: 'symptom',
			answer: 'stuck',
			next: 'spooler',
			pid: process.pid,
		});
		expect(log.events()).toEqual(session.events);
	});

	it('creates the file with mode 0600 and the directories with 0700', () => {
		const base = tempDir();
		const dir = join(base, 'data', 'sessions');
		const log = open(dir);
		log.close();
		expect(statSync(log.path!).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(statSync(join(base, 'data')).mode & 0o777).toBe(0o700);
	});

	it('never reuses an existing file for a new session', () => {
		const dir = tempDir();
		writeFileSync(join(dir, '20260120-091500-ab12.jsonl'), 'someone else\n');
		const log = open(dir, {id: '20260120-091500-ab12', io: {makeTempDir: () => tempDir()}});
		expect(log.path).not.toBe(join(dir, '20260120-091500-ab12.jsonl'));
		expect(readFileSync(join(dir, '20260120-091500-ab12.jsonl'), 'utf8')).toBe('someone else\n');
		log.close();
	});

	// Tests run as root, where chmod 0500 does not stop a write. A path *under a regular file*
	// fails for everyone (ENOTDIR), like a log directory on a read-only or missing mount.
	it('falls back to a private temporary directory when the log directory cannot be written, and says so once', () => {
		const base = tempDir();
		writeFileSync(join(base, 'file.txt'), 'not a directory');
		const fallback = join(tempDir(), 'fallback');
		const log = open(join(base, 'file.txt', 'sessions'), {
			io: {
				makeTempDir: () => {
					mkdirSync(fallback, {mode: 0o700});
					return fallback;
				},
			},
		});
		expect(log.path).toBe(join(fallback, `${log.id}.jsonl`));
		expect(log.notice).toMatch(
			/^The session log could not be written \(ENOTDIR: .*\); this session is logged to .* instead\.$/,
		);
		expect(log.notice).not.toContain('\n');
		log.record({type: 'restart', step: 1, node: 'symptom'});
		log.close();
		expect(readSessionFile(log.path!).events.map((event) => event.type)).toEqual([
			'start',
			'restart',
		]);
	});

	it('turns logging off (in memory only) when no directory can be written, and the triage goes on', () => {
		const base = tempDir();
		writeFileSync(join(base, 'file.txt'), '');
		const log = open(join(base, 'file.txt', 'sessions'), {
			io: {makeTempDir: () => join(base, 'file.txt', 'tmp')},
		});
		expect(log.path).toBeUndefined();
		expect(log.notice).toMatch(
			/^The session log could not be written anywhere \(ENOTDIR.*\); logging is off for this session\.$/,
		);
		expect(() => log.record({type: 'restart', step: 1, node: 'symptom'})).not.toThrow();
		expect(log.events().map((event) => event.type)).toEqual(['start', 'restart']);
		log.close();
	});

	it('moves to a temporary directory with every event so far when the disk fills up mid-session', () => {
		const dir = tempDir();
		const fallback = tempDir();
		// The log directory's "disk" takes two lines, then is full (the fallback's is not).
		let writes = 0;
		let fullFd: number | undefined;
		const io: Partial<LogIo> = {
			create: (path) => {
				const fd = openSync(path, 'ax', 0o600);
				if (path.startsWith(dir)) fullFd = fd;
				return fd;
			},
			write: (fd, text) => {
				if (fd === fullFd && ++writes > 2)
					throw Object.assign(new Error('no space left on device'), {code: 'ENOSPC'});
				appendFileSync(fd, text);
			},
			close: (fd) => {
				if (fd === fullFd) fullFd = undefined;
				closeSync(fd);
			},
			makeTempDir: () => fallback,
		};
		const notices: string[] = [];
		const log = open(dir, {io, onNotice: (line) => notices.push(line)});
		log.record({type: 'answer', step: 1, node: 'symptom', answer: 'stuck', next: 'spooler'});
		log.record({type: 'answer', step: 2, node: 'spooler', answer: 'still-broken', next: 'backup'});
		log.record({type: 'ack', step: 3, node: 'backup', item: 'files'});
		log.close();
		expect(notices).toEqual([
			expect.stringMatching(
				/^The session log could not be written \(ENOSPC: disk full\); this session is logged to .* instead\.$/,
			),
		]);
		expect(log.notice).toBe(notices[0]);
		expect(log.path).toBe(join(fallback, `${log.id}.jsonl`));
		expect(readSessionFile(log.path!).events.map((event) => event.type)).toEqual([
			'start',
			'answer',
			'answer',
			'ack',
		]);
	});
});

describe('reading a log cut short', () => {
	const line = (event: object) => `${JSON.stringify(event)}\n`;
	const start = {
		type: 'start',
		time: '2026-01-20T09:15:00.000Z',
		step: 1,
		node: 'symptom',
		session: '20260120-091500-ab12',
		app: {name: 'w365-triage', version: '0.1.0'},
		flow: {id: 'example', version: '1.0.0', hash: 'x', file: 'flows/example.yaml'},
		language: 'en',
		facts: {},
	};
	const answer = {
		type: 'answer',
		time: '2026-01-20T09:15:07.000Z',
		step: 1,
		node: 'symptom',
		answer: 'stuck',
		next: 'spooler',
	};

	it('ignores a torn last line and says so, as a warning, not an error', () => {
		const text = line(start) + line(answer) + line(answer).slice(0, 30);
		const parsed = parseSessionText(text);
		expect(parsed.events).toHaveLength(2);
		expect(parsed.warnings).toEqual([{code: 'torn-last-line', line: 3}]);
		expect(parsed.completeBytes).toBe(Buffer.byteLength(line(start) + line(answer)));
	});

	it('keeps a last line that only lacks its newline, and skips a bad line in the middle', () => {
		const parsed = parseSessionText(
			`${line(start)}{"type":"answer","time":1}\ngarbage\n${line(answer).trimEnd()}`,
		);
		expect(parsed.events.map((event) => event.type)).toEqual(['start', 'answer']);
		expect(parsed.warnings).toEqual([
			{code: 'bad-line', line: 2},
			{code: 'bad-line', line: 3},
		]);
	});

	it('refuses a file with no complete start event, naming it', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'empty.jsonl'), line(start).slice(0, 20));
		expect(() => readSessionFile(join(dir, 'empty.jsonl'))).toThrow(
			/empty\.jsonl is not a usable session log: it holds no complete event/,
		);
	});

	it('loses at most the event being written when the writer is killed with SIGKILL', async () => {
		const dir = tempDir();
		const script = join(dir, 'writer.ts');
		const sessionLog = fileURLToPath(
			new URL('../../source/session/session-log.ts', import.meta.url),
		);
		const fixtures = fileURLToPath(new URL('./session-fixtures.ts', import.meta.url));
		writeFileSync(
			script,
			`import {openSessionLog} from ${JSON.stringify(sessionLog)};
import {EXAMPLE} from ${JSON.stringify(fixtures)};
const log = openSessionLog({logDir: ${JSON.stringify(dir)}, flow: EXAMPLE.flow, flowFile: EXAMPLE.file, flowHash: EXAMPLE.hash, language: 'ja', facts: {}, appVersion: '0.1.0', id: '20260120-091500-dead'});
const padding = 'x'.repeat(20000);
process.stdout.write('ready\\n');
for (;;) log.record({type: 'fact', step: 1, node: 'symptom', name: 'os.product', value: 'Windows 11 ' + padding, origin: 'corrected'});
`,
		);
		const child = spawn(process.execPath, ['--import', 'tsx', script], {
			cwd: fileURLToPath(new URL('../..', import.meta.url)),
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
		await new Promise((resolve) => setTimeout(resolve, 300));
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		const session = readSessionFile(join(dir, '20260120-091500-dead.jsonl'));
		expect(session.events.length).toBeGreaterThan(2);
		// Every line but (perhaps) the last is a whole event.
		expect(session.warnings.every((warning) => warning.code === 'torn-last-line')).toBe(true);
		expect(session.warnings.length).toBeLessThanOrEqual(1);
	});
});

describe('resumeSessionLog', () => {
	it('cuts off a torn last line, then appends to the same file', () => {
		const dir = tempDir();
		const log = open(dir);
		log.record({type: 'answer', step: 1, node: 'symptom', answer: 'stuck', next: 'spooler'});
		log.close();
		appendFileSync(log.path!, '{"type":"ack","ti');
		chmodSync(log.path!, 0o644);
		const resumed = resumeSessionLog(log.path!, {now: fakeClock('2026-01-21T08:00:00.000Z')});
		expect(resumed.path).toBe(log.path);
		expect(resumed.notice).toMatch(
			/^The last line of .* was cut short .* and was removed before resuming\.$/,
		);
		resumed.record({type: 'answer', step: 2, node: 'spooler', answer: 'printed', next: 'fixed'});
		resumed.close();
		const session = readSessionFile(log.path!);
		expect(session.warnings).toEqual([]);
		expect(session.events.map((event) => event.type)).toEqual(['start', 'answer', 'answer']);
		expect(resumed.events()).toEqual(session.events);
		expect(statSync(log.path!).mode & 0o777).toBe(0o600);
	});

	it('refuses a session another live process is still writing, unless forced', () => {
		const dir = tempDir();
		const path = join(dir, 'live.jsonl');
		const log = open(dir);
		log.close();
		// Pretend another process (this test's parent, which is alive) wrote it.
		const events = readFileSync(log.path!, 'utf8').replace(
			`"pid":${process.pid}`,
			`"pid":${process.ppid}`,
		);
		writeFileSync(path, events);
		expect(() => resumeSessionLog(path)).toThrow(SessionInUseError);
		resumeSessionLog(path, {force: true}).close();
	});
});

describe('resolveSession', () => {
	it('finds a session by id, by the start of its id, or by its path', () => {
		const dir = tempDir();
		for (const id of ['20260120-091500-ab12', '20260120-101500-cd34']) open(dir, {id}).close();
		expect(resolveSession('20260120-091500-ab12', dir)).toBe(
			join(dir, '20260120-091500-ab12.jsonl'),
		);
		expect(resolveSession('20260120-1015', dir)).toBe(join(dir, '20260120-101500-cd34.jsonl'));
		expect(resolveSession(join(dir, '20260120-091500-ab12.jsonl'), '/nowhere')).toBe(
			join(dir, '20260120-091500-ab12.jsonl'),
		);
		expect(() => resolveSession('20260120', dir)).toThrow(/matches 2 sessions/);
		expect(() => resolveSession('20270101', dir)).toThrow(SessionError);
		expect(() => resolveSession(join(dir, 'missing.jsonl'), dir)).toThrow(/no session log at/);
		expect(existsSync(dirname(dir))).toBe(true);
	});
});
