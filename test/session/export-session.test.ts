/** `export`: Markdown for a ticket (golden files in ja and en), JSON for tools, and --redact. */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {exportCommand} from '../../source/commands/export-command.js';
import type {Language} from '../../source/flow/schema.js';
import type {SessionEvent} from '../../source/session/events.js';
import {exportSession} from '../../source/session/export-session.js';
import {personalData, redactEvents} from '../../source/session/personal-data.js';
import {parseSessionText} from '../../source/session/read-session.js';
import {buildSession, EXAMPLE, goldenWalk} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const fixture = (name: string) =>
	fileURLToPath(new URL(`../fixtures/sessions/${name}`, import.meta.url));
const exampleFlow = {status: 'ok', flow: EXAMPLE.flow, hash: EXAMPLE.hash} as const;
const noLocals = {localUser: 'nobody-here', localHost: 'no-such-host'};

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: string) {
	const file = fixture(name);
	if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
	expect(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
	expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each(['en', 'ja'] as Language[])('Markdown export (%s)', (language) => {
	const {events} = buildSession(goldenWalk, {language});
	const jsonl = `${events.map((event) => JSON.stringify(event)).join('\n')}\n`;

	it('matches the session log fixture (the walk through the gate, with a restart and a back)', () => {
		expectGolden(`example-gate.${language}.jsonl`, jsonl);
	});

	it('matches the golden file, in the session language', () => {
		const session = {
			...parseSessionText(readFileSync(fixture(`example-gate.${language}.jsonl`), 'utf8')),
			path: '',
		};
		// Times in a fixed zone: +09:00 for the Japanese golden file, -05:00 for the English one.
		const offset = () => (language === 'ja' ? 540 : -300);
		const {text} = exportSession(session, {
			format: 'md',
			sessionFlow: exampleFlow,
			personal: noLocals,
			offset,
		});
		expectGolden(`example-gate.${language}.md`, text);
		expectGolden(
			`example-gate.${language}.txt`,
			exportSession(session, {format: 'text', sessionFlow: exampleFlow, personal: noLocals, offset})
				.text,
		);
	});
});

describe('export content', () => {
	const session = () => ({events: buildSession(goldenWalk).events, warnings: [], path: ''});

	it('lists facts with where they came from, every answer with its label, every acknowledgement with its time', () => {
		const {text} = exportSession(session(), {
			format: 'md',
			sessionFlow: exampleFlow,
			personal: noLocals,
			offset: () => 540,
		});
		expect(text).toContain('| `os.product` | `Windows 11` | detected: `registry` |');
		expect(text).toContain(
			'2026-01-20 18:16:17 +09:00 · Step 4 · backup — backup confirmed: I created a System Restore point (`restore-point`)',
		);
		expect(text).toContain(
			'went back to Step 3 · spooler; dropped answers: spooler=still-broken; dropped backup confirmations: backup:files',
		);
		expect(text).toContain('— restarted from step 1');
		expect(text).toMatch(/- Flow hash \(sha256\): `[0-9a-f]{64}`/);
		expect(text).toContain('- App: w365-triage 0.1.0');
	});

	it('can be written in another language than the session (--lang)', () => {
		const {text} = exportSession(session(), {
			format: 'md',
			language: 'ja',
			sessionFlow: exampleFlow,
			personal: noLocals,
		});
		expect(text).toContain('- 言語: 英語 (en)');
		expect(text).toContain('**更新後、何も印刷されない** (`no-print`)');
	});

	it('shows ids only, and says why, when the flow has changed since the session', () => {
		const {text} = exportSession(session(), {
			format: 'md',
			sessionFlow: {...exampleFlow, status: 'changed'},
			personal: noLocals,
		});
		expect(text).toContain(
			"> The flow's text is not shown: the flow file has changed since this session (its hash differs). Answers are listed by id.",
		);
		expect(text).toContain('Step 1 · symptom → `no-print`');
	});

	it('gives tools JSON with the format name, the facts and the labelled events', () => {
		const {text} = exportSession(session(), {
			format: 'json',
			sessionFlow: exampleFlow,
			personal: noLocals,
		});
		const json = JSON.parse(text);
		expect(json).toMatchObject({
			format: 'w365-triage-session-export',
			formatVersion: 1,
			session: '20260120-091500-ab12',
			status: 'finished',
			outcome: 'resolved',
		});
		expect(json.entries[1]).toMatchObject({
			type: 'answer',
			answer: 'no-print',
			label: 'Nothing prints since the update',
			nodeText: 'What do you see?',
		});
		expect(json.facts).toEqual([
			{name: 'os.product', value: 'Windows 11', origin: 'detected', via: 'registry'},
			{name: 'os.build', value: '26100.4100', origin: 'flag'},
		]);
	});

	it('strips control sequences from anything taken from the log', () => {
		const {events} = buildSession((t, state) =>
			t.setFact(
				state,
				'os.product',
				'Windows\u001B]52;c;ZXZpbA==\u0007 11',
				'corrected',
				'typed\u009B2J',
			),
		);
		for (const format of ['md', 'json'] as const) {
			const {text} = exportSession(
				{events, warnings: [], path: ''},
				{format, sessionFlow: exampleFlow, personal: noLocals},
			);
			expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		}
	});
});

describe('personal data', () => {
	const {events} = buildSession(
		(t, state) =>
			t.setFact(
				t.answer(state, 'stuck'),
				'os.product',
				'Windows 11 on CPC-alice-AB12C',
				'corrected',
				'typed by CONTOSO\\alice',
			),
		{
			file: 'C:\\Users\\alice\\flows\\example.yaml',
			facts: {
				'os.product': {
					value: 'Windows 11',
					origin: 'detected',
					via: '\\\\fileserver01\\it\\probe.ps1 on 10.20.30.40',
				},
				'os.build': {
					value: '26100.4100',
					origin: 'file',
					via: '/home/alice/facts.json (alice@contoso.com, fe80::1c2:3ff:fe4d:5e6f)',
				},
			},
		},
	);

	it('finds user and host names and IP addresses in fact values, vias and any other string', () => {
		const found = personalData(events, noLocals);
		expect(found.map(({kind, value, placeholder}) => [kind, value, placeholder])).toEqual([
			['user', 'alice', '<user-1>'],
			['host', 'fileserver01', '<host-1>'],
			['ip', '10.20.30.40', '<ip-1>'],
			['email', 'alice@contoso.com', '<email-1>'],
			['ip', 'fe80::1c2:3ff:fe4d:5e6f', '<ip-2>'],
			['host', 'CPC-alice-AB12C', '<host-2>'],
		]);
		expect(found[0]!.where).toEqual([
			'start.flow.file',
			'start.facts.os.build.via',
			'event 3 (fact).via',
		]);
		// Build numbers, versions, times and hashes are not IP addresses; node ids are not hosts.
		expect(found.some((item) => item.value.includes('26100'))).toBe(false);
		const ids = buildSession((t, state) => t.answer(state, 'stuck')).events.map((event) =>
			event.type === 'answer' ? {...event, node: 'win-check', next: 'pc-restart'} : event,
		);
		expect(personalData(ids, noLocals)).toEqual([]);
	});

	it("finds this machine's own user and host names wherever they appear", () => {
		const found = personalData(
			buildSession((t, state) =>
				t.setFact(state, 'os.product', 'Windows 11', 'corrected', 'typed on wks-4711 by jdoe'),
			).events,
			{
				localUser: 'jdoe',
				localHost: 'wks-4711',
			},
		);
		expect(found.map(({kind, value}) => [kind, value])).toEqual([
			['user', 'jdoe'],
			['host', 'wks-4711'],
		]);
	});

	it('replaces each value by the same placeholder everywhere, in Markdown and in JSON', () => {
		const found = personalData(events, noLocals);
		const redacted = redactEvents(events, found);
		const serialized = JSON.stringify(redacted);
		for (const item of found)
			expect(serialized.toLowerCase()).not.toContain(item.value.toLowerCase());
		expect((redacted[0] as Extract<SessionEvent, {type: 'start'}>).flow.file).toBe(
			'C:\\Users\\<user-1>\\flows\\example.yaml',
		);
		expect((redacted[0] as Extract<SessionEvent, {type: 'start'}>).flow.hash).toBe(
			(events[0] as Extract<SessionEvent, {type: 'start'}>).flow.hash,
		);

		const md = exportSession(
			{events, warnings: [], path: ''},
			{format: 'md', redact: true, sessionFlow: exampleFlow, personal: noLocals},
		).text;
		const json = exportSession(
			{events, warnings: [], path: ''},
			{format: 'json', redact: true, sessionFlow: exampleFlow, personal: noLocals},
		).text;
		for (const item of found) {
			expect(md.toLowerCase()).not.toContain(item.value.toLowerCase());
			expect(json.toLowerCase()).not.toContain(item.value.toLowerCase());
		}
		expect(md).toContain('`Windows 11 on <host-2>`');
		expect(md).toContain(
			'> Personal data was replaced by placeholders: `<user-1>`, `<host-1>`, `<ip-1>`, `<email-1>`, `<ip-2>`, `<host-2>`.',
		);
		const parsed = JSON.parse(json);
		expect(parsed.flow.file).toBe('C:\\Users\\<user-1>\\flows\\example.yaml');
		expect(parsed.facts.find((fact: {name: string}) => fact.name === 'os.product').value).toBe(
			'Windows 11 on <host-2>',
		);
		expect(parsed.entries.at(-1).via).toBe('typed by CONTOSO\\<user-1>');
		expect(parsed.entries[0].facts['os.product'].via).toBe('\\\\<host-1>\\it\\probe.ps1 on <ip-1>');
	});

	it('is listed on stderr before the export, which goes to stdout', async () => {
		const dir = tempDir();
		const path = `${dir}/20260120-091500-ab12.jsonl`;
		writeFileSync(path, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
		const output: string[] = [];
		const code = await exportCommand(
			{session: path, format: 'md', lang: 'en'},
			{
				write: (text) => output.push(`out:${text}`),
				warn: (text) => output.push(`err:${text}`),
				settings: {cwd: dir},
				personal: noLocals,
			},
		);
		expect(code).toBe(0);
		expect(output[0]).toMatch(
			/^err:Personal data in this session: user name alice \(start\.flow\.file, .*\)\. Use --redact to replace it\.\n$/,
		);
		expect(output[1]).toMatch(/^out:# w365-triage session/);
	});
});
