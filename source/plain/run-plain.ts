/**
 * The line-mode front end: numbered prompts, one answer per line. Used when stdin or stdout is not
 * a TTY, with --plain, or when ACCESSIBLE is set. It drives the same engine as the terminal UI
 * and has the same abilities: step numbers, back, restart, help, language, fact correction.
 *
 * Only decisions ask: questions, steps with choices and backup items. Detect steps and
 * instruction steps are shown and passed on their own, whether a person types or a script pipes,
 * so every prompt takes exactly one line and a line typed for one prompt can never answer the
 * next (a terminal over `ssh -t` fed from a file looks like a person typing). A detected fact is
 * corrected with `c` at the prompt that follows it (line-correct-fact.ts).
 *
 * A backup gate is never confirmed by scripted input unless each item is named (ack:ITEM);
 * otherwise the run stops with exit code 3 (line-gate.ts).
 */
import {currentNode, isFinished, options, resolveAnswer} from '../engine/engine.js';
import {otherLanguage} from '../i18n/locale.js';
import {droppedNotice} from '../view/shown-names.js';
import {flowTitle} from '../view/node-content.js';
import {correctableFacts, correctFact} from './line-correct-fact.js';
import {gatePrompt, handleGate} from './line-gate.js';
import {isBareY, isYes} from './line-strings.js';
import {
	LineWalk,
	passesByItself,
	type PlainOptions,
	type PlainResult,
	type Token,
} from './line-walk.js';

export type {LineInput, PlainOptions, PlainResult} from './line-walk.js';

export async function runPlain(options: PlainOptions): Promise<PlainResult> {
	const walk = new LineWalk(options);
	walk.print(flowTitle(walk.state.flow, walk.language));
	await walk.show();
	for (;;) {
		const stopped = await step(walk);
		if (stopped) return stopped;
	}
}

/** One turn of the walk: an outcome, a node that passes by itself, or one prompt answered. */
async function step(walk: LineWalk): Promise<PlainResult | undefined> {
	const node = currentNode(walk.state);
	if (isFinished(walk.state)) {
		walk.print('', walk.t.finished);
		return walk.done(0);
	}
	if (passesByItself(node)) {
		const id = options(walk.state)[0]!.id;
		walk.skipPreAnswer(id);
		walk.state = walk.options.transitions.answer(walk.state, id, {auto: true});
		await walk.show();
		return undefined;
	}
	const correctable = node.kind === 'gate' ? undefined : correctableFacts(walk.state);
	const token = await walk.next(
		node.kind === 'gate'
			? gatePrompt(walk)
			: walk.l.promptChoice(options(walk.state).length, correctable !== undefined),
	);
	if (token === null) return walk.ended();
	const command = COMMANDS.get(token.text);
	if (command) return command(walk, token);
	if (node.kind === 'gate') return handleGate(walk, token);
	if (token.text === 'c' && correctable) return correctFact(walk, correctable);
	return answerChoice(walk, token);
}

/** A choice by number or id; anything else is refused. */
async function answerChoice(walk: LineWalk, token: Token): Promise<PlainResult | undefined> {
	const id = resolveAnswer(walk.state, token.text);
	if (id === undefined) return walk.refuse(token, walk.t.choicesHint(options(walk.state).length));
	walk.state = walk.options.transitions.answer(walk.state, id);
	await walk.show();
	return undefined;
}

type Command = (walk: LineWalk, token: Token) => Promise<PlainResult | undefined>;

/** The commands available at every prompt, a gate's included. */
const COMMANDS = new Map<string, Command>([
	[
		'?',
		async (walk) => {
			walk.print('', ...walk.l.help);
			return undefined;
		},
	],
	[
		'q',
		async (walk) => {
			walk.print(walk.t.quit(...walk.where()));
			return walk.done(130, 'quit');
		},
	],
	['l', switchLanguage],
	['b', goBack],
	['r', restart],
]);

async function switchLanguage(walk: LineWalk): Promise<undefined> {
	walk.language = otherLanguage(walk.language, walk.state.flow.languages);
	walk.options.transitions.language(walk.state, walk.language);
	walk.print(walk.t.languageSwitched);
	await walk.show();
	return undefined;
}

async function goBack(walk: LineWalk): Promise<undefined> {
	if (walk.state.path.length === 1) {
		walk.print(walk.t.atStart);
		return undefined;
	}
	const result = walk.options.transitions.back(walk.state);
	walk.state = result.state;
	// In the words people saw (the Ink UI says the same): titles and labels, not ids.
	walk.print(
		'',
		walk.wentBack(),
		...droppedNotice(walk.state.flow, result.invalidated, walk.language),
	);
	await walk.show();
	return undefined;
}

/** A person confirms with yes in full; a script's `r` restarts at once. */
async function restart(walk: LineWalk, token: Token): Promise<PlainResult | undefined> {
	if (!token.scripted) {
		const confirm = await walk.next(walk.l.restartConfirm);
		if (confirm === null) return walk.ended();
		if (!isYes(confirm.text)) {
			walk.print(walk.l.notRestarted(isBareY(confirm.text)));
			return undefined;
		}
	}
	walk.state = walk.options.transitions.restart(walk.state);
	walk.print(walk.t.restarted);
	await walk.show();
	return undefined;
}
