/**
 * Every row of the build table (docs/incident-facts.md) as that Windows has it in its registry,
 * detected by the real app on Windows (node.exe under Wine, the real `reg query`), at the broken
 * build, at the fix and after it. Each walk is also run on Linux with the same facts given by
 * --fact: the Windows walk must take exactly the same route, and show the advice that row gets.
 */
import {afterAll, beforeAll, describe, it} from 'vitest';
import {ROWS, walkRow} from './build-table.js';
import {createPrefix, WINE_MISSING, type WinePrefix} from './wine.js';

describe.skipIf(WINE_MISSING)(
	'Windows: each build of the table detected from the registry (node.exe under Wine)',
	() => {
		let prefix: WinePrefix;
		beforeAll(async () => {
			prefix = await createPrefix();
		}, 240_000);
		afterAll(async () => prefix?.close());

		for (const row of ROWS) {
			it(`${row.name}: detects product, version and build, and routes each build as the table says`, async () => {
				await walkRow(prefix, row, (args) => prefix.triage(args));
			}, 90_000);
		}
	},
);

if (WINE_MISSING) console.log(WINE_MISSING);
