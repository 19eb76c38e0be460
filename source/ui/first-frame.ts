/**
 * Paints the first frame from the screen layout while Ink, React and Yoga are still loading (the
 * larger part of a start-up, see README "Performance"). Ink's own first frame is then the same
 * text, so taking over writes nothing; keys pressed in between are answered by early-keys.ts.
 */
import type {State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {frameText} from './frame-text.js';

export {answerEarlyKeys} from './early-keys.js';
import type {LaidOut} from './early-keys.js';
import {loadJapanesePhrases} from './japanese-phrases.js';
import {layoutScreen} from './screen-layout.js';
import {initialScreen} from './screen-state.js';
import {
	colorAllowed,
	openTerminalScreen,
	type TerminalScreen,
	terminalSize,
} from './terminal-screen.js';

export type FirstScreen = {
	state: State;
	language: Language;
	detecting: boolean;
	asOf: string;
	logPath?: string;
	helpdesk?: Helpdesk;
};

/** Japanese is broken between phrases from the first frame on: the phrase parser is loaded first. */
export async function prepareFirstFrame(language: Language): Promise<void> {
	if (language === 'ja') await loadJapanesePhrases();
}

/** The terminal screen with the first frame on it: the screen it shows, laid out at `size`. */
export type ShownScreen = TerminalScreen & {shown: LaidOut};

/** Opens the terminal screen (terminal-screen.ts) and paints the first frame on it. */
export function showFirstFrame({
	state,
	language,
	detecting,
	asOf,
	logPath,
	helpdesk,
}: FirstScreen): ShownScreen {
	const terminal = openTerminalScreen();
	try {
		const screen = initialScreen(state, language, detecting);
		const size = terminalSize(terminal.stream);
		const layout = layoutScreen(screen, size, {asOf, logPath, helpdesk});
		terminal.writer.frame(frameText(layout, colorAllowed()));
		return Object.assign(terminal, {shown: {screen, size, layout}});
	} catch (error) {
		terminal.close();
		throw error;
	}
}
