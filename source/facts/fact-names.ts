/**
 * The facts a flow can route on. The flow format (flow/schema.ts) takes its list from here, so the
 * facts vocabulary depends on nothing outside source/facts/.
 */
export const FACT_NAMES = [
	'os.family',
	'os.product',
	'os.version',
	'os.build',
	'os.remoteSession',
	'hotfixes',
	'app.role',
] as const;
export type FactName = (typeof FACT_NAMES)[number];
