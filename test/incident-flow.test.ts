/**
 * The shipped flow: it loads cleanly, every KB / build / URL / command / date in it is one the
 * project's facts document allows, and walks through the engine land where the facts say they
 * should (product first, then the build against that product's row; builds, never KB ids).
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
	acknowledge,
	answer,
	currentNode,
	currentStep,
	EngineError,
	effectiveFacts,
	options,
	outcome,
	start,
	type State,
} from '../source/engine/engine.js';
import type {Facts} from '../source/facts/fact-values.js';
import {formatFinding} from '../source/flow/findings.js';
import {loadFlowFile} from '../source/flow/load-flow.js';
import {nodeLines} from '../source/view/node-content.js';
import type {Flow, FlowNode, Text} from '../source/flow/schema.js';

const FLOW_FILE = fileURLToPath(new URL('../flows/w365-avd-2026-01.yaml', import.meta.url));
const FACTS_FILE = fileURLToPath(new URL('../docs/incident-facts.md', import.meta.url));

function loadShippedFlow(): Flow {
	const loaded = loadFlowFile(FLOW_FILE);
	if (!loaded.flow)
		throw new Error(
			`the shipped flow has findings:\n${loaded.findings.map(formatFinding).join('\n')}`,
		);
	return loaded.flow;
}

const flow = loadShippedFlow();

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

type FactInput = {product?: string; version?: string; build?: string};

function facts({product, version, build}: FactInput): Facts {
	const result: Facts = {};
	if (product !== undefined) result['os.product'] = {value: product, origin: 'flag'};
	if (version !== undefined) result['os.version'] = {value: version, origin: 'flag'};
	if (build !== undefined) result['os.build'] = {value: build, origin: 'flag'};
	return result;
}

/** Passes detect nodes (they route on facts) until a node that needs a person. */
function settle(state: State): State {
	let current = state;
	while (currentNode(current).kind === 'detect')
		current = answer(current, 'continue', {auto: true});
	return current;
}

/** Starts a walk and gives the answers in order, passing detect nodes automatically. */
function walk(input: Facts, answers: string[]): State {
	let state = settle(start(flow, input));
	for (const id of answers) {
		const node = currentNode(state);
		if (node.kind === 'gate' && id === 'proceed') {
			for (const item of node.items) state = acknowledge(state, item.id);
		}
		state = settle(answer(state, id));
	}
	return state;
}

/** Walk from the start to the OS check, i.e. "connection and authentication failure since an update". */
const TO_OS = ['auth-failure', 'after-update'];

function textsOf(text: Text | undefined): string[] {
	if (text === undefined) return [];
	return typeof text === 'string' ? [text] : Object.values(text);
}

function nodeTexts(node: FlowNode): {ja: string; en: string} {
	const text = node.text;
	if (typeof text === 'string') return {ja: text, en: text};
	return {ja: text.ja ?? '', en: text.en ?? ''};
}

function allText(node: FlowNode): string {
	const parts = [...textsOf(node.title), ...textsOf(node.text)];
	if (node.kind === 'question' || node.kind === 'step')
		for (const choice of node.choices ?? []) parts.push(...textsOf(choice.label));
	if (node.kind === 'step')
		for (const command of node.commands ?? []) parts.push(command.run, ...textsOf(command.label));
	if (node.kind === 'gate') for (const item of node.items) parts.push(...textsOf(item.text));
	if (node.kind === 'end') parts.push(...textsOf(node.helpdesk));
	return parts.join('\n');
}

function here(state: State): string {
	return currentStep(state).node;
}

// ── (a) loads ──────────────────────────────────────────────────────────────────────────────

