/**
 * One walk in line mode as it goes: the state and language that change, the pre-answers not yet
 * used, and the few things every step does (read a line, print, show the current node, stop). The
 * steps in run-plain.ts, line-gate.ts and line-correct-fact.ts all work on it.
 */
import {currentNode, currentStep, type State, stepNumber} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import type {FactName, FlowNode, Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {Transitions} from '../session/record-transitions.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {detectionNotice} from '../view/detection-notice.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {stepName} from '../view/shown-names.js';
import {lineStrings} from './line-strings.js';
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

/** A line read at a prompt; `scripted`: from --answers or a pipe, not typed by a person. */
export type Token = {text: string; scripted: boolean};

/** Detect steps and instruction steps never ask: they are shown and passed. */
export function passesByItself(node: FlowNode): boolean {
	return node.kind === 'detect' || (node.kind === 'step' && !node.choices);
}

export class LineWalk {
	state: State;
	language: Language;
	private readonly answers: string[];
	private detection: Promise<Detection> | undefined;

	constructor(readonly options: PlainOptions) {
		this.state = options.state;
		this.language = options.language;
		this.answers = [...options.answers];
		this.detection = options.detection;
	}

	get t() {
		return strings(this.language);
	}

	/** The prompts and replies only line mode has. */
	get l() {
		return lineStrings(this.language);
	}

	print(...lines: string[]): void {
		this.options.write(`${lines.join('\n')}\n`);
	}

	/** The current node in full; at the first detect node, what detection found first. */
	async show(): Promise<void> {
		if (this.detection && currentNode(this.state).kind === 'detect') {
			// Line mode cannot fill a screen in later: wait here for what detection finds.
			this.print('', this.t.detecting);
			const result = await this.detection;
			this.detection = undefined;
			this.state = this.options.transitions.detected(this.state, result.facts);
			const notice = detectionNotice(result, this.state.facts, this.language);
			if (notice.length > 0) this.print(...notice);
		}
		this.changed();
		const {asOf, helpdesk} = this.options;
		this.print(...renderNode(this.state, {language: this.language, asOf, helpdesk}));
	}

	/** Tells the signal handlers the new state. */
	changed(): void {
		this.options.onChange?.(this.state);
	}

	/** A pre-answer the step passed by itself names (--answers and --replay may name it) is used up. */
	skipPreAnswer(id: string): void {
		if (this.answers[0] === id) this.answers.shift();
	}

	/** Shows `prompt` and takes the next pre-answer or line; null at the end of input. */
	async next(prompt: string): Promise<Token | null> {
		const {write, input, interactive} = this.options;
		write(`\n${prompt}`);
		const pre = this.answers.shift();
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
	}

	/** Says why the answer does not fit; a script stops there (exit 2), a person is asked again. */
	refuse(token: Token, hint: string): PlainResult | undefined {
		this.print(sanitizeText(this.t.invalidAnswer(token.text, hint)));
		return token.scripted ? this.done(2, 'invalid') : undefined;
	}

	where() {
		return [stepNumber(this.state), currentStep(this.state).node] as const;
	}

	wentBack(): string {
		const {state, language} = this;
		return this.t.wentBack(
			stepNumber(state),
			stepName(state.flow, currentStep(state).node, language),
		);
	}

	factName(name: FactName): string {
		return this.t.factNames[name];
	}

	done(exitCode: PlainResult['exitCode'], stopped?: PlainResult['stopped']): PlainResult {
		return {exitCode, state: this.state, language: this.language, stopped};
	}

	/** The end of input: at a gate only a person could have gone on (exit 3); elsewhere exit 130. */
	ended(): PlainResult {
		if (currentNode(this.state).kind === 'gate') {
			this.print(this.t.gateNeedsPerson(...this.where()));
			return this.done(3, 'gate');
		}
		this.print(this.t.inputEnded(...this.where()));
		return this.done(130, 'eof');
	}
}
