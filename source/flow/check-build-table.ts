/**
 * What `validate` proves about the build table (the flow's `builds`): rows do not overlap, each
 * row's broken and fixed builds lie in its range and the fixed one is above the broken one, every
 * fix cites a source the flow lists, every product a question offers has exactly one row, every
 * {placeholder} is one the app fills, and a node that names row values is only reached once the
 * row is known (through a detect node's `table:` routes).
 */
import {compareBuilds, parseBuild} from '../facts/build-number.js';
import type {Finding} from './findings.js';
import type {Edge} from './flow-graph.js';
import {isRowPlaceholder, placeholdersIn} from './row-placeholders.js';
import type {Flow, Text} from './schema.js';
import {forEachText} from './text.js';
import type {PathSegment} from './yaml-positions.js';

type At = (code: Finding['code'], path: PathSegment[], message: string, key?: boolean) => void;

const build = (text: string) => parseBuild(text)!;
const cmp = (a: string, b: string) => compareBuilds(build(a), build(b));

export function checkBuildTable(flow: Flow, edges: Edge[], at: At) {
	const rows = Object.entries(flow.builds ?? {});
	for (const [id, row] of rows) {
		const base = ['builds', id];
		const {from, below} = row.builds;
		if (cmp(from, below) >= 0) {
			at(
				'W365E033',
				[...base, 'builds', 'below'],
				`row "${id}" covers no build: below (${below}) must be above from (${from})`,
			);
			continue;
		}
		for (const key of ['broken', 'fixed'] as const) {
			const value = row[key]?.build;
			if (value !== undefined && (cmp(value, from) < 0 || cmp(value, below) >= 0)) {
				at(
					'W365E033',
					[...base, key, 'build'],
					`the ${key} build ${value} of row "${id}" is outside its builds (${from} up to, not including, ${below}): fix the build or the range`,
				);
			}
		}
		if (row.broken && row.fixed && cmp(row.fixed.build, row.broken.build) <= 0) {
			at(
				'W365E032',
				[...base, 'fixed', 'build'],
				`row "${id}": the fixed build ${row.fixed.build} is not above the broken build ${row.broken.build}; a fix comes after what it fixes: check both builds`,
			);
		}
		const cite = (list: string[], path: PathSegment[], what: string) =>
			list.forEach((source, index) => {
				if (!flow.sources || !Object.hasOwn(flow.sources, source)) {
					at(
						'W365E025',
						[...path, index],
						`source "${source}" (the source of ${what}) is not listed under the flow's sources: add it there or fix the id`,
					);
				}
			});
		if (row.fixed) cite(row.fixed.sources, [...base, 'fixed', 'sources'], row.fixed.kb);
		cite(row.sources, [...base, 'sources'], `row "${id}"`);
	}
	// Overlaps: sorted by the start of the range, each row only needs checking against the rows
	// that start before it ends.
	const sorted = rows
		.filter(([, row]) => cmp(row.builds.from, row.builds.below) < 0)
		.sort(([, a], [, b]) => cmp(a.builds.from, b.builds.from));
	for (let index = 0; index < sorted.length; index++) {
		const [id, row] = sorted[index]!;
		for (
			let other = index + 1;
			other < sorted.length && cmp(sorted[other]![1].builds.from, row.builds.below) < 0;
			other++
		) {
			const [otherId, otherRow] = sorted[other]!;
			at(
				'W365E031',
				['builds', otherId, 'builds', 'from'],
				`rows "${id}" (${row.builds.from} to below ${row.builds.below}) and "${otherId}" (${otherRow.builds.from} to below ${otherRow.builds.below}) share builds: a build must name one OS; tell them apart by the revision, e.g. below: "26100.20000"`,
			);
		}
	}

	checkProducts(flow, at);
	checkRoutes(flow, at);
	checkPlaceholders(flow, edges, at);
}