describe('the shipped flow', () => {
	it('loads with no findings', () => {
		const loaded = loadFlowFile(FLOW_FILE);
		expect(loaded.findings.map(formatFinding)).toEqual([]);
		expect(loaded.flow).toBeDefined();
	});

	it('starts with the schema line and is dated', () => {
		const text = readFileSync(FLOW_FILE, 'utf8');
		expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./flow.schema.json');
		expect(flow['review-by']).toBe('2027-05-25');
		expect(flow.languages).toEqual(['ja', 'en']);
	});

	it("gives every node sources (its own, or its build table row's), the verified date and both languages", () => {
		for (const [id, node] of Object.entries(flow.nodes)) {
			const namesRow = /\{[a-z.]+\}/.test(nodeTexts(node).en);
			if (!namesRow) expect(node.sources?.length ?? 0, `${id} has no sources`).toBeGreaterThan(0);
			expect(node.verified, `${id} verified`).toBe('2026-12-02');
			const {ja, en} = nodeTexts(node);
			expect(ja.trim(), `${id} ja`).not.toBe('');
			expect(en.trim(), `${id} en`).not.toBe('');
		}
	});
});

// ── (b) every fact in the flow is in docs/incident-facts.md ────────────────────────────────

type Allowed = {
	kb: Set<string>;
	build: Set<string>;
	url: Set<string>;
	command: Set<string>;
	date: Set<string>;
};

function readAllowList(): Allowed {
	const doc = readFileSync(FACTS_FILE, 'utf8');
	const block = /```allowlist\n([\s\S]*?)\n```/.exec(doc);
	if (!block) throw new Error('docs/incident-facts.md has no ```allowlist block');
	const allowed: Allowed = {
		kb: new Set(),
		build: new Set(),
		url: new Set(),
		command: new Set(),
		date: new Set(),
	};
	for (const line of block[1]!.split('\n')) {
		if (line.trim() === '') continue;
		const space = line.indexOf(' ');
		const kind = line.slice(0, space) as keyof Allowed;
		if (!(kind in allowed)) throw new Error(`unknown allow-list entry: ${line}`);
		allowed[kind].add(line.slice(space + 1));
	}
	return allowed;
}

const URL_PATTERN =
	/https?:\/\/[^\s"'<>()[\]{}「」『』（）、。，]+[^\s"'<>()[\]{}「」『』（）、。，.,;:!?]/g;
const KB_PATTERN = /\bKB\d{6,8}\b/gi;
// Unlike the validator's pattern, a build that ends a sentence ("… 26100.7627.") still counts.
const BUILD_PATTERN = /(?<![\d.])\d{5}\.\d{1,5}(?!\d|\.\d)/g;
const DATE_PATTERN = /\b\d{4}-\d{2}-\d{2}\b/g;

describe('facts in the flow come from docs/incident-facts.md', () => {
	const text = readFileSync(FLOW_FILE, 'utf8');
	const doc = readFileSync(FACTS_FILE, 'utf8');
	const allowed = readAllowList();
	const unique = (matches: Iterable<RegExpMatchArray>, map = (value: string) => value) => [
		...new Set([...matches].map((match) => map(match[0]))),
	];

	it('has a usable allow-list', () => {
		expect(allowed.kb.has('KB5077744')).toBe(true);
		expect(allowed.build.has('26100.32234')).toBe(true);
		for (const kind of Object.keys(allowed) as (keyof Allowed)[]) {
			for (const value of allowed[kind])
				expect(doc.split(value).length - 1, `${value} appears in the prose too`).toBeGreaterThan(1);
		}
	});

	it('every KB number', () => {
		const found = unique(text.matchAll(KB_PATTERN), (value) => value.toUpperCase());
		expect(found.length).toBeGreaterThan(5);
		expect(found.filter((kb) => !allowed.kb.has(kb))).toEqual([]);
	});

	it('every 5-digit build', () => {
		const scope = text.replace(URL_PATTERN, ' ');
		const found = unique(scope.matchAll(BUILD_PATTERN));
		expect(found.length).toBeGreaterThan(5);
		expect(found.filter((build) => !allowed.build.has(build))).toEqual([]);
	});

	it('every URL', () => {
		const found = unique(text.matchAll(URL_PATTERN));
		expect(found.length).toBeGreaterThan(5);
		expect(found.filter((url) => !allowed.url.has(url))).toEqual([]);
		for (const source of Object.values(flow.sources ?? {}))
			expect(allowed.url.has(source.url), source.url).toBe(true);
	});

	it('every command, shown or backticked', () => {
		const runs = Object.values(flow.nodes).flatMap((node) =>
			node.kind === 'step' ? (node.commands ?? []).map((command) => command.run) : [],
		);
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.filter((run) => !allowed.command.has(run))).toEqual([]);
		const ticked = Object.values(flow.nodes).flatMap((node) =>
			[...allText(node).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!),
		);
		expect(ticked.filter((command) => !allowed.command.has(command))).toEqual([]);
		// wusa.exe is named only to say not to use it.
		for (const line of text.split('\n').filter((candidate) => /wusa/i.test(candidate)))
			expect(line).toMatch(/not|ないで|使わない/);
	});

	it("every date (other than the flow's own review-by)", () => {
		const found = unique(text.matchAll(DATE_PATTERN)).filter((date) => date !== flow['review-by']);
		expect(found.filter((date) => !allowed.date.has(date))).toEqual([]);
	});
});

