/**
 * Soak: 1,000 random walks in one process through the engine and the real session-log writer,
 * over the example and the shipped flow. Seeded: a failure names the seed of its walk, and
 * SOAK_SEED=<seed> reruns exactly that walk sequence.
 *
 * Every walk's log is read back by the reader without a warning and rebuilt (as --resume does)
 * into exactly the state the walk ended in; the heap after walk 1,000 is within a stated bound of
 * the heap after walk 100.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runInNewContext} from 'node:vm';
import {setFlagsFromString} from 'node:v8';
import {afterAll, describe, expect, it} from 'vitest';
import {start, type State} from '../../source/engine/engine.js';
import {readSessionFile} from '../../source/session/read-session.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {rebuildState} from '../../source/session/rebuild-state.js';
import {openSessionLog} from '../../source/session/session-log.js';
import {newSessionId} from '../../source/session/session-id.js';
import {EXAMPLE_FLOW, INCIDENT_FLOW, loadValidFlowFile} from '../helpers/flows.js';
import {seeded} from '../helpers/prng.js';
import {randomFacts, randomWalk, type WalkStats} from '../helpers/random-walk.js';

const WALKS = 1000;
const MAX_ACTIONS = 100;
const SEED = Number(process.env.SOAK_SEED ?? 20260115);
/** The heap after GC may grow by at most this much between walk 100 and walk 1,000. */
const HEAP_GROWTH_BOUND = 3 * 1024 * 1024;

// gc() without starting the test worker with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const logDir = mkdtempSync(join(tmpdir(), 'w365-engine-soak-'));
afterAll(() => rmSync(logDir, {recursive: true, force: true}));

const flows = [EXAMPLE_FLOW, INCIDENT_FLOW].map(loadValidFlowFile);

const shape = (state: State) =>
	state.path.map(({node, answer, acks, auto}) => ({node, answer, acks, auto: auto ?? false}));

function heapAfterGc(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

describe('soak: the engine and the session log', () => {
	it(`${WALKS} seeded random walks: no crash, every log read back without warnings and rebuilt exactly, bounded heap`, () => {
		const stats: WalkStats = {transitions: 0, backs: 0, restarts: 0, refusals: 0, outcomes: 0};
		const epoch = Date.parse('2026-01-15T00:00:00Z');
		let heapAt100 = 0;
		let heapAt1000 = 0;
		for (let walk = 1; walk <= WALKS; walk++) {
			const seed = SEED + walk;
			const random = seeded(seed);
			const {file, flow, hash} = flows[walk % flows.length]!;
			const facts = randomFacts(random);
			const notices: string[] = [];
			const log = openSessionLog({
				logDir,
				flow,
				flowFile: file,
				flowHash: hash,
				language: random.pick(flow.languages),
				facts,
				appVersion: 'soak',
				id: newSessionId(new Date(epoch + walk * 1000), walk.toString(16).padStart(4, '0')),
				onNotice: (line) => notices.push(line),
				// The writer as it is, but without an fsync per line: this is not a power-loss test.
				io: {fsync: () => {}},
			});
			try {
				const state = randomWalk(
					random,
					flow,
					recordTransitions(log.record),
					start(flow, facts),
					20 + random.int(MAX_ACTIONS - 19),
					stats,
				);
				log.close();
				expect(log.notice, `seed ${seed}`).toBeUndefined();
				expect(notices, `seed ${seed}`).toEqual([]);
				const read = readSessionFile(log.path!);
				expect(read.warnings, `seed ${seed}`).toEqual([]);
				expect(read.events).toHaveLength(log.events().length);
				expect(shape(rebuildState(read.events, flow, hash).state), `seed ${seed}`).toEqual(
					shape(state),
				);
			} catch (error) {
				throw new Error(
					`walk ${walk} (seed ${seed}, ${file}) failed: ${(error as Error).message}`,
					{cause: error},
				);
			}
			if (walk === 100) heapAt100 = heapAfterGc();
			if (walk === WALKS) heapAt1000 = heapAfterGc();
		}
		// Every kind of move happened often enough to mean something (about 12,000 actions per
		// 1,000 walks; these floors hold for any seed with a wide margin).
		expect(stats.transitions).toBeGreaterThan(9000);
		expect(stats.backs).toBeGreaterThan(1000);
		expect(stats.restarts).toBeGreaterThan(500);
		expect(stats.refusals).toBeGreaterThan(100);
		expect(stats.outcomes).toBeGreaterThan(1000);
		const growth = heapAt1000 - heapAt100;
		expect(
			growth,
			`heap grew by ${(growth / 1024 / 1024).toFixed(2)} MB from walk 100 to walk ${WALKS}`,
		).toBeLessThan(HEAP_GROWTH_BOUND);
		console.log(
			`engine soak: ${WALKS} walks, ${stats.transitions} actions (${stats.backs} back, ${stats.restarts} restart, ${stats.refusals} refused, ${stats.outcomes} at an outcome); heap after GC ${(heapAt100 / 1048576).toFixed(1)} MB at walk 100, ${(heapAt1000 / 1048576).toFixed(1)} MB at walk ${WALKS}`,
		);
	}, 120_000);
});
