import {languageFromEnvironment} from '../i18n/locale.js';
import {openFlow} from './open-flow.js';
import {parseLanguage} from './parse-options.js';
import {UsageError} from './usage.js';

export type GraphOptions = {flow?: string; format?: string; lang?: string};

/** `graph`: the flow as a Mermaid (default) or Graphviz DOT diagram on stdout. */
export async function graphCommand(options: GraphOptions, write: (text: string) => void): Promise<number> {
	const format = options.format ?? 'mermaid';
	if (format !== 'mermaid' && format !== 'dot') {
		throw new UsageError(`--format "${format}" is not supported: use --format mermaid or --format dot`);
	}
	const language = parseLanguage(options.lang) ?? languageFromEnvironment();
	const {flow} = await openFlow(options.flow);
	const diagramLanguage = flow.languages.includes(language) ? language : flow.languages[0]!;
	// Loaded on demand: walking a flow never needs the exporters.
	if (format === 'dot') write((await import('../flow/export-dot.js')).toDot(flow, diagramLanguage));
	else write((await import('../flow/export-mermaid.js')).toMermaid(flow, diagramLanguage));
	return 0;
}