// ── (c) every OS row, before / at / after the fix, with the product detected, given, answered
//        and wrong, through the engine and what the screen then says ─────────────────────────

/** The facts sheet's table, written out here (not read from the flow, so the flow can be wrong). */
type Row = {
	id: string;
	name: string;
	product: string;
	version?: string;
	/** The answers that pick this row at the OS question. */
	ask: string[];
	/** A build below the broken one, when the broken build is known. */
	before?: string;
	broken?: string;
	brokenKb?: string;
	fixed?: string;
	later: string;
	kb?: string;
	settings: {en: string; ja: string};
	/** A product someone might wrongly pick or give for this build. */
	wrong: {product: string; version?: string};
};

const WIN11 = {en: 'Settings > Windows Update', ja: '設定 > Windows Update'};
const WIN10 = {
	en: 'Settings > Update & Security > Windows Update',
	ja: '設定 > 更新とセキュリティ > Windows Update',
};

const ROWS: Row[] = [
	{
		id: 'win11-25h2',
		name: 'Windows 11 25H2',
		product: 'Windows 11',
		version: '25H2',
		ask: ['win11-25h2'],
		before: '26200.6000',
		broken: '26200.7623',
		brokenKb: 'KB5074109',
		fixed: '26200.7627',
		later: '26200.7628',
		kb: 'KB5077744',
		settings: WIN11,
		wrong: {product: 'Windows 11', version: '24H2'},
	},
	{
		id: 'win11-24h2',
		name: 'Windows 11 24H2',
		product: 'Windows 11',
		version: '24H2',
		ask: ['win11-24h2'],
		before: '26100.999',
		broken: '26100.7623',
		brokenKb: 'KB5074109',
		fixed: '26100.7627',
		later: '26100.7628',
		kb: 'KB5077744',
		settings: WIN11,
		wrong: {product: 'Windows Server 2025'},
	},
	{
		id: 'win11-23h2',
		name: 'Windows 11 23H2',
		product: 'Windows 11',
		version: '23H2',
		ask: ['win11-23h2'],
		before: '22631.6000',
		broken: '22631.6491',
		brokenKb: 'KB5073455',
		fixed: '22631.6494',
		later: '22631.6495',
		kb: 'KB5077797',
		settings: WIN11,
		wrong: {product: 'Windows 11', version: '25H2'},
	},
	{
		id: 'win10-22h2',
		name: 'Windows 10 22H2',
		product: 'Windows 10',
		version: '22H2',
		ask: ['win10-22h2'],
		before: '19045.6456',
		broken: '19045.6809',
		brokenKb: 'KB5073724',
		fixed: '19045.6811',
		later: '19045.6812',
		kb: 'KB5077796',
		settings: WIN10,
		wrong: {product: 'Windows 11', version: '24H2'},
	},
	// The facts give no broken build for this row: any build below the fix needs it.
	{
		id: 'win10-21h2',
		name: 'Windows 10 21H2',
		product: 'Windows 10',
		version: '21H2',
		ask: ['win10-21h2'],
		broken: '19044.6000',
		fixed: '19044.6811',
		later: '19044.6812',
		kb: 'KB5077796',
		settings: WIN10,
		wrong: {product: 'Windows 10', version: '22H2'},
	},
	{
		id: 'server-2025',
		name: 'Windows Server 2025',
		product: 'Windows Server 2025',
		ask: ['server', 'server-2025'],
		before: '26100.20000',
		broken: '26100.32230',
		brokenKb: 'KB5073379',
		fixed: '26100.32234',
		later: '26100.32236',
		kb: 'KB5077793',
		settings: WIN11,
		wrong: {product: 'Windows 11', version: '24H2'},
	},
	{
		id: 'server-2022',
		name: 'Windows Server 2022',
		product: 'Windows Server 2022',
		ask: ['server', 'server-2022'],
		before: '20348.4000',
		broken: '20348.4648',
		brokenKb: 'KB5073457',
		later: '20348.4651',
		settings: WIN10,
		wrong: {product: 'Windows 11', version: '23H2'},
	},
	{
		id: 'server-2019',
		name: 'Windows Server 2019',
		product: 'Windows Server 2019',
		ask: ['server', 'server-2019'],
		before: '17763.8000',
		broken: '17763.8276',
		brokenKb: 'KB5073723',
		later: '17763.8281',
		settings: WIN10,
		wrong: {product: 'Windows Server 2022'},
	},
	{
		id: 'server-2016',
		name: 'Windows Server 2016',
		product: 'Windows Server 2016',
		ask: ['server', 'server-2016'],
		later: '14393.8000',
		settings: WIN10,
		wrong: {product: 'Windows Server 2019'},
	},
];

