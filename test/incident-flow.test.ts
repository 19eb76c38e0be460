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
import type {Flow, FlowNode, Text} from '../source/flow/schema.js';

const FLOW_FILE = fileURLToPath(new URL('../flows/w365-avd-2026-01.yaml', import.meta.url));
const FACTS_FILE = fileURLToPath(new URL('../docs/incident-facts.md', import.meta.url));

function loadShippedFlow(): Flow {
	const loaded = loadFlowFile(FLOW_FILE);
	if (!loaded.flow) throw new Error(`the shipped flow has findings:\n${loaded.findings.map(formatFinding).join('\n')}`);
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
	while (currentNode(current).kind === 'detect') current = answer(current, 'continue', {auto: true});
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
	return {ja: text['ja'] ?? '', en: text['en'] ?? ''};
}

function allText(node: FlowNode): string {
	const parts = [...textsOf(node.title), ...textsOf(node.text)];
	if (node.kind === 'question' || node.kind === 'step') for (const choice of node.choices ?? []) parts.push(...textsOf(choice.label));
	if (node.kind === 'step') for (const command of node.commands ?? []) parts.push(command.run, ...textsOf(command.label));
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

	it('gives every node sources, the verified date and both languages', () => {
		for (const [id, node] of Object.entries(flow.nodes)) {
			expect(node.sources?.length ?? 0, `${id} has no sources`).toBeGreaterThan(0);
			expect(node.verified, `${id} verified`).toBe('2026-11-25');
			const {ja, en} = nodeTexts(node);
			expect(ja.trim(), `${id} ja`).not.toBe('');
			expect(en.trim(), `${id} en`).not.toBe('');
		}
	});
});

// ── (b) every fact in the flow is in docs/incident-facts.md ────────────────────────────────

type Allowed = {kb: Set<string>; build: Set<string>; url: Set<string>; command: Set<string>; date: Set<string>};

function readAllowList(): Allowed {
	const doc = readFileSync(FACTS_FILE, 'utf8');
	const block = /```allowlist\n([\s\S]*?)\n```/.exec(doc);
	if (!block) throw new Error('docs/incident-facts.md has no ```allowlist block');
	const allowed: Allowed = {kb: new Set(), build: new Set(), url: new Set(), command: new Set(), date: new Set()};
	for (const line of block[1]!.split('\n')) {
		if (line.trim() === '') continue;
		const space = line.indexOf(' ');
		const kind = line.slice(0, space) as keyof Allowed;
		if (!(kind in allowed)) throw new Error(`unknown allow-list entry: ${line}`);
		allowed[kind].add(line.slice(space + 1));
	}
	return allowed;
}