/** Every product a question sets (with its version) must pick exactly one row. */
function checkProducts(flow: Flow, at: At) {
	if (!flow.builds) return;
	const rows = Object.values(flow.builds);
	const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
	for (const [id, node] of Object.entries(flow.nodes)) {
		if (node.kind !== 'question' && node.kind !== 'step') continue;
		node.choices?.forEach((choice, index) => {
			const product = choice.set?.['os.product'];
			if (product === undefined) return;
			const version = choice.set?.['os.version'];
			const matches = rows.filter(
				(row) =>
					same(row.product, product) &&
					(row.version === undefined || (version !== undefined && same(version, row.version))),
			);
			if (matches.length !== 1) {
				const named = version === undefined ? product : `${product} ${version}`;
				const problem =
					matches.length === 0
						? 'has no row in the build table'
						: `matches ${matches.length} rows of the build table (set os.version too)`;
				at(
					'W365E034',
					['nodes', id, 'choices', index, 'set', 'os.product'],
					`choice "${choice.id}" offers ${named}, which ${problem}: add a row under builds for it, or fix the product and version`,
				);
			}
		});
	}
}

function checkRoutes(flow: Flow, at: At) {
	const rows = Object.entries(flow.builds ?? {});
	for (const [id, node] of Object.entries(flow.nodes)) {
		if (node.kind !== 'detect' || !node.table) continue;
		if (rows.length === 0) {
			at(
				'W365E037',
				['nodes', id, 'table'],
				`detect node "${id}" routes on the build table, but the flow has no builds: add the table (builds:) or remove table:`,
				true,
			);
			continue;
		}
		const unfixed = rows.find(([, row]) => !row.fixed);
		if (unfixed && node.table['no-fix'] === undefined) {
			at(
				'W365E037',
				['nodes', id, 'table'],
				`row "${unfixed[0]}" has no fixed build, so detect node "${id}" needs a no-fix route: add no-fix: <node id> under table`,
				true,
			);
		}
	}
}

function checkPlaceholders(flow: Flow, edges: Edge[], at: At) {
	const users = new Map<string, PathSegment[]>();
	forEachText(flow, (text: Text | undefined, path) => {
		if (text === undefined) return;
		const filled =
			path[0] === 'nodes' && (path[2] === 'text' || path[2] === 'helpdesk') && path.length === 3;
		for (const [language, value] of typeof text === 'string'
			? [[undefined, text] as const]
			: Object.entries(text)) {
			const where = language === undefined ? path : [...path, language];
			for (const name of placeholdersIn(value)) {
				// A plain word in braces ("{y}") is ordinary text; a dotted one is a placeholder attempt.
				if (!isRowPlaceholder(name)) {
					if (name.includes('.'))
						at(
							'W365E035',
							where,
							`{${name}} is not a placeholder the app fills: use one of {name}, {build}, {broken.build}, {broken.kb}, {fixed.build}, {fixed.kb}, {settings}, {uninstall}`,
						);
				} else if (!filled)
					at(
						'W365E035',
						where,
						`{${name}} is only filled in a node's text or helpdesk text: write the value here, or move it to the text`,
					);
				else if (!users.has(String(path[1]))) users.set(String(path[1]), where);
			}
		}
	});
	if (users.size === 0 || !Object.hasOwn(flow.nodes, flow.start)) return;
	// Walk from start without taking a table route that knows the row: any node that uses row
	// values and is still reached could be shown before the row is known.
	const next = new Map<string, Edge[]>();
	for (const edge of edges) {
		if (edge.kind === 'table' && edge.route !== 'not-listed') continue;
		const list = next.get(edge.from);
		if (list) list.push(edge);
		else next.set(edge.from, [edge]);
	}
	const via = new Map<string, Edge | null>([[flow.start, null]]);
	const queue = [flow.start];
	for (let head = 0; head < queue.length; head++) {
		for (const edge of next.get(queue[head]!) ?? []) {
			if (via.has(edge.to) || !Object.hasOwn(flow.nodes, edge.to)) continue;
			via.set(edge.to, edge);
			queue.push(edge.to);
		}
	}
	for (const [id, path] of users) {
		if (!via.has(id)) continue;
		const walk = [id];
		for (let step = via.get(id) ?? null; step; step = via.get(step.from) ?? null)
			walk.unshift(step.from);
		at(
			'W365E036',
			path,
			`node "${id}" names values of the build table's row, but can be reached before the row is known: ${walk.join(' → ')}; route this path through a detect node's table: routes first`,
		);
	}
}
