// conf imports ajv (for its `schema` option) and semver (for `migrations`) when it loads.
// w365-triage uses neither (settings are checked with valibot), so the bundle leaves them out:
// about 150 KB and 50 ms of start-up. Should a later change pass either option, conf fails loudly.
const unused = () => {
	throw new Error('conf: the schema and migrations options are not bundled (see scripts/build.ts)');
};
export class Ajv2020 {
	constructor() {
		unused();
	}
}
export default {
	default: unused,
	eq: unused,
	clean: unused,
	satisfies: unused,
	lte: unused,
	gt: unused,
};
