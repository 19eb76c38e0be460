/**
 * Line mode driven in-process with in-memory input: what each line of input does, for a person at
 * a terminal (interactive) and for a script (piped) alike.
 */
import {describe, expect, it} from 'vitest';
import {currentStep, start, summary} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import type {Flow, Language} from '../../source/flow/schema.js';
import {type PlainResult, runPlain} from '../../source/plain/run-plain.js';
import type {SessionEvent, SessionEventInput} from '../../source/session/events.js';
import {rebuildState} from '../../source/session/rebuild-state.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {startEvent} from '../../source/session/session-log.js';
import {INCIDENT_FLOW, loadValidFlowFile} from '../helpers/flows.js';
import {EXAMPLE} from '../session/session-fixtures.js';

const INCIDENT = loadValidFlowFile(INCIDENT_FLOW);

type Walked = PlainResult & {
	output: string;
	events: SessionEvent[];
	unread: string[];
	reads: number;
};

async function walk(
	lines: string[],
	{
		interactive = false,
		flow = EXAMPLE,
		facts = {} as Facts,
		answers = [] as string[],
		language = 'en' as Language,
	} = {},
): Promise<Walked> {
	const unread = [...lines];
	let output = '';
	let reads = 0;
	const first = startEvent({
		id: '20260120-091500-ab12',
		time: '2026-01-20T09:15:00.000Z',
		flow: flow.flow,
		flowFile: flow.file,
		flowHash: flow.hash,
		language,
		facts,
		appVersion: '0.1.0',
	});
	const events: SessionEvent[] = [first];
	const record = (input: SessionEventInput) =>
		events.push({...input, time: '2026-01-20T09:16:00.000Z'} as SessionEvent);
	const result = await runPlain({
		state: start(flow.flow as Flow, facts),
		language,
		answers,
		input: {
			async read() {
				if (unread.length === 0) return null;
				reads++;
				return unread.shift()!;
			},
		},
		write: (text) => {
			output += text;
		},
		interactive,
		asOf: '2026-11-25',
		transitions: recordTransitions(record),
	});
	return {...result, output, events, unread, reads};
}

