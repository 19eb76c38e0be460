import {toJsonSchema} from '@valibot/to-json-schema';
import {FlowSchema} from './schema.js';

/** The JSON Schema for flow files, as committed in flows/flow.schema.json (build time only). */
export function flowJsonSchema(): string {
	// No $id: the schema is not served anywhere, and an $id that does not resolve only misleads.
	// Editors find it by path (a modeline or yaml.schemas; see README, "Writing a flow").
	const schema = {
		...toJsonSchema(FlowSchema, {errorMode: 'throw'}),
		title: 'w365-triage flow',
		description: 'A w365-triage decision tree. See README.md, "Writing a flow".',
	};
	return `${JSON.stringify(schema, null, '\t')}\n`;
}
