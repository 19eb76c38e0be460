/**
 * `npm run bench`: the numbers behind the README's performance bars, measured on this machine in
 * one run, from the package as it would be published (npm pack, then installed offline into an
 * empty prefix).
 *
 * - start-up: time until the first question is on screen in a pseudo-terminal (80x24), and until
 *   a key sent the moment it shows is answered, each as a ratio to `node -e` printing a line in
 *   the same round (runs interleaved, so that all see about the same machine load; `node -e` runs
 *   before and after the app's two, and the round's ratios are to the mean of the two: one run of
 *   it scatters by a third on a shared machine, and a ratio to one noisy run reads high on
 *   average); every round's ratios and load, and their medians, against the bars;
 * - the instructions the main thread runs until the first question, against `node -e` (callgrind,
 *   when valgrind is installed): a count that, unlike times, other load hardly moves;
 * - bytes written for the first frame and per arrow key in a five-choice question;
 * - the tarball's size and the installed size, and that the install fetched nothing;
 * - `validate` on generated 1,000- and 10,000-node flows.
 *
 * A pseudo-terminal needs python3 (its pty module; scripts/pty-probe.py). Nothing here is a test:
 * a missed bar is reported, and the exit code is 0 unless something could not be measured.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {cpus, loadavg, platform, release, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {generateFlow} from './generate-flow.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROBE = join(ROOT, 'scripts', 'pty-probe.py');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const DOWN = '1b5b42';
const UP = '1b5b41';

const scratch = mkdtempSync(join(tmpdir(), 'w365-bench-'));
process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const missed: string[] = [];
const bar = (ok: boolean, text: string) => {
	if (!ok) missed.push(text);
	return `${text}: ${ok ? 'met' : 'MISSED'}`;
};
const line = (label: string, value: string, note = '') =>
	console.log(`  ${label.padEnd(38)} ${value.padEnd(22)} ${note}`.trimEnd());

function duSize(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.size;
	return readdirSync(path).reduce((total, name) => total + duSize(join(path, name)), 0);
}

// ── The machine ──────────────────────────────────────────────────────────────────────────────
const cpu = cpus();
console.log(`w365-triage benchmark, ${new Date().toISOString()}`);
console.log(
	`machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}, Node ${process.version}`,
);
console.log(
	`load average at start: ${loadavg()
		.map((value) => value.toFixed(2))
		.join(' ')} (other work on the machine slows every number below)`,
);

// ── The package ──────────────────────────────────────────────────────────────────────────────
console.log('\npackage (npm pack, then npm install --offline of the tarball into an empty prefix)');
const packed = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	}),
) as {filename: string; size: number; unpackedSize: number; entryCount: number}[];
const tarball = join(scratch, packed[0]!.filename);
const tarballSize = statSync(tarball).size;
const prefix = join(scratch, 'prefix');
mkdirSync(prefix);
execFileSync(
	'npm',
	[
		'install',
		'--offline',
		'--no-audit',
		'--no-fund',
		'--cache',
		join(scratch, 'npm-cache'),
		'--prefix',
		prefix,
		tarball,
	],
	{stdio: 'ignore'},
);
const installed = join(prefix, 'node_modules');
const packages = readdirSync(installed).filter((name) => !name.startsWith('.'));
const bin = join(installed, 'w365-triage', 'bin', 'w365-triage.cjs');
line('tarball', kb(tarballSize), bar(tarballSize <= 400 * 1024, 'bar ≤ 400 KB'));
line(
	'installed',
	`${kb(duSize(installed))}, ${packed[0]!.entryCount} files`,
	bar(
		packages.length === 1,
		`${packages.length} package(s) in node_modules, nothing fetched (empty cache, --offline)`,
	),
);

// ── Start-up in a pseudo-terminal ────────────────────────────────────────────────────────────
type Probe = {
	firstFrameMs: number;
	firstFrameCpuMs: number | null;
	firstFrameBytes: number;
	firstKeyMs: number | null;
	firstKeyCpuMs: number | null;
	keyBytes: number[];
};
const home = join(scratch, 'home');
mkdirSync(home);
// A person's terminal: colours on, English, settings and logs in a scratch home (NO_COLOR or
// ACCESSIBLE would change what is drawn).
const appEnv: NodeJS.ProcessEnv = {
	...process.env,
	HOME: home,
	XDG_CONFIG_HOME: join(home, '.config'),
	XDG_DATA_HOME: join(home, '.local'),
	LANG: 'en_US.UTF-8',
	LC_ALL: '',
	TERM: 'xterm-256color',
};
for (const name of ['CI', 'NO_COLOR', 'ACCESSIBLE', 'FORCE_COLOR']) delete appEnv[name];

function probe(
	command: string[],
	marker: string,
	{keys = [], firstKey}: {keys?: string[]; firstKey?: {key: string; answer: string}} = {},
): Probe {
	const args = [PROBE, '--marker', marker, ...keys.flatMap((key) => ['--key', key])];
	if (firstKey) args.push('--first-key', firstKey.key, '--first-key-answer', firstKey.answer);
	const result = spawnSync('python3', [...args, '--', ...command], {env: appEnv, encoding: 'utf8'});
	const output = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Probe & {
		error?: string;
	};
	if (result.status !== 0 || output.error)
		throw new Error(`pty probe failed: ${output.error ?? result.stderr}`);
	return output;
}

const DOWN_ANSWER = '1b5b324b'; // the frame writer erasing the rest of a line it rewrote for ↓
const nodeE = [process.execPath, '-e', 'console.log("Step 1 · ready")'];
// As a person starts it: detection on (it runs after the first frame), settings and a log.
const logs = join(scratch, 'logs');
const asStarted = [process.execPath, bin, '--log-dir', logs];
// ↓ the moment the question shows; answered when the frame writer rewrites a line for it.
// Without detection, whose result would redraw the screen meanwhile.
const keyed = [process.execPath, bin, '--no-detect', '--log-dir', logs];
const load1 = () => (loadavg()[0] ?? 0).toFixed(2);

console.log(
	`\nstart-up (pseudo-terminal 80x24; ${RUNS} rounds of node -e, the app to its first question, the app to its first key answered, node -e again, in turn; each ratio is to the mean of its round's two node -e)`,
);
// Warm the file cache, and the app's code cache (source/load-app.ts): what every start but a
// person's very first (or first after an update) sees. The app keeps V8's code once the first
// question is on screen and the keys pause; the warm-up then quits with q, as a person does.
probe([process.execPath, bin, '--version'], '.');
probe(keyed, 'Step 1', {keys: ['71']});
type Round = {
	load: string;
	node: number;
	question: number;
	key: number;
	cpu: number | null;
	keyCpu: number | null;
};
const rounds: Round[] = [];
const column = (value: string, width: number) => value.padStart(width);
console.log(
	`  ${'round'.padEnd(6)}${column('load', 6)}${column('node -e', 10)}${column('first question', 24)}${column('first key answered', 24)}`,
);
for (let run = 0; run < RUNS; run++) {
	const load = load1();
	const before = probe(nodeE, 'Step 1').firstFrameMs;
	const started = probe(asStarted, 'Step 1');
	const answered = probe(keyed, 'Step 1', {firstKey: {key: DOWN, answer: DOWN_ANSWER}});
	const node = (before + probe(nodeE, 'Step 1').firstFrameMs) / 2;
	const round: Round = {
		load,
		node,
		question: started.firstFrameMs,
		key: answered.firstKeyMs!,
		cpu: started.firstFrameCpuMs,
		keyCpu: answered.firstKeyCpuMs,
	};
	rounds.push(round);
	const timed = (value: number) => `${ms(value)} ${(value / node).toFixed(2)} ×`;
	console.log(
		`  ${String(run + 1).padEnd(6)}${column(load, 6)}${column(ms(node), 10)}${column(timed(round.question), 24)}${column(timed(round.key), 24)}`,
	);
}
const ratios = (pick: (round: Round) => number) =>
	median(rounds.map((round) => pick(round) / round.node));
const questionRatio = ratios((round) => round.question);
const keyRatio = ratios((round) => round.key);
const cpuOf = (pick: (round: Round) => number | null) => {
	const values = rounds.map(pick).filter((value): value is number => value !== null);
	return values.length > 0 ? ms(median(values)) : 'unknown';
};
line('node -e printing a line', ms(median(rounds.map((round) => round.node))), '(median)');
line(
	'first question',
	`${questionRatio.toFixed(2)} × node -e`,
	`${bar(questionRatio <= 1.9, 'bar ≤ 1.9 ×')} (median of the rounds' ratios; ${ms(median(rounds.map((round) => round.question)))})`,
);
line(
	'first key answered',
	`${keyRatio.toFixed(2)} × node -e`,
	`${bar(keyRatio <= 2.0, 'bar ≤ 2.0 ×')} (median of the rounds' ratios; ${ms(median(rounds.map((round) => round.key)))})`,
);
// CPU time (all threads) changes far less with other load on the machine than wall time does.
line(
	'CPU time until the question',
	cpuOf((round) => round.cpu),
	'(all threads, median; for comparing builds)',
);
line(
	'CPU time until the key answered',
	cpuOf((round) => round.keyCpu),
	'(all threads, median)',
);
console.log(
	`  load average after the rounds: ${loadavg()
		.map((value) => value.toFixed(2))
		.join(' ')}`,
);

// ── Instructions until the first question ───────────────────────────────────────────────────
// Wall and CPU times scatter with whatever else the machine does; the instructions the main
// thread executes until the first question hardly move (callgrind counts them, when valgrind is
// installed). A preloaded script ends the process the moment the question is written.
const atQuestion = join(scratch, 'exit-at-question.cjs');
writeFileSync(
	atQuestion,
	"const write = process.stdout.write;\nprocess.stdout.write = function (chunk, ...rest) {\n\tconst written = write.call(this, chunk, ...rest);\n\tif (String(chunk).includes('Step 1')) process.reallyExit(0);\n\treturn written;\n};\n",
);
function instructions(command: string[]): number | undefined {
	const out = mkdtempSync(join(scratch, 'callgrind-'));
	const file = join(out, 'callgrind.out');
	probe(
		[
			'valgrind',
			'--tool=callgrind',
			'--separate-threads=yes',
			`--callgrind-out-file=${file}`,
			command[0]!,
			'--require',
			atQuestion,
			...command.slice(1),
		],
		'Step 1',
	);
	// The main thread's file ends in -01; its "summary:" line is the count.
	const main = readdirSync(out).find((name) => name.endsWith('-01'));
	const text = main ? readFileSync(join(out, main), 'utf8') : '';
	const count = /^summary: (\d+)/m.exec(text)?.[1];
	return count === undefined ? undefined : Number(count);
}
const hasValgrind = spawnSync('valgrind', ['--version'], {stdio: 'ignore'}).status === 0;
console.log(
	'\ninstructions until the first question (main thread, callgrind; 3 runs each, medians)',
);
if (!hasValgrind) console.log('  valgrind is not installed: not measured');
else {
	const counted = (command: string[]) => {
		const counts = [0, 1, 2].map(() => instructions(command));
		return counts.every((count) => count !== undefined) ? median(counts as number[]) : undefined;
	};
	const nodeCount = counted(nodeE);
	const appCount = counted(keyed);
	const millions = (count: number) => `${(count / 1e6).toFixed(0)} M`;
	if (nodeCount === undefined || appCount === undefined) console.log('  could not be counted');
	else {
		line('node -e printing a line', millions(nodeCount));
		line(
			'the app, to its first question',
			millions(appCount),
			`${(appCount / nodeCount).toFixed(2)} × node -e (for comparing builds; no bar)`,
		);
	}
}

// ── Bytes per key ────────────────────────────────────────────────────────────────────────────
const five = join(scratch, 'five-choices.yaml');
writeFileSync(
	five,
	[
		'id: bench-five',
		'version: "1"',
		'title: {ja: ベンチマーク, en: Benchmark}',
		'languages: [ja, en]',
		'start: pick',
		'nodes:',
		'  pick:',
		'    kind: question',
		'    text: {ja: どれに当てはまりますか？, en: Which one fits best?}',
		'    choices:',
		...['first', 'second', 'third', 'fourth', 'fifth'].map(
			(word, index) =>
				`      - {id: c${index + 1}, label: {ja: ${index + 1} 番目の答え, en: The ${word} answer}, next: done}`,
		),
		'  done: {kind: end, outcome: resolved, text: {ja: 完了, en: Done}}',
		'',
	].join('\n'),
);
const walk = [DOWN, DOWN, DOWN, DOWN, UP, UP, UP, UP];
// Without detection, whose result would redraw the screen while the keys are counted.
const fiveKeys = probe(
	[process.execPath, bin, '--flow', five, '--no-detect', '--log-dir', logs],
	'Step 1',
	{keys: walk},
).keyBytes;
const shipped = probe([process.execPath, bin, '--no-detect', '--log-dir', logs], 'Step 1', {
	keys: [DOWN, DOWN, UP, UP],
});
console.log('\nbytes written (the frame writer rewrites only the lines that changed)');
line(
	'first frame, shipped flow',
	`${shipped.firstFrameBytes} bytes`,
	'(alternate screen, cleared, the frame; Ink taking over adds none)',
);
line(
	'per arrow key, five choices ↓↓↓↓↑↑↑↑',
	`median ${median(fiveKeys)} bytes`,
	`${bar(median(fiveKeys) <= 109, 'bar ≤ 109')} (each: ${fiveKeys.join(' ')})`,
);
line(
	'per arrow key, shipped flow step 1',
	`median ${median(shipped.keyBytes)} bytes`,
	`(each: ${shipped.keyBytes.join(' ')})`,
);

// ── validate ─────────────────────────────────────────────────────────────────────────────────
// Each run reports its own CPU time (all threads) and peak memory: process.resourceUsage() as it
// exits, written to file descriptor 3 by a preloaded script, so the figures are the validator's.
const usage = join(scratch, 'resource-usage.cjs');
writeFileSync(
	usage,
	"process.on('exit', () => require('node:fs').writeSync(3, JSON.stringify(process.resourceUsage())));\n",
);
type Run = {
	wallMs: number;
	cpuMs: number;
	peakBytes: number;
	status: number | null;
	output: string;
};
function validate(file: string): Run {
	const started = performance.now();
	const result = spawnSync(process.execPath, ['--require', usage, bin, 'validate', file], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
	});
	const wallMs = performance.now() - started;
	const used = JSON.parse(String(result.output[3])) as NodeJS.ResourceUsage;
	return {
		wallMs,
		cpuMs: (used.userCPUTime + used.systemCPUTime) / 1000,
		peakBytes: used.maxRSS * 1024,
		status: result.status,
		output: `${result.stdout}${result.stderr}`,
	};
}
const VALIDATE_RUNS = 5;
console.log(
	`\nvalidate (generated block-style flows: questions with ja/en text and 2 choices; ${VALIDATE_RUNS} runs, interleaved, medians)`,
);
type Measured = {wall: number; cpu: number; peak: number};
const measured = new Map<string, Measured>();
for (const nodes of [1000, 10_000]) {
	// The same flow clean and with one finding near its end, run in turn.
	const kinds = nodes === 10_000 ? ['clean', 'one finding'] : ['clean'];
	const files = kinds.map((kind) => {
		const file = join(scratch, `flow-${nodes}-${kind.replace(' ', '-')}.yaml`);
		writeFileSync(file, generateFlow(nodes, {oneFinding: kind === 'one finding'}));
		return file;
	});
	const runs = kinds.map(() => [] as Run[]);
	for (let run = 0; run < VALIDATE_RUNS; run++) {
		files.forEach((file, index) => {
			const result = validate(file);
			const expected = kinds[index] === 'clean' ? 0 : 1;
			if (result.status !== expected || (expected === 1 && !result.output.includes('W365E029')))
				throw new Error(
					`validate of ${kinds[index]} flow exited ${result.status}:\n${result.output}`,
				);
			runs[index]!.push(result);
		});
	}
	kinds.forEach((kind, index) => {
		const of = (pick: (run: Run) => number) => median(runs[index]!.map(pick));
		const figures = {
			wall: of((run) => run.wallMs),
			cpu: of((run) => run.cpuMs),
			peak: of((run) => run.peakBytes),
		};
		measured.set(`${nodes} ${kind}`, figures);
		line(
			`${nodes.toLocaleString('en')} nodes${kind === 'clean' ? '' : `, ${kind}`} (${mb(statSync(files[index]!).size)})`,
			`${ms(figures.wall)}, CPU ${ms(figures.cpu)}`,
			`peak ${mb(figures.peak)}${nodes === 10_000 ? `  ${bar(figures.cpu < 1000, 'bar < 1 s CPU')}` : ''}`,
		);
	});
}
const clean = measured.get('10000 clean')!;
const withFinding = measured.get('10000 one finding')!;
const timeRatio = withFinding.cpu / clean.cpu;
const memoryRatio = withFinding.peak / clean.peak;
line(
	'one finding against clean, 10,000',
	`CPU ${timeRatio.toFixed(2)} ×, peak ${memoryRatio.toFixed(2)} ×`,
	bar(timeRatio <= 2 && memoryRatio <= 2, 'bar ≤ 2 × each'),
);
const growth = clean.wall / measured.get('1000 clean')!.wall;
line('10 × the nodes', `${growth.toFixed(1)} × the time`, bar(growth <= 12, 'bar ≤ 12 ×'));

console.log(`\n${missed.length === 0 ? 'every bar met' : `bars missed: ${missed.join('; ')}`}`);
