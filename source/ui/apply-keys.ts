/**
 * Keys applied to the screen one after another, with their effects: the one loop shared by the
 * App (once Ink runs) and early-keys.ts (before Ink has loaded). Nothing here loads Ink.
 */
import type {State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import type {Transitions} from '../session/record-transitions.js';
import {osc52} from './clipboard.js';
import {handleKey, type Key, type Layout, type Screen} from './screen-state.js';

export type KeyExit = {exitCode: 0 | 130; state: State; language: Language};

export type KeyTarget = {
	screen: Screen;
	/** Printed text is on screen (p, y): the next key only returns to the step. */
	printing: boolean;
};

/** Applies `keys` to `target` in order (changing it); returns the exit a key asked for, if any
 * (the keys after it are not applied). */
export function applyKeys(
	target: KeyTarget,
	keys: Key[],
	{
		layout,
		transitions,
		print,
		release,
	}: {
		layout: (screen: Screen) => Layout;
		transitions: Transitions;
		/** Shows text instead of the frame; true if it stays until `release` (the next key). */
		print: (text: string) => boolean;
		release: () => void;
	},
): KeyExit | undefined {
	for (const key of keys) {
		if (target.printing) {
			// Any key returns from the printed commands to the step.
			target.printing = false;
			release();
			continue;
		}
		const result = handleKey(target.screen, key, layout(target.screen), transitions);
		target.screen = result.screen;
		for (const effect of result.effects) {
			if (effect.type === 'print') {
				target.printing = print(
					(effect.clipboard === undefined ? '' : osc52(effect.clipboard)) + effect.text,
				);
			} else
				return {
					exitCode: effect.exitCode,
					state: target.screen.state,
					language: target.screen.language,
				};
		}
	}
	return undefined;
}
