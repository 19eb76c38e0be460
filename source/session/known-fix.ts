/**
 * The fix a flow knows for the machine in a session: the update (KB) and the build that brought
 * it, read from the flow's data and the session's facts, never from incident values in code.
 *
 * Two places in a flow say it: a build table (`builds`: rows with the builds that are an OS and
 * its `fixed: {build, kb}`), read here by structure so flows with and without one are served; or
 * a detect node that splits one OS's builds at the fixed build (a rule `os.build < X` beside a
 * rule `os.build ≥ X`), with the KB named in the text of the node the older builds go to.
 */
import {compareBuilds, parseBuild} from '../facts/build-number.js';
import type {Facts} from '../facts/fact-values.js';
import {conditionHolds} from '../engine/conditions.js';
import type {Flow, Language, Text} from '../flow/schema.js';
import {localize} from '../flow/text.js';

export type KnownFix = {
	/** The OS as the flow names it (a build table's row), when it does. */
	name?: string;
	kb?: string;
	/** The first build with the fix. */
	build: string;
	/** Where the machine's build stands, when it is known. */
	installed?: boolean;
};

type BuildRow = {
	name?: Text;
	product?: string;
	version?: string;
	builds?: {from: string; below: string};
	fixed?: {build: string; kb?: string};
};

const KB = /\bKB\d{6,8}\b/;
const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;
const same = (a: string | undefined, b: string | undefined) =>
	a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export function knownFix(
	flow: Flow,
	facts: Facts,
	path: readonly string[],
	language: Language,
): KnownFix | undefined {
	const buildText = text(facts['os.build']?.value);
	const build = buildText === undefined ? undefined : parseBuild(buildText);
	const standing = (fixed: string): boolean | undefined =>
		build ? compareBuilds(build, parseBuild(fixed)!) >= 0 : undefined;
	const fromTable = tableRow(flow, facts);
	if (fromTable?.fixed && parseBuild(fromTable.fixed.build)) {
		return {
			...(fromTable.name ? {name: localize(fromTable.name, language)} : {}),
			...(fromTable.fixed.kb ? {kb: fromTable.fixed.kb} : {}),
			build: fromTable.fixed.build,
			...(standing(fromTable.fixed.build) !== undefined
				? {installed: standing(fromTable.fixed.build)}
				: {}),
		};
	}
	// The detect steps walked, newest first: the last one that split this OS's builds decided.
	for (const id of [...path].reverse()) {
		const node = flow.nodes[id];
		if (node?.kind !== 'detect') continue;
		for (const rule of node.rules) {
			// The rule must be about this machine, apart from its build (which may not be known).
			if (
				!rule.when.every(
					(condition) => condition.fact === 'os.build' || conditionHolds(condition, facts),
				)
			)
				continue;
			for (const condition of rule.when) {
				if (condition.fact !== 'os.build' || !('lt' in condition)) continue;
				const split = node.rules.some(
					(other) =>
						other !== rule &&
						other.when.some((c) => c.fact === 'os.build' && 'gte' in c && c.gte === condition.lt),
				);
				if (!split) continue;
				const target = flow.nodes[rule.next];
				const kb =
					target && 'text' in target && target.text !== undefined
						? KB.exec(localize(target.text, language))?.[0]
						: undefined;
				const installed = standing(condition.lt);
				return {
					...(kb ? {kb} : {}),
					build: condition.lt,
					...(installed !== undefined ? {installed} : {}),
				};
			}
		}
	}
	return undefined;
}

/** The build table's row for these facts: by build when it is known, else by product and version. */
function tableRow(flow: Flow, facts: Facts): BuildRow | undefined {
	const table = (flow as {builds?: Record<string, BuildRow>}).builds;
	if (!table || typeof table !== 'object') return undefined;
	const rows = Object.values(table);
	const build = parseBuild(text(facts['os.build']?.value) ?? '');
	if (build) {
		return rows.find((row) => {
			const from = row.builds && parseBuild(row.builds.from);
			const below = row.builds && parseBuild(row.builds.below);
			return from && below && compareBuilds(build, from) >= 0 && compareBuilds(build, below) < 0;
		});
	}
	const product = text(facts['os.product']?.value);
	const version = text(facts['os.version']?.value);
	const candidates = rows.filter(
		(row) =>
			same(row.product, product) && (row.version === undefined || same(row.version, version)),
	);
	return candidates.length === 1 ? candidates[0] : undefined;
}
