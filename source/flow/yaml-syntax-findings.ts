/**
 * yaml's syntax errors as findings a flow author can act on: a tab used as indentation is
 * reported alone (every error after it is a consequence), an unclosed bracket or quote is placed
 * at its opening character, and the messages say what to do.
 */
import {type Document, isCollection, isScalar, visit} from 'yaml';
import type {Finding} from './findings.js';
import type {ToPosition} from './yaml-safety.js';

/** One finding per syntax error of `document` (whose text is `text`). */
export function yamlSyntaxFindings(
	document: Document,
	text: string,
	file: string,
	position: ToPosition,
): Finding[] {
	// A tab used as indentation derails the parser for the rest of the block, and every error after
	// it is a consequence: report the tabs alone (one finding per tab-indented line).
	const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
	const errors =
		tabs.length > 0
			? tabs.filter(
					(error, index) =>
						index === 0 || position(error.pos[0]).line !== position(tabs[index - 1]!.pos[0]).line,
				)
			: document.errors;
	return errors.map((error) => {
		// yaml notices an unclosed [, { or quote where the text after it ends; point at the opening
		// character instead, which is where the mistake is.
		const unclosed = /^Flow (sequence|map)|^Missing closing/.test(error.message)
			? unclosedStart(document, error.pos[0])
			: undefined;
		return {
			file,
			code: 'W365E001',
			position: position(unclosed ?? error.pos[0]),
			message:
				unclosed === undefined
					? yamlErrorMessage(error.code, error.message)
					: unclosedMessage(text[unclosed]!),
		};
	});
}

/** Whether the document has tab indentation (after which duplicate keys are not looked for). */
export function hasTabIndentation(document: Document): boolean {
	return document.errors.some((error) => error.code === 'TAB_AS_INDENT');
}

/** Start of the bracketed collection or quoted string that runs on to `end` without closing. */
function unclosedStart(document: Document, end: number): number | undefined {
	let found: number | undefined;
	visit(document, {
		Node(_key, node) {
			const opens =
				(isCollection(node) && node.flow) ||
				(isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
			if (opens && node.range?.[1] === end) {
				found = node.range[0];
				return visit.BREAK;
			}
			return undefined;
		},
	});
	return found;
}

function unclosedMessage(open: string): string {
	if (open === '"' || open === "'")
		return `this quoted text is never closed: add the closing ${open} (or, inside the text, write ${open === '"' ? '\\"' : "''"} for a ${open})`;
	const close = open === '[' ? ']' : '}';
	return `this ${open} is never closed: add the ${close} (a list or map written in brackets ends with ${close}; a line that continues it must be indented)`;
}

function yamlErrorMessage(code: string, message: string): string {
	const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
	switch (code) {
		case 'MULTIPLE_DOCS':
			return 'a second YAML document starts here: a flow file holds one flow; remove the --- line or put the second flow in a file of its own';
		case 'TAB_AS_INDENT':
			return 'a tab is used for indentation: YAML allows only spaces; replace the tab with spaces';
		default:
			return `${first}: fix the YAML syntax here`;
	}
}