const FIX_KBS = ['KB5077744', 'KB5077797', 'KB5077796', 'KB5077793'];

function screen(state: State, language: 'ja' | 'en'): string {
	const {body, trust} = nodeLines(state, language);
	return [...body, ...trust].map((line) => line.text).join('\n');
}

/** Where a build stands on its row, and the node that says so. */
function expected(row: Row, build: string): string {
	if (build === row.before) return 'not-the-cause';
	if (!row.fixed) return 'no-known-fix';
	return build === row.later || build === row.fixed ? 'already-fixed' : 'fix';
}

function expectAdvice(state: State, row: Row, node: string) {
	expect(here(state)).toBe(node);
	const en = screen(state, 'en');
	const ja = screen(state, 'ja');
	// The screen names this row, and never another row's fix.
	const others = FIX_KBS.filter((kb) => kb !== row.kb);
	for (const text of [en, ja]) {
		for (const kb of others) expect(text, `${row.id} ${node} names ${kb}`).not.toContain(kb);
		expect(text).not.toContain('(not stated)');
		expect(text).not.toContain('（情報なし）');
	}
	if (node === 'fix') {
		expect(en).toContain(`On ${row.name}`);
		for (const text of [en, ja]) {
			expect(text).toContain(row.kb!);
			expect(text).toContain(row.fixed!);
			expect(text).toContain('https://www.catalog.update.microsoft.com');
		}
		expect(en).toContain(`${row.settings.en} > Check for updates`);
		expect(ja).toContain(`${row.settings.ja} > 更新プログラムのチェック`);
		// The row's own source for the fix is cited on the screen that names it.
		if (row.kb === 'KB5077793') expect(en).toContain('Windows Server release information');
		else if (row.kb === 'KB5077796') expect(en).toContain('KB5077796 as reported');
		else expect(en).toContain(`${row.kb} (2026-01-17, out-of-band)`);
	}
	if (node === 'already-fixed') for (const text of [en, ja]) expect(text).toContain(row.fixed!);
	if (node === 'not-the-cause') {
		for (const text of [en, ja]) expect(text).toContain(row.brokenKb!);
		expect(en).toContain(row.settings.en);
	}
	if (node === 'no-known-fix') {
		expect(en).toContain(`On ${row.name}`);
		expect(en).toContain(row.settings.en);
		expect(en).not.toMatch(/KB\d/);
	}
}

