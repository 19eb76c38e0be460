/**
 * The fixed words of the flow format (outcomes, shells, condition operators, a detect node's
 * routes), apart from its schemas (schema.ts): what reads a flow at run time needs these, not
 * the schema library, which a walk of the shipped flow never loads.
 */
export const OUTCOMES = ['resolved', 'workaround', 'escalate', 'recovery'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SHELLS = ['powershell', 'cmd'] as const;

/** The operators of a condition; exactly one per condition. */
export const CONDITION_OPERATORS = ['equals', 'in', 'gte', 'lt', 'contains', 'known'] as const;

/** Where a detect node goes for each answer the flow's build table gives (see BuildRowSchema). */
export const TABLE_ROUTES = [
	'before-broken',
	'broken',
	'fixed',
	'no-fix',
	'unknown-build',
	'not-listed',
] as const;
export type TableRoute = (typeof TABLE_ROUTES)[number];
