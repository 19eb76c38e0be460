import {languageFromEnvironment} from '../i18n/locale.js';
import {openFlow} from './open-flow.js';
import {parseLanguage} from './parse-options.js';
import {UsageError} from './usage.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

export type GraphOptions = {flow?: string; format?: string; lang?: string; focus?: string};

/** `graph`: the flow as a Mermaid (default) or Graphviz DOT diagram on stdout. */
export async function graphCommand(
	options: GraphOptions,
	write: (text: string) => void,
): Promise<number> {
	const format = options.format ?? 'mermaid';
	if (format !== 'mermaid' && format !== 'dot') {
		throw new UsageError(
			`--format "${format}" is not supported: use --format mermaid or --format dot`,
		);
	}
	const language = parseLanguage(options.lang) ?? languageFromEnvironment();
	const {flow} = await openFlow(options.flow);
	const diagramLanguage = flow.languages.includes(language) ? language : flow.languages[0]!;
	const focus = options.focus;
	if (focus !== undefined && !Object.hasOwn(flow.nodes, focus)) {
		const ids = Object.keys(flow.nodes);
		const close = ids.filter((id) => id.includes(focus) || focus.includes(id)).slice(0, 5);
		throw new UsageError(
			`--focus "${sanitizeText(focus)}" is not a node of this flow${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}: give a node id as written under nodes, e.g. --focus ${flow.start}`,
		);
	}
	// Loaded on demand: walking a flow never needs the exporters.
	if (format === 'dot')
		write((await import('../flow/export-dot.js')).toDot(flow, diagramLanguage, focus));
	else write((await import('../flow/export-mermaid.js')).toMermaid(flow, diagramLanguage, focus));
	return 0;
}
