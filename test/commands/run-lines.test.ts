/**
 * Line mode as the `run` command drives it, in-process: lines fed through a stream the way
 * standard input would be (stdinLines), a real session log in a scratch folder, and the text a user
 * reads captured: the questions, the gate, the stop line with the command that continues, the log's
 * path, the JSON line and the exit code.
 */
import {existsSync, readFileSync} from 'node:fs';
import {Readable, Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runLines} from '../../source/commands/run-lines.js';
import {stdinLines} from '../../source/commands/stdin-lines.js';
import {start} from '../../source/engine/engine.js';
import type {Language} from '../../source/flow/schema.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {openSessionLog} from '../../source/session/session-log.js';
import {scratchSpace} from '../helpers/scratch.js';
import {EXAMPLE} from '../session/session-fixtures.js';

const {scratch} = scratchSpace('w365-run-lines-');

function collector() {
	const sink = {text: ''};
	const stream = new Writable({
		write(chunk, _encoding, done) {
			sink.text += String(chunk);
			done();
		},
	});
	return {sink, stream};
}

async function runLinesWith(
	lines: string[],
	{json = false, interactive = false, language = 'en' as Language, answers = [] as string[]} = {},
) {
	const logDir = scratch();
	const log = openSessionLog({
		logDir,
		flow: EXAMPLE.flow,
		flowFile: EXAMPLE.file,
		flowHash: EXAMPLE.hash,
		language,
		facts: {},
		appVersion: '0.1.0',
	});
	const path = log.path!;
	const out = collector();
	const jsonOut = collector();
	const input = stdinLines(Readable.from(lines.map((line) => `${line}\n`)));
	const exitCode = await runLines(
		{
			state: start(EXAMPLE.flow, {}),
			language,
			asOf: '2026-11-25',
			transitions: recordTransitions(log.record),
			log,
			answers,
			resumeDir: logDir,
		},
		input,
		{out: out.stream, json: json ? jsonOut.stream : undefined, interactive},
	);
	log.close();
	const events = existsSync(path)
		? readFileSync(path, 'utf8')
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as {type: string; reason?: string})
		: undefined;
	return {
		exitCode,
		output: out.sink.text,
		json: jsonOut.sink.text,
		id: log.id,
		logDir,
		path,
		events,
	};
}

describe('line mode in the run command', () => {
	it('asks each question, and at the end of input says where it stopped and how to continue', async () => {
		const run = await runLinesWith(['2']);
		expect(run.output).toContain('Answer 1-3 (b back, l language, ? help, q quit): ');
		expect(run.output).toContain('Input ended before the triage finished (step 2 · spooler).');
		expect(run.output).toContain(
			`To continue where you stopped: w365-triage --resume ${run.id} --log-dir ${run.logDir}`,
		);
		expect(run.output.trimEnd().split('\n').at(-1)).toBe(`Session log: ${run.path}`);
		expect(run.exitCode).toBe(130);
		expect(run.events?.at(-1)).toMatchObject({type: 'interrupted', reason: 'eof'});
	});

	it('stops at the backup gate when piped yes is all there is: exit 3, resumable by a person', async () => {
		const run = await runLinesWith(['2', '2', 'yes', 'yes', 'yes']);
		expect(run.output).toContain('Item 1 of 3: I saved and closed my open files');
		expect(run.output).toContain('a person must confirm each backup');
		expect(run.output).toContain(`To continue where you stopped: w365-triage --resume ${run.id}`);
		expect(run.exitCode).toBe(3);
		expect(run.events?.some((event) => event.type === 'ack')).toBe(false);
		expect(run.events?.at(-1)).toMatchObject({type: 'interrupted', reason: 'gate'});
	});

	it('q says where it stopped, in the language of the walk', async () => {
		const run = await runLinesWith(['2', 'q'], {interactive: true, language: 'ja'});
		expect(run.output).toContain('中断したところから続けるには: w365-triage --resume');
		expect(run.output).toContain(`セッションログ: ${run.path}`);
		expect(run.exitCode).toBe(130);
		expect(run.events?.at(-1)).toMatchObject({type: 'interrupted', reason: 'quit'});
	});

	it('a finished walk names no resume command; --json ends with one line on its own stream', async () => {
		const run = await runLinesWith([], {json: true, answers: ['no-print', 'unsure']});
		expect(run.exitCode).toBe(0);
		expect(run.output).not.toContain('To continue where you stopped');
		expect(run.output).toContain(`Session log: ${run.path}`);
		const lines = run.json.trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0]!)).toMatchObject({
			outcome: 'escalate',
			language: 'en',
			exitCode: 0,
			session: {id: run.id, log: run.path},
		});
	});

	it('a script refused at a question (exit 2) leaves no session behind', async () => {
		const run = await runLinesWith(['7']);
		expect(run.output).toContain('"7" is not an answer here');
		expect(run.exitCode).toBe(2);
		expect(run.output).not.toContain('Session log:');
		expect(run.events).toBeUndefined();
	});
});
