import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {currentReadmeGraph, readmeGraphBlock} from '../../scripts/readme-graph.js';

describe('README', () => {
	it('shows the shipped flow as it is now (run `npm run docs` after editing the flow)', () => {
		const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
		expect(currentReadmeGraph(readme)).toBe(readmeGraphBlock());
	});
});