const given = (
	row: Row,
	build: string,
	origin: 'detected' | 'flag',
	product: {product: string; version?: string} = {product: row.product, version: row.version},
): Facts => {
	const result: Facts = {
		'os.build': {value: build, origin},
		'os.product': {value: product.product, origin},
	};
	if (product.version) result['os.version'] = {value: product.version, origin};
	return result;
};

describe.each(ROWS)('$name', (row) => {
	const builds = [row.before, row.broken, row.fixed, row.later].filter(
		(build): build is string => build !== undefined,
	);

	it.each(builds)(
		"at %s, detected or given (even with the wrong product) → the row's advice",
		(build) => {
			const node = expected(row, build);
			for (const origin of ['detected', 'flag'] as const) {
				expectAdvice(walk(given(row, build, origin), TO_OS), row, node);
				// A wrong product never wins over the build.
				expectAdvice(walk(given(row, build, origin, row.wrong), TO_OS), row, node);
				// ProductName "Windows 10", as Windows itself says on Windows 11 and the LTSC editions.
				expectAdvice(walk(given(row, build, origin, {product: 'Windows 10'}), TO_OS), row, node);
				// Only the build.
				expectAdvice(walk({'os.build': {value: build, origin}}, TO_OS), row, node);
			}
		},
	);

	it('the wrong product is said on screen, and the build decides', () => {
		if (!row.broken && !row.later) return;
		const state = settle(start(flow, given(row, row.later, 'flag', row.wrong)));
		const first = answer(answer(state, 'auth-failure'), 'after-update');
		expect(here(first)).toBe('detect-os');
		const en = screen(first, 'en');
		expect(en).toContain(`Build ${row.later} is ${row.name}`);
		expect(screen(first, 'ja')).toContain(`ビルド ${row.later} は`);
	});

	it('nothing detected: the OS is answered, then the build asked, then the advice', () => {
		let state = walk({}, TO_OS);
		expect(here(state)).toBe('ask-os');
		state = walk({}, [...TO_OS, ...row.ask]);
		if (!row.fixed) {
			expectAdvice(state, row, 'no-known-fix');
			return;
		}
		expect(here(state)).toBe('check-build');
		for (const text of [screen(state, 'en'), screen(state, 'ja')]) {
			expect(text).toContain(row.fixed);
			expect(text).toContain(row.kb!);
		}
		expectAdvice(walk({}, [...TO_OS, ...row.ask, 'below']), row, 'fix');
		expectAdvice(walk({}, [...TO_OS, ...row.ask, 'unsure']), row, 'fix');
		expectAdvice(walk({}, [...TO_OS, ...row.ask, 'at-or-above']), row, 'already-fixed');
		expect(here(walk({}, [...TO_OS, ...row.ask, 'other-build']))).toBe('ask-os');
	});

	it('the fix → did it work → resolved, or the fix is in and it still fails', () => {
		if (!row.fixed) return;
		const fixed = walk(given(row, row.broken!, 'flag'), [...TO_OS, 'next']);
		expect(here(fixed)).toBe('fix-confirm');
		expect(screen(fixed, 'en')).toContain(`${row.fixed} or later`);
		expect(here(walk(given(row, row.broken!, 'flag'), [...TO_OS, 'next', 'works']))).toBe(
			'resolved',
		);
		expectAdvice(
			walk(given(row, row.broken!, 'flag'), [...TO_OS, 'next', 'still-fails']),
			row,
			'already-fixed',
		);
	});

	it('uninstalling is offered only at the broken build, and names its KB there', () => {
		const toGate = ['rollback', 'continue'];
		for (const build of builds) {
			const state = walk(given(row, build, 'flag'), toGate);
			const status = expected(row, build);
			if (status === 'fix') {
				expect(here(state), build).toBe('backup-gate');
				const uninstall = walk(given(row, build, 'flag'), [...toGate, 'proceed', 'uninstall']);
				expect(here(uninstall)).toBe('uninstall-update');
				// What it says (its sources may name the fix's KB page, which also names the broken one).
				const en = nodeLines(uninstall, 'en')
					.body.map((line) => line.text)
					.join('\n');
				expect(en).toContain(`Uninstall the January 2026 security update on ${row.name}`);
				expect(en).toContain(
					`(${row.brokenKb ?? 'the update installed in January 2026; its KB number is not stated here'}):`,
				);
				expect(en).not.toContain('(not stated)');
				for (const kb of FIX_KBS) expect(en).not.toContain(kb);
			} else {
				expect(here(state), build).not.toBe('backup-gate');
				expect(here(state), build).toBe(status === 'already-fixed' ? 'rollback-no-help' : status);
			}
		}
	});
});

