/**
 * Writes flows/flow.schema.json from the flow schema in source/flow/schema.ts, so editors using
 * yaml-language-server autocomplete and check flow files. `npm test` fails if the file is stale.
 */
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {flowJsonSchema} from '../source/flow/json-schema.js';

const target = fileURLToPath(new URL('../flows/flow.schema.json', import.meta.url));
writeFileSync(target, flowJsonSchema());
console.log(`wrote ${target}`);
