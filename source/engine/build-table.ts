/**
 * The build table, read: which row of the flow's `builds` a machine is, and where it stands
 * against that row's broken and fixed builds. Pure, and the one place that decides it, so a fact
 * that was detected, given, answered or corrected is routed the same way everywhere.
 *
 * The build decides when it is known: 26100.32230 is Windows Server 2025 whatever product was
 * picked or typed, and 26100.7623 is Windows 11 24H2 even if "Server 2025" was picked. Only
 * without a build does the product (and version) pick the row.
 */
import {compareBuilds, parseBuild} from '../facts/build-number.js';
import type {Facts} from '../facts/fact-values.js';
import type {BuildRow, Flow, TableRoute, TableRoutes} from '../flow/schema.js';

export type RowMatch = {
	id: string;
	row: BuildRow;
	/** Where the machine stands against the row. */
	status: TableRoute;
	/** The build, when it is known (it chose the row). */
	build?: string;
	/** The product or version the facts name, when they disagree with the row the build chose. */
	conflict?: string;
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function single(value: Facts[keyof Facts]): string | undefined {
	return value && typeof value.value === 'string' ? value.value : undefined;
}

/** The build's row, or undefined (with `build` set when the build is known but no row has it). */
export function matchBuildRow(flow: Flow, facts: Facts): RowMatch | {unlisted: string} | undefined {
	const rows = Object.entries(flow.builds ?? {});
	const buildText = single(facts['os.build']);
	const build = buildText === undefined ? undefined : parseBuild(buildText);
	const product = single(facts['os.product']);
	const version = single(facts['os.version']);
	if (build && buildText !== undefined) {
		const found = rows.find(
			([, row]) =>
				compareBuilds(build, parseBuild(row.builds.from)!) >= 0 &&
				compareBuilds(build, parseBuild(row.builds.below)!) < 0,
		);
		if (!found) return {unlisted: buildText};
		const [id, row] = found;
		const named = [product, version]
			.filter((value): value is string => value !== undefined)
			.join(' ');
		const agrees =
			(product === undefined || same(product, row.product) || productQuirk(product, row)) &&
			(version === undefined || row.version === undefined || same(version, row.version));
		return {
			id,
			row,
			status: standing(row, build),
			build: buildText,
			...(agrees ? {} : {conflict: named}),
		};
	}
	if (product === undefined) return undefined;
	const candidates = rows.filter(
		([, row]) =>
			same(product, row.product) &&
			(row.version === undefined || (version !== undefined && same(version, row.version))),
	);
	if (candidates.length !== 1) return undefined;
	const [id, row] = candidates[0]!;
	// Without a build, a row with no confirmed fix has nothing to compare against.
	return {id, row, status: row.fixed ? 'unknown-build' : 'no-fix'};
}

/** ProductName says "Windows 10" on Windows 11 too, and the LTSC editions share a server's build
 * (1809 LTSC is 17763, LTSB 2016 is 14393): "Windows 10" agrees with any row the build picks. */
function productQuirk(product: string, _row: BuildRow): boolean {
	return same(product, 'Windows 10');
}

function standing(row: BuildRow, build: readonly number[]): TableRoute {
	const below = (text: string) => compareBuilds(build, parseBuild(text)!) < 0;
	if (row.broken && below(row.broken.build)) return 'before-broken';
	if (!row.fixed) return 'no-fix';
	return below(row.fixed.build) ? 'broken' : 'fixed';
}

/** A route the table may leave out falls back to a stricter one: before-broken to broken. */
export function tableTarget(routes: TableRoutes, status: TableRoute): string | undefined {
	if (status === 'before-broken') return routes['before-broken'] ?? routes.broken;
	return routes[status];
}