describe('the traps', () => {
	it('Server 2025 at 26100.32230 picked as Windows 11 24H2 is never "already fixed"', () => {
		const state = walk({'os.build': {value: '26100.32230', origin: 'flag'}}, [...TO_OS]);
		expect(here(state)).toBe('fix');
		expect(screen(state, 'en')).toContain('KB5077793');
	});

	it('an unknown build never looks fixed', () => {
		const state = walk(facts({product: 'Windows 11', version: '24H2'}), TO_OS);
		expect(here(state)).toBe('check-build');
	});

	it('a build in no row is not compared with any row', () => {
		const state = walk(facts({product: 'Windows 11', version: '24H2', build: '22621.4000'}), TO_OS);
		expect(here(state)).toBe('other-windows');
		expect(screen(state, 'en')).toContain('Settings > Update & Security > Windows Update');
	});

	it('the KB list is not used to decide (builds are)', () => {
		const input: Facts = {
			...facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}),
			hotfixes: {value: ['KB5077744'], origin: 'flag'},
		};
		expect(here(walk(input, TO_OS))).toBe('fix');
	});

	it('other / not sure: check Windows Update, then escalate', () => {
		expect(here(walk({}, [...TO_OS, 'other']))).toBe('other-windows');
		expect(here(walk({}, [...TO_OS, 'other', 'helpdesk']))).toBe('escalate');
	});
});

describe('the cases people call about', () => {
	it('a Mac, iPhone or Android: not this bug, and the Cloud PC is not what to patch', () => {
		const state = walk({}, ['other-device']);
		expect(screen(state, 'en')).toMatch(/unlikely to be the cause/);
		expect(screen(state, 'en')).toMatch(/Cloud PC or session host will not help/);
		expect(here(walk({}, ['other-device', 'windows-too']))).toBe('ask-os');
	});

	it('Windows 365 Link / Boot go to IT; a thin client on IoT LTSC 2021 follows the 21H2 row', () => {
		expect(outcome(walk({}, ['special-device', 'link-boot']))).toBe('escalate');
		const state = walk({}, ['special-device', 'thin-client']);
		expect(here(state)).toBe('check-build');
		expect(screen(state, 'en')).toContain('19044.6811');
	});

	it('the first screen reaches the recovery pointer, the PC that no longer starts and the fleet admin', () => {
		expect(outcome(walk({}, ['files-missing']))).toBe('recovery');
		expect(here(walk({}, ['wont-start']))).toBe('wont-start');
		expect(here(walk({}, ['wont-start', 'winre']))).toBe('winre-gate');
		const admin = screen(walk({}, ['admin']), 'en');
		for (const words of [
			'Intune',
			'Autopatch',
			'WSUS',
			'Configuration Manager',
			'Known Issue Rollback',
			'DISM',
			'do not use wusa.exe',
			'checkpoint',
		])
			expect(admin).toContain(words);
	});

	it('winver is explained for someone who is not an expert', () => {
		for (const id of ['ask-os', 'check-build', 'rollback-check', 'system-restore']) {
			const {en, ja} = nodeTexts(flow.nodes[id]!);
			expect(en, id).toMatch(/Windows key \+ R/);
			expect(ja, id).toMatch(/Windows ロゴ キー \+ R/);
		}
	});
});

