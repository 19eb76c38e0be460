import {toJsonSchema} from '@valibot/to-json-schema';
import {FlowSchema} from './schema.js';

/** The JSON Schema for flow files, as committed in flows/flow.schema.json (build time only). */
export function flowJsonSchema(): string {
	const schema = {
		...toJsonSchema(FlowSchema, {errorMode: 'throw'}),
		$id: 'https://github.com/w365-triage/w365-triage/flows/flow.schema.json',
		title: 'w365-triage flow',
		description: 'A w365-triage decision tree. See README.md, "Writing a flow".',
	};
	return `${JSON.stringify(schema, null, '\t')}\n`;
}
