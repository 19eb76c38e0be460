/**
 * The "What is the problem?" menu in line mode: numbered, one line of input. The first --answers
 * entry picks the flow (its number or id); a scripted answer that picks none is a usage error. A
 * person is asked again. q or the end of input leaves before any session is opened.
 */
import type {Language} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {type FlowMenu, flowMenuLines, flowMenuStrings, pickFlow} from '../view/flow-menu.js';
import type {LineInput} from './line-walk.js';

export type PlainChoice = {item: FlowMenu['items'][number]} | {exitCode: 2 | 130; message?: string};

export async function chooseFlowPlain(
	menu: FlowMenu,
	options: {
		language: Language;
		answers: string[];
		input: LineInput;
		interactive: boolean;
		write: (text: string) => void;
	},
): Promise<PlainChoice> {
	const t = flowMenuStrings[options.language];
	const count = menu.items.length;
	options.write(`${flowMenuLines(menu, options.language).join('\n')}\n`);
	for (;;) {
		options.write(`\n${t.prompt(count)}`);
		const pre = options.answers.shift();
		const line = pre ?? (await options.input.read());
		if (line === null) {
			options.write('\n');
			return {exitCode: 130};
		}
		if (pre !== undefined || !options.interactive) options.write(`${sanitizeText(line)}\n`);
		if (line.trim() === 'q') return {exitCode: 130};
		const item = pickFlow(menu, line);
		if (item) return {item};
		const message = sanitizeText(t.unknown(line.trim(), count));
		if (pre !== undefined || !options.interactive) return {exitCode: 2, message};
		options.write(`${message}\n`);
	}
}