const URL_PATTERN = /https?:\/\/[^\s"'<>()[\]{}「」『』（）、。，]+[^\s"'<>()[\]{}「」『』（）、。，.,;:!?]/g;
const KB_PATTERN = /\bKB\d{6,8}\b/gi;
// Unlike the validator's pattern, a build that ends a sentence ("… 26100.7627.") still counts.
const BUILD_PATTERN = /(?<![\d.])\d{5}\.\d{1,5}(?!\d|\.\d)/g;
const DATE_PATTERN = /\b\d{4}-\d{2}-\d{2}\b/g;

describe('facts in the flow come from docs/incident-facts.md', () => {
	const text = readFileSync(FLOW_FILE, 'utf8');
	const doc = readFileSync(FACTS_FILE, 'utf8');
	const allowed = readAllowList();
	const unique = (matches: Iterable<RegExpMatchArray>, map = (value: string) => value) => [...new Set([...matches].map((match) => map(match[0])))];

	it('has a usable allow-list', () => {
		expect(allowed.kb.has('KB5077744')).toBe(true);
		expect(allowed.build.has('26100.32234')).toBe(true);
		for (const kind of Object.keys(allowed) as (keyof Allowed)[]) {
			for (const value of allowed[kind]) expect(doc.split(value).length - 1, `${value} appears in the prose too`).toBeGreaterThan(1);
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
		for (const source of Object.values(flow.sources ?? {})) expect(allowed.url.has(source.url), source.url).toBe(true);
	});

	it('every command, shown or backticked', () => {
		const runs = Object.values(flow.nodes).flatMap((node) => (node.kind === 'step' ? (node.commands ?? []).map((command) => command.run) : []));
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.filter((run) => !allowed.command.has(run))).toEqual([]);
		const ticked = Object.values(flow.nodes).flatMap((node) => [...allText(node).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!));
		expect(ticked.filter((command) => !allowed.command.has(command))).toEqual([]);
		expect(text).not.toMatch(/wusa/i);
	});

	it('every date (other than the flow\'s own review-by)', () => {
		const found = unique(text.matchAll(DATE_PATTERN)).filter((date) => date !== flow['review-by']);
		expect(found.filter((date) => !allowed.date.has(date))).toEqual([]);
	});
});

// ── (c) engine walks ───────────────────────────────────────────────────────────────────────

type Row = {
	name: string;
	product: string;
	version?: string;
	/** The ask-os choice for this row. */
	choice: string;
	broken: string;
	fixed: string;
	later: string;
	kb: string;
	fix: string;
	check: string;
};

const ROWS: Row[] = [
	{name: 'Windows 11 25H2', product: 'Windows 11', version: '25H2', choice: 'win11-25h2', broken: '26200.7623', fixed: '26200.7627', later: '26200.7628', kb: 'KB5077744', fix: 'win11-25h2-fix', check: 'win11-25h2-check'},
	{name: 'Windows 11 24H2', product: 'Windows 11', version: '24H2', choice: 'win11-24h2', broken: '26100.7623', fixed: '26100.7627', later: '26100.7628', kb: 'KB5077744', fix: 'win11-24h2-fix', check: 'win11-24h2-check'},
	{name: 'Windows 11 23H2', product: 'Windows 11', version: '23H2', choice: 'win11-23h2', broken: '22631.6491', fixed: '22631.6494', later: '22631.6495', kb: 'KB5077797', fix: 'win11-23h2-fix', check: 'win11-23h2-check'},
	{name: 'Windows 10 22H2 (ESU)', product: 'Windows 10', version: '22H2', choice: 'win10-22h2', broken: '19045.6809', fixed: '19045.6811', later: '19045.6812', kb: 'KB5077796', fix: 'win10-22h2-fix', check: 'win10-22h2-check'},
	// The facts give no "broken" build for this row; 19044.6000 is just some revision below the fix.
	{name: 'Windows 10 21H2 / LTSC 2021', product: 'Windows 10', version: '21H2', choice: 'win10-21h2', broken: '19044.6000', fixed: '19044.6811', later: '19044.6812', kb: 'KB5077796', fix: 'win10-21h2-fix', check: 'win10-21h2-check'},
	{name: 'Windows Server 2025', product: 'Windows Server 2025', choice: 'server-2025', broken: '26100.32230', fixed: '26100.32234', later: '26100.32236', kb: 'KB5077793', fix: 'server-2025-fix', check: 'server-2025-check'},
];

function expectFixStep(state: State, row: Row) {
	expect(here(state)).toBe(row.fix);
	const node = currentNode(state);
	expect(node.kind).toBe('step');
	for (const text of Object.values(nodeTexts(node))) {
		expect(text).toContain(row.kb);
		expect(text).toContain(row.fixed);
		expect(text).toContain('https://www.catalog.update.microsoft.com');
	}
}

describe.each(ROWS)('$name', (row) => {
	const detected = {product: row.product, version: row.version};

	it(`below the fix (${row.broken}) → ${row.kb} / ${row.fixed}`, () => {
		const state = walk(facts({...detected, build: row.broken}), TO_OS);
		expectFixStep(state, row);
		expect(outcome(state)).toBeUndefined();
	});

	it(`at the fix (${row.fixed}) → already fixed`, () => {
		expect(here(walk(facts({...detected, build: row.fixed}), TO_OS))).toBe('already-fixed');
	});

	it(`above the fix (${row.later}) → already fixed`, () => {
		expect(here(walk(facts({...detected, build: row.later}), TO_OS))).toBe('already-fixed');
	});

	it('nothing detected: asks the OS, then the build, then gives the fix', () => {
		let state = walk({}, TO_OS);
		expect(here(state)).toBe('ask-os');
		state = settle(answer(state, row.choice));
		expect(here(state)).toBe(row.check);
		expect(effectiveFacts(state)['os.product']?.value).toBe(row.product);
		const check = nodeTexts(currentNode(state));
		expect(check.en).toContain(row.fixed);
		expect(check.en).toContain('`winver`');
		expectFixStep(settle(answer(state, 'below')), row);
		expect(here(settle(answer(state, 'at-or-above')))).toBe('already-fixed');
		expectFixStep(settle(answer(state, 'unsure')), row);
		expect(here(settle(answer(state, 'other-build')))).toBe('ask-os');
	});

	it('asked OS with a detected build below the fix → the fix', () => {
		const state = walk(facts({build: row.broken}), [...TO_OS]);
		// Without a product the build alone never routes (26100 is both 24H2 and Server 2025).
		expect(here(state)).toBe('ask-os');
		expectFixStep(settle(answer(state, row.choice)), row);
	});

	it('the fix → did it work → resolved', () => {
		let state = walk(facts({...detected, build: row.broken}), [...TO_OS, 'next']);
		expect(here(state)).toBe('fix-confirm');
		state = settle(answer(state, 'works'));
		expect(outcome(state)).toBe('resolved');
	});
});

describe('the traps', () => {
	it('Server 2025 at 26100.32230 needs KB5077793 / 26100.32234 and is NOT treated as fixed', () => {
		const state = walk(facts({product: 'Windows Server 2025', build: '26100.32230'}), TO_OS);
		expect(here(state)).toBe('server-2025-fix');
		const {en, ja} = nodeTexts(currentNode(state));
		for (const text of [en, ja]) {
			expect(text).toContain('KB5077793');
			expect(text).toContain('26100.32234');
			expect(text).not.toContain('KB5077744');
		}
	});

	it('Windows 11 24H2 at 26100.7628 is on the already-fixed path', () => {
		const state = walk(facts({product: 'Windows 11', version: '24H2', build: '26100.7628'}), TO_OS);
		expect(here(state)).toBe('already-fixed');
		expect(here(settle(answer(state, 'web-client')))).toBe('web-client');
	});

	it('ProductName "Windows 10" on a Windows 11 build routes by the build', () => {
		expect(here(walk(facts({product: 'Windows 10', version: '24H2', build: '26100.7623'}), TO_OS))).toBe('win11-24h2-fix');
		expect(here(walk(facts({product: 'Windows 10', build: '22631.6491'}), TO_OS))).toBe('win11-23h2-fix');
	});

	it('an unknown build never looks fixed', () => {
		expect(here(walk(facts({product: 'Windows 11', version: '24H2'}), TO_OS))).toBe('win11-24h2-check');
		expect(here(walk(facts({product: 'Windows Server 2025'}), TO_OS))).toBe('server-2025-check');
	});

	it('a build from another row is asked about, not compared', () => {
		// The user picked 24H2, but the detected build is 23H2's.
		const state = settle(answer(walk(facts({build: '22631.6491'}), TO_OS), 'win11-24h2'));
		expect(here(state)).toBe('win11-24h2-check');
	});

	it('the KB list is not used to decide (builds are)', () => {
		const withKb: Facts = {...facts({product: 'Windows 11', version: '24H2', build: '26100.7623'}), hotfixes: {value: ['KB5077744'], origin: 'flag'}};
		expect(here(walk(withKb, TO_OS))).toBe('win11-24h2-fix');
	});

	it('Server 2022 and 2019: latest cumulative update and escalation, no claimed fix', () => {
		for (const [product, node] of [
			['Windows Server 2022', 'server-2022-update'],
			['Windows Server 2019', 'server-2019-update'],
		] as const) {
			const state = walk(facts({product, build: '20348.4648'}), TO_OS);
			expect(here(state)).toBe(node);
			const text = allText(currentNode(state));
			expect(text).not.toMatch(/KB\d{7}/);
			expect(outcome(settle(answer(state, 'still-fails')))).toBe('escalate');
		}
		expect(here(settle(answer(walk({}, TO_OS), 'server-2019')))).toBe('server-2019-update');
	});

	it('other / not sure: check Windows Update, then escalate', () => {
		const state = settle(answer(walk({}, TO_OS), 'other'));
		expect(here(state)).toBe('other-windows');
		expect(nodeTexts(currentNode(state)).en).toContain('Windows Update');
		expect(outcome(walk({}, [...TO_OS, 'other', 'helpdesk']))).toBe('escalate');
	});
});

describe('the workaround texts', () => {
	it('web client first, with the URL and the keep-the-tab-open advice', () => {
		const node = flow.nodes['web-client']!;
		const {ja, en} = nodeTexts(node);
		for (const text of [ja, en]) expect(text).toContain('https://windows.cloud.microsoft');
		expect(en).toMatch(/keep the tab open/i);
		expect(ja).toContain('タブを開いたまま');
	});

	it('never claims the Windows App or another client is immune', () => {
		const {en} = nodeTexts(flow.nodes['other-clients']!);
		expect(en).toMatch(/None of them is known to be immune/);
		expect(en).toMatch(/reported/);
		const everything = Object.values(flow.nodes).map(allText).join('\n');
		expect(everything).not.toMatch(/not affected|unaffected|immune to/i);
	});

	it('never says System Restore deletes documents', () => {
		const {en} = nodeTexts(flow.nodes['uninstall-risks']!);
		expect(en).toContain('System Restore does not remove documents');
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
		['Windows 11 24H2 before the fix', facts({product: 'Windows 11', version: '24H2', build: '26100.7623'})],
		['Server 2025 before the fix', facts({product: 'Windows Server 2025', build: '26100.32230'})],
	] as const)('is reachable by an engine walk (%s)', (_name, initial) => {
		const {ends} = explore(initial, {takeProceed: true});
		expect([...ends.keys()].sort()).toEqual(END_IDS);
	});

	it('scripted walks to each end', () => {
		expect(outcome(walk({}, ['other-symptom']))).toBe('escalate');
		expect(here(walk({}, ['auth-failure', 'unrelated']))).toBe('general-help');
		expect(here(walk({}, [...TO_OS, 'win11-24h2', 'below', 'next', 'works']))).toBe('resolved');
		expect(here(walk({}, [...TO_OS, 'win11-24h2', 'at-or-above', 'web-client', 'works']))).toBe('using-workaround');
		expect(here(walk({}, [...TO_OS, 'win11-24h2', 'below', 'next', 'not-installed', 'helpdesk']))).toBe('escalate');
		expect(here(walk({}, ['rollback', 'continue', 'proceed', 'uninstall', 'works']))).toBe('rolled-back');
		const recovered = walk({}, ['rollback', 'continue', 'proceed', 'restore', 'problem']);
		expect(here(recovered)).toBe('data-recovery');
		expect(outcome(recovered)).toBe('recovery');
	});
});

// ── Destructive nodes only behind the backup gate ──────────────────────────────────────────

const DESTRUCTIVE = Object.entries(flow.nodes)
	.filter(([, node]) => node.destructive)
	.map(([id]) => id);

describe('destructive steps', () => {
	it('are the uninstall and System Restore steps', () => {
		expect(DESTRUCTIVE.sort()).toEqual(['system-restore', 'uninstall-update']);
	});

	it('are never reached by a walk that does not pass the gate', () => {
		for (const initial of [{}, facts({product: 'Windows 11', version: '24H2', build: '26100.7623'})]) {
			const {visited} = explore(initial, {takeProceed: false});
			for (const id of DESTRUCTIVE) expect(visited.has(id), id).toBe(false);
			expect(visited.has('backup-gate')).toBe(true);
		}
	});

	it('every walk that reaches one went through the gate with every backup acknowledged', () => {
		const {visited} = explore({}, {takeProceed: true});
		for (const id of DESTRUCTIVE) {
			const state = visited.get(id);
			expect(state, id).toBeDefined();
			const gate = state!.path.find((step) => step.node === 'backup-gate' && step.answer === 'proceed');
			expect(gate?.acks.sort()).toEqual(['cloud-storage', 'external-drive', 'windows-backup']);
		}
	});

	it('the gate refuses to proceed until every item is acknowledged, and cancel is the web client', () => {
		let state = walk({}, ['rollback', 'continue']);
		expect(here(state)).toBe('backup-gate');
		expect(() => answer(state, 'proceed')).toThrow(EngineError);
		state = acknowledge(state, 'external-drive');
		state = acknowledge(state, 'cloud-storage');
		expect(() => answer(state, 'proceed')).toThrow(EngineError);
		expect(here(answer(state, 'cancel'))).toBe('web-client');
		state = acknowledge(state, 'windows-backup');
		expect(here(answer(state, 'proceed'))).toBe('rollback-choice');
	});

	it('the engine refuses to enter one without the gate', () => {
		// A forged path that skips the gate: the engine must throw rather than trust the flow.
		const forged: State = {flow, facts: {}, path: [{node: 'rollback-choice', acks: []}]};
		expect(() => answer(forged, 'uninstall')).toThrow(EngineError);
		expect(() => answer(forged, 'restore')).toThrow(EngineError);
	});

	it('each has a way to the recovery end and shows only allowed commands', () => {
		for (const id of DESTRUCTIVE) {
			const node = flow.nodes[id]!;
			expect(node.kind).toBe('step');
			if (node.kind !== 'step') continue;
			expect(node.choices?.some((choice) => flow.nodes[choice.next]?.kind === 'end' && (flow.nodes[choice.next] as {outcome: string}).outcome === 'recovery')).toBe(true);
			for (const command of node.commands ?? []) expect(command.run).toBe('Get-HotFix');
		}
	});
});