describe('the workaround texts', () => {
	it('web client first, with the URL and the keep-the-tab-open advice', () => {
		const {ja, en} = nodeTexts(flow.nodes['web-client']!);
		for (const text of [ja, en]) expect(text).toContain('https://windows.cloud.microsoft');
		expect(en).toMatch(/keep the tab open/i);
		expect(ja).toContain('タブを開いたまま');
	});

	it('never recommends a retired client, and never calls the Windows App immune', () => {
		const everything = Object.values(flow.nodes).map(allText).join('\n');
		expect(everything).not.toContain('client.wvd.microsoft.com');
		expect(everything).not.toMatch(/not affected|unaffected|immune/i);
		const {en, ja} = nodeTexts(flow.nodes['other-clients']!);
		expect(en).toMatch(/Windows App \(the desktop app\) is one of the affected apps/);
		expect(en).toMatch(/reached end of support on 2026-03-27: don't use them/);
		expect(ja).toContain('2026年3月27日にサポートが終了');
	});

	it('never says System Restore deletes documents, and cites the page that says so', () => {
		const node = flow.nodes['system-restore']!;
		expect(nodeTexts(node).en).toContain(
			'documents, e-mail, browsing history and favorites are not',
		);
		expect(node.sources).toContain('system-restore');
		expect(flow.nodes['uninstall-risks']!.sources).toContain('system-restore');
	});
});

// ── Every end is reachable by a real walk ──────────────────────────────────────────────────

type Explored = {ends: Map<string, State>; visited: Map<string, State>};

/** Every walk the engine allows from `initial` (facts fixed), keyed by node and facts in force. */
function explore(initial: Facts, {takeProceed}: {takeProceed: boolean}): Explored {
	const ends = new Map<string, State>();
	const visited = new Map<string, State>();
	const queue = [start(flow, initial)];
	const seen = new Set<string>();
	while (queue.length > 0) {
		const state = queue.shift()!;
		const key = `${here(state)} ${JSON.stringify(effectiveFacts(state), ['os.product', 'os.version', 'os.build', 'value'])}`;
		if (seen.has(key)) continue;
		seen.add(key);
		visited.set(here(state), state);
		const node = currentNode(state);
		if (node.kind === 'end') {
			ends.set(here(state), state);
			continue;
		}
		if (node.kind === 'gate') {
			queue.push(answer(state, 'cancel'));
			if (takeProceed) {
				let acked = state;
				for (const item of node.items) acked = acknowledge(acked, item.id);
				queue.push(answer(acked, 'proceed'));
			}
			continue;
		}
		for (const option of options(state)) queue.push(answer(state, option.id));
	}
	return {ends, visited};
}

const END_IDS = Object.entries(flow.nodes)
	.filter(([, node]) => node.kind === 'end')
	.map(([id]) => id)
	.sort();

describe('every end', () => {
	it('has each outcome', () => {
		const outcomes = new Set(END_IDS.map((id) => (flow.nodes[id] as {outcome: string}).outcome));
		expect([...outcomes].sort()).toEqual(['escalate', 'recovery', 'resolved', 'workaround']);
	});

	it.each([
		['nothing detected', {}],
		[
			'Windows 11 24H2 before the fix',
			facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}),
		],
		['Server 2025 before the fix', facts({product: 'Windows Server 2025', build: '26100.32230'})],
	] as const)('is reachable by an engine walk (%s)', (_name, initial) => {
		const {ends} = explore(initial, {takeProceed: true});
		expect([...ends.keys()].sort()).toEqual(END_IDS);
	});

	it('every node is shown with no unfilled row value on some walk', () => {
		const {visited} = explore({}, {takeProceed: true});
		for (const [id, state] of visited) {
			for (const language of ['en', 'ja'] as const)
				expect(screen(state, language), id).not.toMatch(/\{[a-z.]+\}|\(not stated\)|（情報なし）/);
		}
	});
});

