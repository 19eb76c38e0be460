/** `graph --focus` from the command line (the drawing itself: graph-sections.test.ts). */
import {describe, expect, test} from 'vitest';
import {runBinary} from '../helpers/run-binary.js';

describe('graph --focus', () => {
	test('the command refuses a node that does not exist, naming close ids', async () => {
		const result = await runBinary(['graph', '--focus', 'rollback']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(
			'--focus "rollback" is not a node of this flow (did you mean rollback-',
		);
		const shown = await runBinary(['graph', '--focus', 'backup-gate', '--format', 'dot']);
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain('"backup-gate"');
		expect(shown.stdout).not.toContain('"winre-gate"');
	});
});
