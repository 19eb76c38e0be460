/** The shipped flow's Mermaid diagram as it appears in the README, between the flow-graph markers. */
import {fileURLToPath} from 'node:url';
import {toMermaid} from '../source/flow/export-mermaid.js';
import {formatFinding} from '../source/flow/findings.js';
import {loadFlowFile} from '../source/flow/load-flow.js';

const START = '<!-- flow-graph:start -->';
const END = '<!-- flow-graph:end -->';

export function readmeGraphBlock(): string {
	const loaded = loadFlowFile(
		fileURLToPath(new URL('../flows/w365-avd-2026-01.yaml', import.meta.url)),
	);
	if (!loaded.flow) throw new Error(loaded.findings.map(formatFinding).join('\n'));
	return `\`\`\`mermaid\n${toMermaid(loaded.flow, 'en').trimEnd()}\n\`\`\``;
}

/** The README's current block (undefined when the markers are missing). */
export function currentReadmeGraph(readme: string): string | undefined {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	return start === -1 || end === -1 ? undefined : readme.slice(start + START.length, end).trim();
}

export function replaceReadmeGraph(readme: string, block: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start === -1 || end === -1) throw new Error(`README.md lacks the ${START} … ${END} markers`);
	return `${readme.slice(0, start + START.length)}\n${block}\n${readme.slice(end)}`;
}