// ── Destructive nodes only behind a backup gate ────────────────────────────────────────────

const DESTRUCTIVE = Object.entries(flow.nodes)
	.filter(([, node]) => node.destructive)
	.map(([id]) => id);
const GATES = Object.entries(flow.nodes)
	.filter(([, node]) => node.kind === 'gate')
	.map(([id]) => id);

describe('destructive steps', () => {
	it('are the uninstall, WinRE and System Restore steps', () => {
		expect(DESTRUCTIVE.sort()).toEqual(['system-restore', 'uninstall-update', 'winre-uninstall']);
	});

	it('are never reached by a walk that does not pass a gate', () => {
		for (const initial of [
			{},
			facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}),
		]) {
			const {visited} = explore(initial, {takeProceed: false});
			for (const id of DESTRUCTIVE) expect(visited.has(id), id).toBe(false);
			for (const id of GATES) expect(visited.has(id), id).toBe(true);
		}
	});

	it('every walk that reaches one went through a gate with every backup acknowledged', () => {
		const {visited} = explore(
			facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}),
			{takeProceed: true},
		);
		for (const id of DESTRUCTIVE) {
			const state = visited.get(id);
			expect(state, id).toBeDefined();
			const gate = state!.path.find(
				(step) => GATES.includes(step.node) && step.answer === 'proceed',
			);
			const node = flow.nodes[gate!.node]!;
			expect(gate!.acks.sort()).toEqual(
				node.kind === 'gate' ? node.items.map((item) => item.id).sort() : [],
			);
		}
	});

	it('the gate refuses to proceed until every item is acknowledged, and cancel is the safe way', () => {
		let state = walk(facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}), [
			'rollback',
			'continue',
		]);
		expect(here(state)).toBe('backup-gate');
		expect(() => answer(state, 'proceed')).toThrow(EngineError);
		state = acknowledge(state, 'external-drive');
		state = acknowledge(state, 'cloud-storage');
		expect(() => answer(state, 'proceed')).toThrow(EngineError);
		expect(here(answer(state, 'cancel'))).toBe('web-client');
		state = acknowledge(state, 'windows-backup');
		const after = answer(state, 'proceed');
		expect(here(after)).toBe('rollback-choice');
		// The safe choice comes first, so it is the one a front end focuses.
		const node = currentNode(after);
		expect(node.kind === 'question' && node.choices[0]!.id).toBe('stop');
	});

	it('the engine refuses to enter one without the gate', () => {
		// A forged path that skips the gate: the engine must throw rather than trust the flow.
		const forged: State = {flow, facts: {}, path: [{node: 'rollback-choice', acks: []}]};
		expect(() => answer(forged, 'uninstall')).toThrow(EngineError);
		expect(() => answer(forged, 'restore')).toThrow(EngineError);
	});

	it('each names the real way to do it, is marked, and has a way to the recovery end', () => {
		for (const id of DESTRUCTIVE) {
			const node = flow.nodes[id]!;
			expect(node.kind).toBe('step');
			if (node.kind !== 'step') continue;
			expect(
				node.choices?.some(
					(choice) =>
						flow.nodes[choice.next]?.kind === 'end' &&
						(flow.nodes[choice.next] as {outcome: string}).outcome === 'recovery',
				),
			).toBe(true);
			expect(nodeTexts(node).en).toMatch(/^⚠ This may not be reversible/);
		}
		expect(nodeTexts(flow.nodes['uninstall-update']!).en).toContain(
			'Uninstall latest quality update',
		);
		expect(nodeTexts(flow.nodes['winre-uninstall']!).en).toContain(
			'Troubleshoot > Advanced options > Uninstall Updates > Uninstall latest quality update',
		);
		const restore = flow.nodes['system-restore']!;
		expect(restore.kind === 'step' && restore.commands?.map((command) => command.run)).toEqual([
			'rstrui.exe',
		]);
	});
});
