/**
 * flows/flow.schema.json is generated from source/flow/schema.ts; a stale copy fails here
 * (regenerate with `npx tsx scripts/generate-json-schema.ts`). It is also checked with a real
 * JSON Schema validator, as an editor would use it: the example flow passes, mistakes do not.
 */
import {readFileSync} from 'node:fs';
import {Ajv, type ValidateFunction} from 'ajv';
import * as ajvFormats from 'ajv-formats';
import {parse} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {flowJsonSchema} from '../../source/flow/json-schema.js';
import {EXAMPLE_FLOW} from '../helpers/flows.js';

const SCHEMA_FILE = new URL('../../flows/flow.schema.json', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module itself or as
// `.default`, depending on the loader.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((ajvFormats as unknown as {default?: FormatsPlugin}).default ??
	ajvFormats) as unknown as FormatsPlugin;

describe('flows/flow.schema.json', () => {
	it('is exactly what flowJsonSchema() generates (run npx tsx scripts/generate-json-schema.ts)', () => {
		expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(flowJsonSchema());
	});

	it('explains every key on hover: each property has a description, and there is no $id that resolves nowhere', () => {
		const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
		expect(schema.$id).toBeUndefined();
		const missing: string[] = [];
		const walk = (node: unknown, path: string) => {
			if (Array.isArray(node))
				return node.forEach((item, index) => walk(item, `${path}[${index}]`));
			if (!node || typeof node !== 'object') return;
			const properties = (node as {properties?: Record<string, {description?: string}>}).properties;
			for (const [key, property] of Object.entries(properties ?? {})) {
				if (typeof property.description !== 'string' || property.description.length < 10)
					missing.push(`${path}.${key}`);
			}
			for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
		};
		walk(schema, '');
		expect(missing).toEqual([]);
		expect(JSON.stringify(schema)).toContain('"examples"');
	});

	describe('as a JSON Schema', () => {
		let validate: ValidateFunction;
		const example = () => parse(readFileSync(EXAMPLE_FLOW, 'utf8')) as Record<string, any>;

		beforeAll(() => {
			const ajv = new Ajv({allErrors: true, strict: false});
			addFormats(ajv);
			validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
		});

		it('accepts the example flow', () => {
			expect(validate(example()), JSON.stringify(validate.errors)).toBe(true);
		});

		it('rejects an unknown key at the top, in a node and in a choice', () => {
			const top = {...example(), reviewby: '2030-01-01'};
			expect(validate(top)).toBe(false);
			expect(validate.errors).toContainEqual(
				expect.objectContaining({
					keyword: 'additionalProperties',
					params: {additionalProperty: 'reviewby'},
				}),
			);

			const node = example();
			node.nodes.fixed.colour = 'green';
			expect(validate(node)).toBe(false);

			const choice = example();
			choice.nodes.symptom.choices[0].nxt = 'os-check';
			expect(validate(choice)).toBe(false);
		});

		it('rejects wrong types and values', () => {
			const cases: ((flow: Record<string, any>) => void)[] = [
				(flow) => (flow.version = 1),
				(flow) => (flow.languages = ['ja', 'fr']),
				(flow) => (flow.nodes.fixed.outcome = 'fixed'),
				(flow) => (flow.nodes['os-check'].rules[0].when[1].gte = '26100.x'),
				(flow) => (flow.nodes.spooler.commands[0].shell = 'bash'),
				(flow) => (flow.nodes.symptom.choices = flow.nodes.symptom.choices.slice(0, 1)),
				(flow) => (flow.sources.spooler.url = 'not a url'),
				(flow) => delete flow.start,
			];
			for (const [index, change] of cases.entries()) {
				const flow = example();
				change(flow);
				expect(validate(flow), `case ${index}`).toBe(false);
			}
		});
	});
});
