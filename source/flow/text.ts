import type {Flow, Language, Text} from './schema.js';
import type {PathSegment} from './yaml-positions.js';

/** The text in `language`, falling back to the flow's first language that has one. */
export function localize(text: Text | undefined, language: Language): string {
	if (text === undefined) return '';
	if (typeof text === 'string') return text;
	return text[language] ?? Object.values(text)[0] ?? '';
}

/** Calls `visit` with every piece of people-facing text in the flow and where it is written. */
export function forEachText(
	flow: Flow,
	visit: (text: Text | undefined, path: PathSegment[]) => void,
) {
	visit(flow.title, ['title']);
	for (const [id, source] of Object.entries(flow.sources ?? {}))
		visit(source.title, ['sources', id, 'title']);
	for (const [id, row] of Object.entries(flow.builds ?? {})) {
		for (const key of ['name', 'settings', 'uninstall'] as const)
			visit(row[key], ['builds', id, key]);
	}
	for (const [id, node] of Object.entries(flow.nodes)) {
		const base = ['nodes', id];
		visit(node.title, [...base, 'title']);
		visit(node.text, [...base, 'text']);
		if (node.kind === 'question' || node.kind === 'step') {
			node.choices?.forEach((choice, index) =>
				visit(choice.label, [...base, 'choices', index, 'label']),
			);
		}
		if (node.kind === 'step')
			node.commands?.forEach((command, index) =>
				visit(command.label, [...base, 'commands', index, 'label']),
			);
		if (node.kind === 'gate')
			node.items.forEach((item, index) => visit(item.text, [...base, 'items', index, 'text']));
		if (node.kind === 'end') visit(node.helpdesk, [...base, 'helpdesk']);
	}
}
