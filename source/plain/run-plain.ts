/**
 * The line-mode front end: numbered prompts, one answer per line. Used when stdin or stdout is not
 * a TTY, with --plain, or when ACCESSIBLE is set. It drives the same engine as the terminal UI
 * and has the same abilities: step numbers, back, restart, help, language, fact correction.
 *
 * Scripted input (--answers, or stdin that is not a terminal) answers decisions only: detect
 * nodes and instruction steps continue on their own. A backup gate is never confirmed by
 * scripted input unless each item is named (ack:ITEM); otherwise the run stops with exit code 3.
 */
import {currentNode, currentStep, isFinished, options, pendingAcks, resolveAnswer, type State, stepNumber} from '../engine/engine.js';
import type {Detection} from '../facts/detect-facts.js';
import {factForm, isFactName, parseFact} from '../facts/fact-values.js';
import {detectionNotice} from '../view/detection-notice.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import type {Language} from '../flow/schema.js';
import {otherLanguage} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import {type Transitions} from '../session/record-transitions.js';
import {flowTitle} from '../view/node-content.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {renderNode} from './render-node.js';

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

export async function runPlain(options_: PlainOptions): Promise<PlainResult> {
	const {input, write, interactive, asOf} = options_;
	const {answer, acknowledge, back, restart, setFact} = options_.transitions;
	let {state, language} = options_;
	const answers = [...options_.answers];
	const t = () => strings(language);
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
	const done = (exitCode: PlainResult['exitCode'], stopped?: PlainResult['stopped']): PlainResult => ({exitCode, state, language, stopped});

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
		const hasMore = answers.length > 0 || !interactive;
		const autoContinues = node.kind === 'detect' || (node.kind === 'step' && !node.choices);
		if (autoContinues && hasMore) {
			const id = options(state)[0]!.id;
			if (answers[0] === id) answers.shift();
			state = answer(state, id, {auto: true});
			await show();
			continue;
		}

		const prompt =
			node.kind === 'gate'
				? pendingAcks(state).length > 0
					? t().promptAck(node.items.length - pendingAcks(state).length + 1, node.items.length)
					: t().promptGateDone
				: node.kind === 'detect'
					? t().promptDetect
					: node.kind === 'step' && !node.choices
						? t().promptContinue
						: t().promptChoice(options(state).length);
		const token = await next(prompt);
		if (token === null) {
			if (node.kind === 'gate') {
				print(t().gateNeedsPerson(...where()));
				return done(3, 'gate');
			}
			print(t().inputEnded(...where()));
			return done(130, 'eof');
		}
		const text = token.text;

		// Commands available at every prompt.
		if (text === '?') {
			print('', ...t().help, t().keysHint);
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
			print('', t().wentBack(...where()));
			if (result.invalidated.answers.length > 0) {
				print(t().droppedAnswers(result.invalidated.answers.map((a) => `${a.node}=${a.answer}`).join(', ')));
			}
			if (result.invalidated.acks.length > 0) {
				print(t().droppedAcks(result.invalidated.acks.map((a) => `${a.node}:${a.item}`).join(', ')));
			}
			await show();
			continue;
		}
		if (text === 'r') {
			if (!token.scripted) {
				const confirm = await next(t().restartConfirm);
				if (confirm === null) continue;
				if (!/^(y|yes|はい)$/i.test(confirm.text)) continue;
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
		if (node.kind === 'detect' && text === 'c') {
			const correction = await correctFact();
			if (correction) return correction;
			continue;
		}
		if (autoContinues && (text === '' || text === '1' || text === options(state)[0]!.id)) {
			state = answer(state, options(state)[0]!.id);
			await show();
			continue;
		}
		const id = autoContinues ? undefined : resolveAnswer(state, text);
		if (id === undefined) {
			const failed = refuse(token, autoContinues ? t().promptContinue.replace(/: $/, '') : t().choicesHint(options(state).length));
			if (failed) return failed;
			continue;
		}
		state = answer(state, id);
		await show();
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
			state = acknowledge(state, named);
			await show();
			return undefined;
		}
		if (!token.scripted && pending.length > 0 && /^(y|yes|はい)$/i.test(text)) {
			state = acknowledge(state, pending[0]!);
			await show();
			return undefined;
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
		print(sanitizeText(t().invalidAnswer(text, pending.length > 0 ? t().gateHint : t().promptGateDone)));
		return undefined;
	}

	async function correctFact(): Promise<PlainResult | undefined> {
		const node = currentNode(state);
		if (node.kind !== 'detect') return undefined;
		const nameToken = await next(t().correctWhich(node.facts.join(', ')));
		if (nameToken === null) return undefined;
		const name = nameToken.text;
		if (!isFactName(name) || !node.facts.includes(name)) {
			return refuse(nameToken, node.facts.join(', '));
		}
		const valueToken = await next(t().correctValue(name, factForm(name)));
		if (valueToken === null) return undefined;
		const parsed = parseFact(name, valueToken.text);
		if (!parsed.ok) return refuse(valueToken, parsed.message);
		state = setFact(state, parsed.name, parsed.value, 'corrected');
		print(t().corrected(name, valueToken.text));
		await show();
		return undefined;
	}
}
