/**
 * `sessions --stats`: what the local logs say about a flow — how sessions ended per flow version,
 * where unfinished ones stopped, and how long people spend on each step. Computed on this machine
 * from the log files only; nothing is collected or sent (no telemetry).
 */
import type {Outcome} from '../flow/schema.js';
import {OUTCOMES} from '../flow/format-words.js';
import {summarizeSession} from './list-sessions.js';
import type {ReadSession} from './read-session.js';

export type EndKind = Outcome | 'interrupted' | 'unfinished' | 'in-progress';
export const END_KINDS: readonly EndKind[] = [
	...OUTCOMES,
	'interrupted',
	'unfinished',
	'in-progress',
];

export type SessionStats = {
	sessions: number;
	/** Per flow id + version + hash: how many sessions ended each way. */
	flows: {
		id: string;
		version: string;
		hash: string;
		counts: Record<EndKind, number>;
		total: number;
	}[];
	/** Nodes where sessions without an outcome stopped, most frequent first. */
	stopped: {node: string; count: number}[];
	/** Per node: the median time from arriving to answering, over answers a person gave. */
	stepTimes: {node: string; medianSeconds: number; samples: number}[];
};

export function sessionStats(
	sessions: readonly ReadSession[],
	isAlive?: (pid: number) => boolean,
): SessionStats {
	const flows = new Map<string, SessionStats['flows'][number]>();
	const stopped = new Map<string, number>();
	const durations = new Map<string, number[]>();
	for (const session of sessions) {
		const summary = summarizeSession(session, isAlive);
		const key = `${summary.flow.id}\u0000${summary.flow.version}\u0000${summary.flow.hash}`;
		let entry = flows.get(key);
		if (!entry) {
			entry = {
				id: summary.flow.id,
				version: summary.flow.version,
				hash: summary.flow.hash,
				counts: Object.fromEntries(END_KINDS.map((kind) => [kind, 0])) as Record<EndKind, number>,
				total: 0,
			};
			flows.set(key, entry);
		}
		const kind: EndKind =
			summary.outcome ?? (summary.status === 'finished' ? 'unfinished' : summary.status);
		entry.counts[kind] += 1;
		entry.total += 1;
		if (!summary.outcome && summary.status !== 'in-progress')
			stopped.set(summary.last.node, (stopped.get(summary.last.node) ?? 0) + 1);
		collectDurations(session, durations);
	}
	return {
		sessions: sessions.length,
		flows: [...flows.values()].sort(
			(a, b) =>
				a.id.localeCompare(b.id) || a.version.localeCompare(b.version, undefined, {numeric: true}),
		),
		stopped: [...stopped.entries()]
			.map(([node, count]) => ({node, count}))
			.sort((a, b) => b.count - a.count || a.node.localeCompare(b.node)),
		stepTimes: [...durations.entries()]
			.map(([node, samples]) => ({node, medianSeconds: median(samples), samples: samples.length}))
			.sort((a, b) => b.medianSeconds - a.medianSeconds || a.node.localeCompare(b.node)),
	};
}

/** Time at each node: from the event that brought the person there to the answer given there. */
function collectDurations(session: ReadSession, durations: Map<string, number[]>): void {
	let arrived = Date.parse(session.start.time);
	for (const event of session.events.slice(1)) {
		const time = Date.parse(event.time);
		if (
			event.type === 'answer' &&
			!event.auto &&
			Number.isFinite(arrived) &&
			Number.isFinite(time) &&
			time >= arrived
		) {
			const samples = durations.get(event.node) ?? [];
			samples.push((time - arrived) / 1000);
			durations.set(event.node, samples);
		}
		if (event.type === 'answer' || event.type === 'back' || event.type === 'restart')
			arrived = time;
		// A resumed session: the time while it was closed is not time spent on the step, so the
		// clock restarts at the first event after the resume.
		else if (event.type === 'interrupted') arrived = Number.NaN;
		else if (Number.isNaN(arrived)) arrived = time;
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** 75 → "1m 15s", 8 → "8s", 3725 → "1h 2m". */
export function formatDuration(seconds: number): string {
	const whole = Math.round(seconds);
	if (whole < 60) return `${whole}s`;
	if (whole < 3600) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
	return `${Math.floor(whole / 3600)}h ${Math.floor((whole % 3600) / 60)}m`;
}
