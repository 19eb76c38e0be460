// Preloaded into the app (node --require) by the detection tests: while a detection worker is
// pending (from its creation to its exit), how late the main thread's timers fire: the worst, and
// each tick later than 20 ms as [wall-clock time, lateness] (so a test can leave out the moments it
// typed a key). Written as JSON to W365_LOOP_LAG_FILE when the worker exits or the app ends.
// Changes nothing else.
const {writeFileSync} = require('node:fs');
const workerThreads = require('node:worker_threads');

const file = process.env.W365_LOOP_LAG_FILE;
const TICK_MS = 10;
const report = {workers: 0, pendingMs: 0, maxLagMs: 0, ticks: 0, late: []};
const save = () => file && writeFileSync(file, JSON.stringify(report));
const Original = workerThreads.Worker;
workerThreads.Worker = class extends Original {
	constructor(...args) {
		super(...args);
		report.workers++;
		const started = performance.now();
		let last = started;
		const timer = setInterval(() => {
			const now = performance.now();
			const lag = Math.round(now - last - TICK_MS);
			report.maxLagMs = Math.max(report.maxLagMs, lag);
			if (lag > 20) report.late.push([Date.now(), lag]);
			report.ticks++;
			last = now;
		}, TICK_MS);
		timer.unref();
		const end = () => {
			clearInterval(timer);
			report.pendingMs ||= Math.round(performance.now() - started);
			save();
		};
		this.once('exit', end);
		process.once('exit', end);
	}
};
