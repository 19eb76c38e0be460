/**
 * The detection worker's entry (see detect-off-thread.ts): detects in its own thread, so that
 * whatever a probe does — systeminformation runs `chcp` through execSync, which stops the event
 * loop it runs on — the screen keeps answering keys. It reports every process it starts, then the
 * result. Bundled on its own as one CommonJS script (scripts/build.ts) and started from that text.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {detectFacts, type DetectTimeouts} from './detect-facts.js';
import {reportChildProcesses} from './run-probe.js';

export type WorkerInput = {timeouts?: Partial<DetectTimeouts>; standInMs?: number};

const port = parentPort!;
const input = workerData as WorkerInput;
reportChildProcesses((event) => port.postMessage(event));

// A stand-in for a probe that blocks its thread (tests measure that keys are still answered).
if (input.standInMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, input.standInMs);

void detectFacts({timeouts: input.timeouts}).then((detection) =>
	port.postMessage({type: 'done', detection}),
);
