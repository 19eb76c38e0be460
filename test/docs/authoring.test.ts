/**
 * docs/authoring.md walks through writing a second flow; its example must stay true: the example
 * flow is valid, the findings the guide prints are what validate prints for the mistakes it
 * describes, and the commands it shows do what it says (graph --focus, the scripted preview that
 * ends at the recovery end).
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {formatFinding} from '../../source/flow/findings.js';
import {loadFlowFile, loadFlowText} from '../../source/flow/load-flow.js';
import {runBinary} from '../helpers/run-binary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUIDE = readFileSync(join(ROOT, 'docs', 'authoring.md'), 'utf8');
const EXAMPLE = 'docs/examples/start-menu-2026-03.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'w365-authoring-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** The `w365-triage …` commands of the guide's sh blocks (continuation lines joined). */
function commands(): string[][] {
	const blocks = [...GUIDE.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) =>
		match[1]!.replace(/\\\n\s*/g, ''),
	);
	return blocks
		.flatMap((block) => block.split('\n'))
		.filter((line) => line.startsWith('w365-triage '))
		.map((line) => line.split(/\s+/).slice(1));
}

describe('docs/authoring.md', () => {
	it('its example flow is valid and uses sections, a gate before the destructive step and a recovery end', () => {
		const {flow, findings} = loadFlowFile(join(ROOT, EXAMPLE));
		expect(findings.map(formatFinding)).toEqual([]);
		const nodes = Object.values(flow!.nodes);
		expect(nodes.some((node) => node.section !== undefined)).toBe(true);
		expect(nodes.some((node) => node.destructive)).toBe(true);
		expect(nodes.some((node) => node.kind === 'end' && node.outcome === 'recovery')).toBe(true);
	});

	it('prints the findings validate gives for the mistakes it describes', () => {
		const text = readFileSync(join(ROOT, EXAMPLE), 'utf8')
			.replace('verified: "2026-03-20"', 'verified: "2026-03-32"')
			.replace('url: https://', 'url: http://');
		const printed = loadFlowText(text, 'start-menu-2026-03.yaml').findings.map(formatFinding);
		const shown = /^```text\n([\s\S]*?)^```$/m.exec(GUIDE)![1]!.trimEnd().split('\n');
		expect(printed).toEqual(shown);
	});

	it('its commands work as it says', async () => {
		const all = commands();
		expect(all.length).toBeGreaterThanOrEqual(6);
		for (const args of all.filter(
			(command) =>
				command[0] === 'validate' || (command[0] === 'graph' && !command.includes('dot')),
		)) {
			const result = await runBinary(args.filter((arg) => arg !== '>' && !arg.endsWith('.mmd')));
			expect(result.code, args.join(' ')).toBe(0);
		}
		const walk = all.find((command) => command.includes('--answers'))!;
		const result = await runBinary([...walk, '--json', '--log-dir', scratch]);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({finished: true, outcome: 'recovery'});
	});
});
