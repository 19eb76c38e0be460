/**
 * The line-mode front end: numbered prompts, one answer per line. Used when stdin or stdout is not
 * a TTY, with --plain, or when ACCESSIBLE is set. It drives the same engine as the terminal UI
 * and has the same abilities: step numbers, back, restart, help, language, fact correction.
 *
 * Only decisions ask: questions, steps with choices and backup items. Detect steps and
 * instruction steps are shown and passed on their own, whether a person types or a script pipes,
 * so every prompt takes exactly one line and a line typed for one prompt can never answer the
 * next (a terminal over `ssh -t` fed from a file looks like a person typing). A detected fact is
 * corrected with `c` at the prompt that follows it.
 *
 * A backup gate is never confirmed by scripted input unless each item is named (ack:ITEM);
 * otherwise the run stops with exit code 3.
 */
import {
	currentNode,
	currentStep,
	isFinished,
	MIN_REASON_LENGTH,
	nodeOf,
	options,
	pendingAcks,
	resolveAnswer,
	type State,
	stepNumber,
} from '../engine/engine.js';
import type {Detection} from '../facts/detect-facts.js';
import {parseFact} from '../facts/fact-values.js';
import {detectionNotice} from '../view/detection-notice.js';
import {droppedNotice, stepName} from '../view/shown-names.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {FactName, FlowNode, Language} from '../flow/schema.js';
import {otherLanguage} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import {type Transitions} from '../session/record-transitions.js';
import {flowTitle, say} from '../view/node-content.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {isBareY, isYes, lineStrings} from './line-strings.js';
import {renderNode} from '../view/render-node.js';

export type LineInput = {
	/** The next line typed (without its newline), or null at end of input. */
	read(): Promise<string | null>;
};

export type PlainOptions = {
	state: State;
	language: Language;
	/** Pre-answers from --answers, consumed before reading input. */
	answers: string[];
	input: LineInput;
	write: (text: string) => void;
	/** A person is typing at a terminal (not a pipe). */
	interactive: boolean;
	asOf: string;
	/** Engine transitions that also write the session log. */
	transitions: Transitions;
	/** Called with every new state (signal handlers follow along). */
	onChange?: (state: State) => void;
	/** The organisation's helpdesk, named on outcome screens. */
	helpdesk?: Helpdesk;
	/** Environment detection, started before the first prompt; awaited at the first detect node. */
	detection?: Promise<Detection>;
};

export type PlainResult = {
	exitCode: 0 | 2 | 3 | 130;
	state: State;
	language: Language;
	/** Why an unfinished walk stopped. */
	stopped?: 'quit' | 'eof' | 'gate' | 'invalid';
};

type Token = {text: string; scripted: boolean};

/** Detect steps and instruction steps never ask: they are shown and passed. */
function passesByItself(node: FlowNode): boolean {
	return node.kind === 'detect' || (node.kind === 'step' && !node.choices);
}

/**
 * What `c` corrects at the current prompt: the facts shown by the detect steps passed since the
 * last answer a person gave, and the first of those steps, where the walk goes back to route again.
 */
export function correctableFacts(state: State): {step: number; facts: FactName[]} | undefined {
	let step: number | undefined;
	const facts = new Set<FactName>();
	for (let index = state.path.length - 2; index >= 0; index--) {
		const passed = state.path[index]!;
		const node = nodeOf(state.flow, passed.node);
		if (!passesByItself(node)) break;
		if (node.kind === 'detect') {
			step = index + 1;
			for (const name of node.facts) facts.add(name);
		}
	}
	return step === undefined ? undefined : {step, facts: [...facts]};
}

