/** The export's summary, times, plain-text format and default session, for the call and the ticket. */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportCommand} from '../../source/commands/export-command.js';
import type {start} from '../../source/engine/engine.js';
import type {Facts} from '../../source/facts/fact-values.js';
import type {Flow} from '../../source/flow/schema.js';
import type {SessionEvent} from '../../source/session/events.js';
import {exportSession} from '../../source/session/export-session.js';
import {knownFix} from '../../source/session/known-fix.js';
import {localTime} from '../../source/session/local-time.js';
import type {Transitions} from '../../source/session/record-transitions.js';
import {INCIDENT_FLOW, loadValidFlowFile} from '../helpers/flows.js';
import {buildSession, EXAMPLE, fakeClock} from './session-fixtures.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const INCIDENT = loadValidFlowFile(INCIDENT_FLOW);
const incidentFlow = {status: 'ok', flow: INCIDENT.flow, hash: INCIDENT.hash} as const;
const noLocals = {localUser: 'nobody-here', localHost: 'no-such-host'};
const tokyo = () => 540;

const given = (build?: string): Facts => ({
	'os.product': {value: 'Windows 11', origin: 'flag'},
	'os.version': {value: '24H2', origin: 'flag'},
	...(build ? {'os.build': {value: build, origin: 'flag' as const}} : {}),
});

/** Symptom, since when, then the detect step routes on the facts given. */
const toTheFix = (t: Transitions, state: ReturnType<typeof start>) => {
	const next = t.answer(state, 'auth-failure');
	return t.answer(t.answer(next, 'after-update'), 'continue', {auto: true});
};

const incidentSession = (
	walk: (t: Transitions, state: ReturnType<typeof start>) => ReturnType<typeof start>,
	facts: Facts,
) => buildSession(walk, {flow: INCIDENT.flow, hash: INCIDENT.hash, file: INCIDENT.file, facts});

const exported = (events: SessionEvent[], format: 'md' | 'text' = 'md', language?: 'ja' | 'en') =>
	exportSession(
		{events, warnings: [], path: ''},
		{
			format,
			sessionFlow: incidentFlow,
			personal: noLocals,
			offset: tokyo,
			...(language ? {language} : {}),
		},
	).text;

describe('export summary', () => {
	it('says what was found and what to do with the real facts, in both languages', () => {
		const {events} = incidentSession((t, state) => {
			let next = toTheFix(t, state);
			next = t.answer(next, 'next', {auto: true});
			return t.answer(next, 'works');
		}, given('26100.7623'));
		const text = exported(events);
		expect(text).toContain(
			'Windows 11 24H2, build 26100.7623 → install KB5077744 or later (26100.7627+). Outcome: Resolved.',
		);
		expect(text).toContain(
			'Windows 11 24H2、ビルド 26100.7623 → KB5077744 以降をインストール（26100.7627 以上）。結果: 解決。',
		);
		// The summary comes first, before the details.
		expect(text.indexOf('## Summary')).toBeLessThan(text.indexOf('- Result:'));
	});

	it('says the fix is in when the build is at or above it, and to check the build when it is not known', () => {
		const fixed = incidentSession((t, state) => toTheFix(t, state), given('26100.7700'));
		expect(exported(fixed.events)).toContain(
			'Windows 11 24H2, build 26100.7700 → the fix is already installed (26100.7627+, KB5077744).',
		);
		const unknown = incidentSession((t, state) => toTheFix(t, state), given());
		expect(exported(unknown.events)).toContain(
			'Windows 11 24H2 (build not known) → the fix is KB5077744 or later (26100.7627+): check the build.',
		);
		expect(exported(unknown.events)).toContain('Not finished (');
	});

	it('says both when a session reached an outcome and was then restarted', () => {
		const {events} = incidentSession((t, state) => {
			let next = t.answer(state, 'other-symptom');
			next = t.restart(next);
			next = toTheFix(t, next);
			next = t.answer(next, 'next', {auto: true});
			return t.answer(next, 'works');
		}, given('26100.7623'));
		const text = exported(events);
		const at = localTime(events.find((event) => event.type === 'outcome')!.time, tokyo);
		expect(text).toContain(
			`It reached "Contact the helpdesk" at ${at}, then the session was restarted. Outcome: Resolved.`,
		);
		expect(text).toContain(
			`- Result: **Resolved** (earlier: It reached "Contact the helpdesk" at ${at}, then the session was restarted.)`,
		);
	});

	it('says both when the user went back from an outcome and has not reached another', () => {
		const {events} = incidentSession(
			(t, state) => t.back(t.answer(state, 'other-symptom')).state,
			given(),
		);
		const text = exported(events, 'md', 'ja');
		expect(text).toMatch(
			/に「ヘルプデスクに連絡」に到達した後、前のステップに戻りました。未完了（/,
		);
	});

	it('reads the fixed build and KB from a build table when the flow has one', () => {
		// A flow with a build table (rows: the builds that are an OS, and its fixed build and KB).
		const flow = {
			...EXAMPLE.flow,
			builds: {
				'os-a': {
					product: 'Windows 11',
					version: '24H2',
					name: {ja: 'Windows 11 24H2', en: 'Windows 11 24H2'},
					builds: {from: '26100', below: '26100.20000'},
					fixed: {build: '26100.7627', kb: 'KB5077744'},
				},
				'os-b': {
					product: 'Windows Server 2025',
					name: 'Windows Server 2025',
					builds: {from: '26100.20000', below: '26101'},
					fixed: {build: '26100.32234', kb: 'KB5077793'},
				},
			},
		} as unknown as Flow;
		expect(knownFix(flow, {'os.build': {value: '26100.32230', origin: 'flag'}}, [], 'en')).toEqual({
			name: 'Windows Server 2025',
			kb: 'KB5077793',
			build: '26100.32234',
			installed: false,
		});
		expect(knownFix(flow, given(), [], 'ja')).toEqual({
			name: 'Windows 11 24H2',
			kb: 'KB5077744',
			build: '26100.7627',
		});
		expect(
			knownFix(flow, {'os.product': {value: 'Windows 10', origin: 'flag'}}, [], 'en'),
		).toBeUndefined();
	});
});

