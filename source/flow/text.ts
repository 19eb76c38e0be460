import type {Flow, Language, Text} from './schema.js';
import type {PathSegment} from './yaml-positions.js';

/** The text in `language`, falling back to the flow's first language that has one. */
export function localize(text: Text | undefined, language: Language): string {
	if (text === undefined) return '';
	if (typeof text === 'string') return text;
	return text[language] ?? Object.values(text)[0] ?? '';
}

/** Calls `visit` with every piece of people-facing text in the flow and where it is written
 * (texts a node leaves out are skipped, without building their paths). */
export function forEachText(flow: Flow, visit: (text: Text, path: PathSegment[]) => void) {
	if (flow.title !== undefined) visit(flow.title, ['title']);
	for (const [id, source] of Object.entries(flow.sources ?? {}))
		if (source.title !== undefined) visit(source.title, ['sources', id, 'title']);
	for (const [id, row] of Object.entries(flow.builds ?? {})) {
		for (const key of ['name', 'settings', 'uninstall'] as const) {
			const text = row[key];
			if (text !== undefined) visit(text, ['builds', id, key]);
		}
	}
	for (const [id, node] of Object.entries(flow.nodes)) {
		if (node.title !== undefined) visit(node.title, ['nodes', id, 'title']);
		if (node.text !== undefined) visit(node.text, ['nodes', id, 'text']);
		if (node.kind === 'question' || node.kind === 'step') {
			node.choices?.forEach((choice, index) =>
				visit(choice.label, ['nodes', id, 'choices', index, 'label']),
			);
		}
		if (node.kind === 'step')
			node.commands?.forEach((command, index) => {
				if (command.label !== undefined)
					visit(command.label, ['nodes', id, 'commands', index, 'label']);
			});
		if (node.kind === 'gate')
			node.items.forEach((item, index) => {
				if (item.text !== undefined) visit(item.text, ['nodes', id, 'items', index, 'text']);
			});
		if (node.kind === 'end' && node.helpdesk !== undefined)
			visit(node.helpdesk, ['nodes', id, 'helpdesk']);
	}
}