export async function runPlain(options_: PlainOptions): Promise<PlainResult> {
	const {input, write, interactive, asOf} = options_;
	const {answer, acknowledge, back, backTo, restart, setFact} = options_.transitions;
	let {state, language} = options_;
	const answers = [...options_.answers];
	const t = () => strings(language);
	const l = () => lineStrings(language);
	const print = (...lines: string[]) => write(`${lines.join('\n')}\n`);
	let detection = options_.detection;
	const show = async () => {
		if (detection && currentNode(state).kind === 'detect') {
			// Line mode cannot fill a screen in later: wait here for what detection finds.
			print('', t().detecting);
			const result = await detection;
			detection = undefined;
			state = options_.transitions.detected(state, result.facts);
			const notice = detectionNotice(result, state.facts, language);
			if (notice.length > 0) print(...notice);
		}
		options_.onChange?.(state);
		print(...renderNode(state, {language, asOf, helpdesk: options_.helpdesk}));
	};
	const where = () => [stepNumber(state), currentStep(state).node] as const;
	const wentBack = () =>
		t().wentBack(stepNumber(state), stepName(state.flow, currentStep(state).node, language));
	const factName = (name: FactName) => t().factNames[name];
	const done = (
		exitCode: PlainResult['exitCode'],
		stopped?: PlainResult['stopped'],
	): PlainResult => ({exitCode, state, language, stopped});
	const ended = (): PlainResult => {
		if (currentNode(state).kind === 'gate') {
			print(t().gateNeedsPerson(...where()));
			return done(3, 'gate');
		}
		print(t().inputEnded(...where()));
		return done(130, 'eof');
	};

	const next = async (prompt: string): Promise<Token | null> => {
		write(`\n${prompt}`);
		const pre = answers.shift();
		if (pre !== undefined) {
			// A long script never waits for input: let a signal (Ctrl+C, SIGTERM) in between answers.
			await new Promise((resolve) => setImmediate(resolve));
			// Pre-answers may come from a session log (--replay), which is untrusted text.
			write(`${sanitizeText(pre)}\n`);
			return {text: pre.trim(), scripted: true};
		}
		const line = await input.read();
		if (line === null) {
			write('\n');
			return null;
		}
		if (!interactive) write(`${sanitizeText(line)}\n`); // a terminal echoes what was typed; a pipe does not
		return {text: line.trim(), scripted: !interactive};
	};
	const refuse = (token: Token, hint: string): PlainResult | undefined => {
		print(sanitizeText(t().invalidAnswer(token.text, hint)));
		return token.scripted ? done(2, 'invalid') : undefined;
	};

	print(flowTitle(state.flow, language));
	await show();
	for (;;) {
		const node = currentNode(state);
		if (isFinished(state)) {
			print('', t().finished);
			return done(0);
		}
		if (passesByItself(node)) {
			const id = options(state)[0]!.id;
			if (answers[0] === id) answers.shift(); // --answers and --replay may name it
			state = answer(state, id, {auto: true});
			await show();
			continue;
		}

		const correctable = node.kind === 'gate' ? undefined : correctableFacts(state);
		const token = await next(
			node.kind === 'gate'
				? gatePrompt()
				: l().promptChoice(options(state).length, correctable !== undefined),
		);
		if (token === null) return ended();
		const text = token.text;

		// Commands available at every prompt.
		if (text === '?') {
			print('', ...l().help);
			continue;
		}
		if (text === 'q') {
			print(t().quit(...where()));
			return done(130, 'quit');
		}
		if (text === 'l') {
			language = otherLanguage(language, state.flow.languages);
			options_.transitions.language(state, language);
			print(t().languageSwitched);
			await show();
			continue;
		}
		if (text === 'b') {
			if (state.path.length === 1) {
				print(t().atStart);
				continue;
			}
			const result = back(state);
			state = result.state;
			// In the words people saw (the Ink UI says the same): titles and labels, not ids.
			print('', wentBack(), ...droppedNotice(state.flow, result.invalidated, language));
			await show();
			continue;
		}
		if (text === 'r') {
			if (!token.scripted) {
				const confirm = await next(l().restartConfirm);
				if (confirm === null) return ended();
				if (!isYes(confirm.text)) {
					print(l().notRestarted(isBareY(confirm.text)));
					continue;
				}
			}
			state = restart(state);
			print(t().restarted);
			await show();
			continue;
		}

		if (node.kind === 'gate') {
			const outcome = await handleGate(token);
			if (outcome) return outcome;
			continue;
		}
		if (text === 'c' && correctable) {
			const outcome = await correctFact(correctable);
			if (outcome) return outcome;
			continue;
		}
		const id = resolveAnswer(state, text);
		if (id === undefined) {
			const failed = refuse(token, t().choicesHint(options(state).length));
			if (failed) return failed;
			continue;
		}
		state = answer(state, id);
		await show();
	}

	/** Names the item a `yes` confirms, so nobody confirms one they have not read. */
	function gatePrompt(): string {
		const node = currentNode(state);
		if (node.kind !== 'gate') return '';
		const pending = pendingAcks(state);
		if (pending.length === 0) return l().promptGateDone(node.items.length);
		const index = node.items.findIndex((item) => item.id === pending[0]);
		return `${l().gateItem(index + 1, node.items.length, sanitizeText(say(node.items[index]!.text, language)))}\n${l().promptAck}`;
	}

	/** Confirms one item and echoes it, without repeating the gate and its sources (as `na` does). */
	function confirm(item: string): void {
		const node = currentNode(state);
		if (node.kind !== 'gate') return;
		state = acknowledge(state, item);
		options_.onChange?.(state);
		const index = node.items.findIndex((candidate) => candidate.id === item);
		print(
			l().confirmedItem(
				index + 1,
				node.items.length,
				sanitizeText(say(node.items[index]!.text, language)),
			),
		);
	}

	async function handleGate(token: Token): Promise<PlainResult | undefined> {
		const pending = pendingAcks(state);
		const text = token.text;
		if (text === 'c' || text === 'cancel' || (pending.length === 0 && text === '1')) {
			state = answer(state, 'cancel');
			await show();
			return undefined;
		}
		const named = /^ack:(.+)$/.exec(text)?.[1];
		if (named !== undefined && pending.includes(named)) {
			confirm(named);
			return undefined;
		}
		if (!token.scripted && pending.length > 0 && isYes(text)) {
			confirm(pending[0]!);
			return undefined;
		}
		// "Not applicable here" takes an item and the reason in words, typed at a terminal: a
		// script or a pipe cannot give it (it falls through to the exit-3 stop below).
		if (!token.scripted && pending.length > 0 && /^(na|n\/a|該当しない)$/i.test(text)) {
			return markNotApplicable(pending);
		}
		if (pending.length === 0 && (text === 'proceed' || text === '2')) {
			state = answer(state, 'proceed');
			await show();
			return undefined;
		}
		if (token.scripted) {
			// Never guess at a gate: a script that does not name each item cannot pass it.
			print(t().gateNeedsPerson(...where()));
			return done(3, 'gate');
		}
		const node = currentNode(state);
		const total = node.kind === 'gate' ? node.items.length : 0;
		const hint =
			pending.length === 0
				? l().promptGateDone(total).replace(/: $/, '')
				: isBareY(text)
					? l().yesInFull
					: l().gateHint;
		print(sanitizeText(t().invalidAnswer(text, hint)));
		return undefined;
	}

	async function markNotApplicable(pending: string[]): Promise<PlainResult | undefined> {
		const node = currentNode(state);
		if (node.kind !== 'gate') return undefined;
		const which = await next(
			t().naWhich(
				pending.map((id) => node.items.findIndex((item) => item.id === id) + 1).join(', '),
			),
		);
		if (which === null || which.scripted) return undefined;
		const index = Number(which.text) - 1;
		const item = /^[1-9]$/.test(which.text)
			? node.items[index]?.id
			: node.items.find((candidate) => candidate.id === which.text)?.id;
		if (item === undefined || !pending.includes(item)) {
			print(sanitizeText(t().invalidAnswer(which.text, t().gateHint)));
			return undefined;
		}
		const reason = await next(t().naReason);
		if (reason === null || reason.scripted) return undefined;
		if ([...reason.text].length < MIN_REASON_LENGTH) {
			print(t().naReasonTooShort);
			return undefined;
		}
		state = options_.transitions.notApplicable(state, item, reason.text);
		options_.onChange?.(state);
		// Echoed as a confirmation is, without printing the gate and its sources again.
		const marked = node.items.findIndex((candidate) => candidate.id === item);
		print(
			l().notApplicableItem(
				marked + 1,
				node.items.length,
				sanitizeText(say(node.items[marked]!.text, language)),
				sanitizeText(reason.text.trim()),
			),
		);
		return undefined;
	}

	/**
	 * `c`: which fact (a number or a name), then its value, each asked again with the reason until
	 * it fits, from a person or a script alike; an empty line keeps the facts. The walk then goes
	 * back to the first detect step just passed and routes again from there.
	 */
	async function correctFact({
		step,
		facts,
	}: {
		step: number;
		facts: FactName[];
	}): Promise<PlainResult | undefined> {
		let name: FactName | undefined;
		while (name === undefined) {
			const token = await next(l().correctWhich(facts.map(factName)));
			if (token === null) return ended();
			if (token.text === '') {
				print(l().nothingCorrected);
				return undefined;
			}
			// A number, the name shown or the id (as --fact and the facts file spell it).
			const typed = token.text.toLowerCase();
			name = /^[1-9]$/.test(token.text)
				? facts[Number(token.text) - 1]
				: facts.find(
						(fact) => fact.toLowerCase() === typed || factName(fact).toLowerCase() === typed,
					);
			if (name === undefined)
				print(sanitizeText(t().invalidAnswer(token.text, l().factHint(facts.map(factName)))));
		}
		for (;;) {
			const token = await next(l().correctValue(factName(name), t().factForm[name]));
			if (token === null) return ended();
			if (token.text === '') {
				print(l().nothingCorrected);
				return undefined;
			}
			const parsed = parseFact(name, token.text);
			if (!parsed.ok) {
				print(
					sanitizeText(
						l().valueRefused(t().factInvalid(factName(name), token.text, t().factForm[name])),
					),
				);
				continue;
			}
			state = backTo(state, step).state;
			state = setFact(state, parsed.name, parsed.value, 'corrected');
			print('', t().corrected(factName(name), sanitizeText(token.text)), wentBack());
			await show();
			return undefined;
		}
	}
}