const path = (result: Walked) => summary(result.state).path.map((step) => step.node);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('line mode: one line per prompt', () => {
	it.each([false, true])(
		'never gives a line to a detect or instruction step (interactive: %s)',
		async (interactive) => {
			// symptom → symptom-timing → detect-os (passed) → ask-os: the third line answers ask-os.
			const result = await walk(['1', '1', '2', '1', '1'], {interactive, flow: INCIDENT});
			expect(path(result)).toEqual([
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
			expect(summary(result.state).facts['os.version']).toMatchObject({value: '24H2'});
			expect(result.exitCode).toBe(0);
			// Every prompt printed took exactly one line, and every line was read at a prompt.
			expect(count(result.output, 'Answer 1-')).toBe(5);
			expect(result.reads).toBe(5);
			expect(result.output).not.toContain('Press Enter');
		},
	);

	it("lands on the given build's fix with one answer per question, facts given by hand", async () => {
		const facts: Facts = {
			'os.product': {value: 'Windows 11', origin: 'flag'},
			'os.version': {value: '24H2', origin: 'flag'},
			'os.build': {value: '26100.7623', origin: 'flag'},
		};
		const result = await walk(['1', '1', '1'], {flow: INCIDENT, facts});
		expect(path(result)).toEqual([
			'symptom',
			'symptom-timing',
			'detect-os',
			'fix',
			'fix-confirm',
			'resolved',
		]);
	});

	it('skips a pre-answer that names the step passed by itself (--answers from an older log)', async () => {
		const result = await walk([], {answers: ['no-print', 'continue', 'unsure']});
		expect(path(result)).toEqual(['symptom', 'os-check', 'ask-os', 'escalate']);
	});
});

describe('line mode: correcting a fact', () => {
	it('offers c only at the prompt right after detected facts', async () => {
		const result = await walk(['1', 'q']);
		expect(result.output).toContain('Answer 1-3 (b back, l language, ? help, q quit): ');
		expect(result.output).toContain(
			'Answer 1-3 (c correct a fact, b back, l language, ? help, q quit): ',
		);
		const elsewhere = await walk(['c']);
		expect(elsewhere.exitCode).toBe(2);
		expect(elsewhere.output).toContain('"c" is not an answer here');
	});

	it.each([false, true])(
		'takes the fact by number or name and asks again until the value fits (interactive: %s)',
		async (interactive) => {
			const result = await walk(
				['1', 'c', 'os.bulid', '2', 'abc', '', 'c', '2', 'abc', '26100.7623', 'q'],
				{interactive},
			);
			expect(result.output).toContain(
				'Which fact? 1 Windows product, 2 OS build (a number or a name; Enter keeps them): ',
			);
			expect(result.output).toContain(
				'"os.bulid" is not an answer here: type a number from 1 to 2, or one of Windows product, OS build',
			);
			expect(result.output).toContain(
				'OS build "abc" is not valid: expected the OS build winver shows, e.g. 26100.7623',
			);
			expect(result.output).toContain('Type it again, or press Enter to keep the value.');
			expect(result.output).toContain('Nothing corrected.');
			expect(result.output).toContain('OS build set to 26100.7623.');
			// Asked again, not dropped back: the value prompt was shown again after each refusal.
			expect(count(result.output, 'New value for OS build')).toBe(4);
			expect(summary(result.state).facts['os.build']).toEqual({
				value: '26100.7623',
				origin: 'corrected',
				via: undefined,
			});
			expect(result.exitCode).toBe(130);
			expect(result.unread).toEqual([]);
		},
	);

	it('goes back to the detect step and routes again on the corrected fact, and the log rebuilds to the same state', async () => {
		const result = await walk(['1', 'c', 'os.product', 'Windows 11', 'q']);
		// os-check sends a known Windows 11 to the spooler step, not to ask-os.
		expect(path(result)).toEqual(['symptom', 'os-check', 'spooler']);
		expect(result.output).toContain('Back to step 2 · Checking which Windows this is.');
		const rebuilt = rebuildState(result.events, EXAMPLE.flow, EXAMPLE.hash);
		expect(rebuilt.state).toEqual(result.state);
	});

	it('takes the name shown as well as the id, in either language, and says neither id', async () => {
		const en = await walk(['1', 'c', 'os build', '26100.7623', 'q']);
		expect(en.output).toContain('OS build set to 26100.7623.');
		const ja = await walk(['1', 'c', 'OS ビルド', '26100.7623', 'q'], {language: 'ja'});
		expect(ja.output).toContain(
			'どの情報を修正しますか？ 1 Windows の製品名、2 OS ビルド（番号か名前。Enter で修正しない）: ',
		);
		expect(ja.output).toContain('OS ビルドを 26100.7623 にしました。');
		expect(ja.output).toContain('ステップ 2「お使いの Windows を確認しています。」に戻りました。');
		// The ids stay only in the step header ("── Step 2 · os-check ──") and the stop line.
		for (const result of [en, ja])
			expect(
				result.output
					.split('\n')
					.filter((line) => !/^──|^Stopped|で終了しました/.test(line))
					.join('\n'),
			).not.toMatch(/os\.(build|product)|os-check/);
	});

	it('ends cleanly when input ends in the middle of a correction', async () => {
		const result = await walk(['1', 'c', '1']);
		expect(result.exitCode).toBe(130);
		expect(result.stopped).toBe('eof');
		expect(result.output).toContain('Input ended before the triage finished (step 3 · ask-os).');
	});
});

describe('line mode: going back', () => {
	it.each(['en', 'ja'] as const)(
		'names what was dropped in the words shown, as the terminal UI does (%s)',
		async (language) => {
			const result = await walk(['2', '2', 'yes', 'yes', 'b', 'q'], {interactive: true, language});
			const expected =
				language === 'en'
					? [
							'Back to step 2 · Restart the print spooler',
							'Dropped answers: Restart the print spooler: It still does not print',
							'Dropped backup confirmations: I saved and closed my open files · I created a System Restore point',
						]
					: [
							'ステップ 2「印刷スプーラーを再起動する」に戻りました。',
							'取り消した回答: 印刷スプーラーを再起動する: まだ印刷できない',
							'取り消したバックアップ確認: 開いているファイルを保存して閉じた · システムの復元ポイントを作成した',
						];
			for (const line of expected) expect(result.output).toContain(line);
			expect(result.output).not.toMatch(/spooler=|still-broken|backup:files/);
		},
	);
});

describe('line mode: the backup gate', () => {
	it('confirms one item per yes, naming it, without printing the gate again', async () => {
		const result = await walk(['2', '2', 'yes', 'YES', 'はい', '2', 'q'], {interactive: true});
		expect(result.output).toContain(
			'Item 1 of 3: I saved and closed my open files\nType yes once it is really done (na not applicable here, c cancel, the safe way; b back): ',
		);
		expect(result.output).toContain('Confirmed 1 of 3: I saved and closed my open files');
		expect(result.output).toContain('Item 2 of 3: I created a System Restore point');
		expect(result.output).toContain('Confirmed 2 of 3: I created a System Restore point');
		expect(result.output).toContain('Confirmed 3 of 3: The PC is plugged in and may restart');
		expect(result.output).toContain(
			'All 3 backups confirmed. 1 cancel (the safe way), 2 continue: ',
		);
		expect(count(result.output, '── Step 3 · backup ──')).toBe(1);
		expect(count(result.output, 'Uninstalling an update (example)')).toBe(2); // the gate's sources once, the destructive step's once
		expect(currentStep(result.state).node).toBe('uninstall');
		expect(
			result.events
				.filter((event) => event.type === 'ack')
				.map((event) => (event as {item: string}).item),
		).toEqual(['files', 'restore-point', 'power']);
	});

	it.each(['en', 'ja'] as const)(
		'marks an item not applicable with its reason and echoes only that item, as yes does (%s)',
		async (language) => {
			const result = await walk(
				['2', '2', 'yes', 'na', '2', 'Windows Backup is off on this work PC', 'yes', 'q'],
				{interactive: true, language},
			);
			expect(result.output).toContain(
				language === 'en'
					? 'Not applicable here 2 of 3: I created a System Restore point (why: Windows Backup is off on this work PC)'
					: '該当しない 2/3: システムの復元ポイントを作成した（理由: Windows Backup is off on this work PC）',
			);
			expect(result.output).toContain(
				language === 'en'
					? 'Confirmed 3 of 3: The PC is plugged in and may restart'
					: '確認済み 3/3: ',
			);
			expect(
				count(
					result.output,
					language === 'en' ? '── Step 3 · backup ──' : '── ステップ 3 · backup ──',
				),
			).toBe(1);
			expect(result.events.find((event) => event.type === 'not-applicable')).toMatchObject({
				item: 'restore-point',
				reason: 'Windows Backup is off on this work PC',
			});
		},
	);

	it('refuses a single y with the reason, and confirms nothing', async () => {
		const result = await walk(['2', '2', 'y', 'q'], {interactive: true});
		expect(result.output).toContain(
			'"y" is not an answer here: type yes in full to confirm an item (a single y is not enough here)',
		);
		expect(result.events.some((event) => event.type === 'ack')).toBe(false);
	});

	it('never takes a piped yes as a confirmation: exit 3', async () => {
		const result = await walk(['2', '2', 'yes', 'yes', 'yes', '2']);
		expect(result.exitCode).toBe(3);
		expect(result.events.some((event) => event.type === 'ack')).toBe(false);
		expect(result.output).toContain('a person must confirm each backup');
	});

	it('cancels with c from a script: the safe way needs no person', async () => {
		const result = await walk(['2', '2', 'c', '1']);
		expect(path(result).slice(0, 4)).toEqual(['symptom', 'spooler', 'backup', 'workaround']);
	});
});

describe('line mode: restart asks for yes in full', () => {
	it('restarts on yes, stays on y (saying why) or anything else', async () => {
		const result = await walk(['2', 'r', 'y', 'r', 'no', 'r', 'yes', 'q'], {interactive: true});
		expect(result.output).toContain('Type yes to restart (anything else stays): ');
		expect(result.output).toContain('Not restarted: type yes in full to restart.');
		expect(result.output).toContain('Not restarted.\n');
		expect(count(result.output, 'Restarted.')).toBe(1);
		expect(path(result)).toEqual(['symptom']);
	});

	it('says the Japanese prompts in Japanese', async () => {
		const fact = await walk(['1', 'c', '2', 'abc', 'q'], {interactive: true, language: 'ja'});
		expect(fact.output).toContain(
			'OS ビルドの値「abc」は使えません。winver に表示される OS ビルド（例: 26100.7623）で入力してください。もう一度入力するか、Enter で今の値のままにしてください。',
		);
		const result = await walk(['2', '2', 'q'], {interactive: true, language: 'ja'});
		expect(result.output).toContain(
			'項目 1/3: 開いているファイルを保存して閉じた\n実際に済ませたら yes と入力（na 該当しない、c 中止＝安全な選択、b 戻る）: ',
		);
	});
});
