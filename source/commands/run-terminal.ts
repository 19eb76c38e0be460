/**
 * A walk in the terminal UI: the first frame painted before Ink has loaded, Ink taking the screen
 * over, and every way the walk can be interrupted (a signal, a terminal that went away) recorded in
 * the log. Afterwards the outcome, or where it stopped, is left in the normal scrollback.
 */
import type {Detection} from '../detect/detect-facts.js';
import {isFinished} from '../engine/engine.js';
import {strings} from '../i18n/strings.js';
import {renderNode} from '../view/render-node.js';
import {recordInterrupted} from '../session/record-interrupted.js';
import {writeOut} from '../terminal/write-out.js';
import type {AppExit} from '../ui/App.js';
import type {KeyExit} from '../ui/apply-keys.js';
import type {EarlyKeys} from '../ui/early-keys.js';
import {keepCompiledCode} from '../keep-compiled-code.js';
import {loadJapanesePhrases} from '../ui/japanese-phrases.js';
import type {InkRun, runInk} from '../ui/run-ink.js';
import {quitLines, SIGNALS, shownPath, type Walk, type WalkSignal} from './walk.js';

/** How long the keys must have paused before the rest of the start-up begins; and how long
 * after the first frame it begins whatever the keys do. */
const KEYS_PAUSE_MS = 40;
const START_WAIT_MS = 1000;

export async function runTerminal(
	walk: Walk,
	firstFrame: Promise<typeof import('../ui/first-frame.js')>,
): Promise<number> {
	// Ink, React and Yoga take longer to load than everything before this point: the first frame
	// is painted from the same layout first, and Ink takes the screen over when it is ready.
	const {showFirstFrame, prepareFirstFrame, answerEarlyKeys} = await firstFrame;
	await prepareFirstFrame(walk.language);
	let ink: InkRun | undefined;
	let early: EarlyKeys | undefined;
	let interrupted = false;
	let over = false;
	const now = () => (ink ? ink.current() : (early?.current().state ?? walk.state));
	const interrupt = (reason: WalkSignal) => {
		// A second signal, or the hangup's signal after its end of input, is the same interruption;
		// after the UI has closed (q at an outcome), there is nothing left to interrupt. Before
		// Ink is running, the interruption is taken up as soon as it has loaded.
		if (interrupted || over) return;
		interrupted = true;
		if (!ink) early?.handOver(); // no key after the interruption is taken
		recordInterrupted(walk.log, now(), reason);
		ink?.stop(130);
	};
	const onSignal = (signal: WalkSignal) => interrupt(signal);
	// A terminal in raw mode never ends its input (Ctrl+D is a key): it ends when the terminal is
	// gone, a dropped SSH link or a closed window. The SIGHUP for that goes to the shell first and
	// reaches us only after it exits, by when the end of input would have let the event loop run
	// dry and the process leave without a word in the log.
	const onInputEnd = () => interrupt('SIGHUP');
	for (const signal of SIGNALS) process.on(signal, onSignal);
	process.stdin.once('end', onInputEnd);
	try {
		const shown = {
			...walk,
			detecting: walk.detect !== undefined,
			logPath: shownPath(walk.log.path),
		};
		const screen = showFirstFrame(shown);
		let exit: AppExit;
		try {
			// Keys typed while Ink loads are answered meanwhile (early-keys.ts); q or Ctrl+C then
			// ends the walk without waiting for Ink.
			early = answerEarlyKeys(screen, shown);
			// The rest of the start-up (detection, the phrase parser, Ink) waits for the keys to
			// pause: Ink's loading holds up input for tens of milliseconds, and a key pressed the
			// moment the question shows is answered at once instead (README "Performance").
			const quit = await Promise.race([
				early.paused(KEYS_PAUSE_MS, START_WAIT_MS).then(() => undefined),
				early.exited,
			]);
			const loaded = quit ?? (interrupted ? undefined : await loadTheRest(walk, early));
			if (loaded && 'exitCode' in loaded) exit = loaded;
			else if (!loaded || interrupted)
				exit = {exitCode: 130, state: now(), language: early.current().language};
			else {
				const handed = early.handOver();
				ink = loaded.runInk(screen, {
					...walk,
					state: handed.screen.state,
					language: handed.screen.language,
					logPath: shownPath(walk.log.path),
					detect: loaded.detect,
					early: handed,
				});
				exit = await ink.done;
			}
		} finally {
			early?.handOver();
			// Ink restores raw mode and the cursor when it unmounts; this is for a start that
			// failed or was interrupted before Ink ran.
			screen.close();
		}
		over = true;
		if (!interrupted && exit.exitCode === 130 && !isFinished(exit.state))
			recordInterrupted(walk.log, exit.state, 'quit');
		writeOut(process.stdout, `${afterTheScreen(walk, exit).join('\n')}\n`);
		return exit.exitCode;
	} finally {
		for (const signal of SIGNALS) process.off(signal, onSignal);
		process.stdin.off('end', onInputEnd);
	}
}

/** Starts detection and the phrase parser, and loads Ink; or the quit that came first. */
async function loadTheRest(
	walk: Walk,
	early: EarlyKeys,
): Promise<KeyExit | {runInk: typeof runInk; detect?: () => Promise<Detection>}> {
	// What drew the first question has run: the next start can have it compiled (load-app.ts).
	keepCompiledCode();
	const detection = walk.detect?.();
	detection?.catch(() => {}); // App reports it
	// The App lays out Japanese text with the phrase parser, which must have loaded before it runs.
	const loading = Promise.all([import('../ui/run-ink.js'), loadJapanesePhrases()]).then(
		([module]) => module,
	);
	loading.catch(() => {}); // after a quit it is no longer awaited
	const loaded = await Promise.race([loading, early.exited]);
	if ('exitCode' in loaded) return loaded;
	return {runInk: loaded.runInk, detect: detection && (() => detection)};
}

/**
 * The UI ran on the alternate screen; the outcome (or where it stopped) is left in the normal
 * scrollback, where it can be copied into a ticket.
 */
function afterTheScreen(walk: Walk, exit: AppExit): string[] {
	const t = strings(exit.language);
	const summary = isFinished(exit.state)
		? renderNode(exit.state, {language: exit.language, asOf: walk.asOf, helpdesk: walk.helpdesk})
		: quitLines(walk, exit.state, exit.language);
	if (walk.log.path) summary.push(t.logAt(walk.log.path));
	return summary;
}
