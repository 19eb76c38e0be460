/** Declarative detect-node conditions: no code, no eval. A missing fact matches nothing except
 * `known: false`, so an unknown build can never look "fixed". */
import {compareBuilds, parseBuild} from '../facts/build-number.js';
import type {Facts} from '../facts/fact-values.js';
import type {Condition, DetectNode, Flow} from '../flow/schema.js';
import {matchBuildRow, tableTarget} from './build-table.js';

const same = (a: string, b: string | boolean) => a.toLowerCase() === String(b).toLowerCase();

export function conditionHolds(condition: Condition, facts: Facts): boolean {
	const fact = facts[condition.fact];
	if ('known' in condition) return (fact !== undefined) === condition.known;
	if (fact === undefined) return false;
	const values = Array.isArray(fact.value) ? fact.value : [fact.value];
	if ('equals' in condition) return values.some((value) => same(value, condition.equals));
	if ('in' in condition)
		return values.some((value) => condition.in.some((option) => same(value, option)));
	if ('contains' in condition) {
		return Array.isArray(fact.value)
			? fact.value.some((value) => same(value, condition.contains))
			: fact.value.toLowerCase().includes(condition.contains.toLowerCase());
	}
	const build = typeof fact.value === 'string' ? parseBuild(fact.value) : undefined;
	if (!build) return false;
	if ('gte' in condition) return compareBuilds(build, parseBuild(condition.gte)!) >= 0;
	return compareBuilds(build, parseBuild(condition.lt)!) < 0;
}

/**
 * The node a detect node routes to with these facts: its rules first, then the build table (when
 * the node has `table:`), then `otherwise`. `rule` is the rule's index, -1 otherwise, -2 the table.
 */
export function routeDetect(
	node: DetectNode,
	facts: Facts,
	flow: Flow,
): {next: string; rule: number} {
	const rule = node.rules.findIndex((candidate) =>
		candidate.when.every((condition) => conditionHolds(condition, facts)),
	);
	if (rule !== -1) return {next: node.rules[rule]!.next, rule};
	if (node.table) {
		const match = matchBuildRow(flow, facts);
		const target =
			match === undefined
				? undefined
				: 'unlisted' in match
					? node.table['not-listed']
					: tableTarget(node.table, match.status);
		if (target !== undefined) return {next: target, rule: -2};
	}
	return {next: node.otherwise, rule};
}
