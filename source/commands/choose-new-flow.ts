/**
 * Which flow a new session walks: --flow FILE; else, with a flows directory (--flows or the
 * settings' flowsDir) offering more than one valid flow, the one chosen in the first menu; else
 * the shipped flow.
 */
import type {Language} from '../flow/schema.js';
import type {LoadedSettings} from '../session/settings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {type FlowMenu, flowMenu} from '../view/flow-menu.js';
import {type OpenedFlow, openFlow} from './open-flow.js';
import type {RunOptions} from './run-options.js';
import {UsageError} from './usage.js';

/**
 * How the "What is the problem?" menu is asked: line mode or the terminal UI. A number is the exit
 * code of a menu left without a choice.
 */
export type ChooseFlow = (
	menu: FlowMenu,
	language: Language,
	answers: string[],
) => Promise<OpenedFlow | number>;

export async function chooseNewFlow(
	options: RunOptions,
	settings: LoadedSettings,
	language: Language,
	answers: string[],
	choose: ChooseFlow,
	onNotice: (line: string) => void,
): Promise<OpenedFlow | number> {
	const dir = options.flows ?? settings.settings.flowsDir;
	if (options.flow !== undefined || dir === undefined) return openFlow(options.flow);
	const shipped = await openFlow(undefined);
	const {discoverFlows, offeredFlows} = await import('../session/flows-dir.js');
	const found = discoverFlows(dir);
	if (found.problem) {
		// A typo in --flows is the user's to fix now; a settings file never stops a triage.
		if (options.flows !== undefined)
			throw new UsageError(
				`--flows ${sanitizeText(found.problem)}: give a directory of flow files (*.yaml), or leave --flows out to use the shipped flow`,
			);
		onNotice(
			`flowsDir ${found.problem} (settings): only the shipped flow is offered; fix flowsDir in ${settings.file}`,
		);
	}
	const menu = flowMenu(offeredFlows(shipped, found.entries), language);
	if (menu.items.length > 1) return choose(menu, language, answers);
	// One flow: no menu, but a flow that could not be offered is still named.
	for (const problem of menu.problems) onNotice(`--flows: not offered: ${problem}`);
	return shipped;
}