describe('export formats and defaults', () => {
	it('gives ticket tools that show Markdown raw a plain-text export with the same content', () => {
		const {events} = incidentSession((t, state) => toTheFix(t, state), given('26100.7623'));
		const text = exported(events, 'text');
		expect(text).toContain(
			'Summary:\nWindows 11 24H2, build 26100.7623 → install KB5077744 or later (26100.7627+).',
		);
		expect(text).toContain('  os.build: 26100.7623 (given by --fact)');
		expect(text).toMatch(
			/^1\. \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00 · Step 1 · symptom — session started/m,
		);
		// Nothing a raw Markdown view would show as clutter.
		expect(text).not.toMatch(/^#|\*\*|`|^\|/m);
	});

	it('shows times in local time with the zone, and keeps UTC in the JSON', () => {
		expect(localTime('2026-01-20T09:15:00.000Z', () => 540)).toBe('2026-01-20 18:15:00 +09:00');
		expect(localTime('2026-01-20T03:15:00.000Z', () => -300)).toBe('2026-01-19 22:15:00 -05:00');
		expect(localTime('2026-01-20T09:15:00.000Z', () => 330)).toBe('2026-01-20 14:45:00 +05:30');
		const {events} = incidentSession((t, state) => toTheFix(t, state), given('26100.7623'));
		const json = JSON.parse(
			exportSession(
				{events, warnings: [], path: ''},
				{format: 'json', sessionFlow: incidentFlow, personal: noLocals},
			).text,
		);
		expect(json.started).toBe(events[0]!.time);
		expect(json.fix.en).toEqual({
			name: 'Windows 11 24H2',
			kb: 'KB5077744',
			build: '26100.7627',
			installed: false,
		});
	});

	it('exports the newest session when none is named, and says which', async () => {
		const dir = tempDir();
		const older = buildSession((t, state) => t.answer(state, 'other'), {
			id: '20260119-091500-aaaa',
			now: fakeClock('2026-01-19T09:15:00.000Z'),
		}).events;
		const newer = buildSession((t, state) => t.answer(state, 'stuck'), {
			id: '20260120-091500-bbbb',
		}).events;
		writeFileSync(
			join(dir, '20260119-091500-aaaa.jsonl'),
			`${older.map((event) => JSON.stringify(event)).join('\n')}\n`,
		);
		writeFileSync(
			join(dir, '20260120-091500-bbbb.jsonl'),
			`${newer.map((event) => JSON.stringify(event)).join('\n')}\n`,
		);
		const out: string[] = [];
		const err: string[] = [];
		expect(
			await exportCommand(
				{'log-dir': dir, lang: 'en', format: 'text'},
				{
					write: (text) => out.push(text),
					warn: (text) => err.push(text),
					settings: {cwd: dir},
					personal: noLocals,
				},
			),
		).toBe(0);
		expect(out.join('')).toContain('w365-triage session 20260120-091500-bbbb');
		expect(err.join('')).toMatch(
			/Exporting the newest session, 20260120-091500-bbbb \(started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d\)/,
		);
		const empty = tempDir();
		expect(
			await exportCommand(
				{'log-dir': empty},
				{write: () => {}, warn: (text) => err.push(text), settings: {cwd: empty}},
			),
		).toBe(1);
		expect(err.at(-1)).toMatch(/no session to export in .*: start the triage first/);
	});
});
