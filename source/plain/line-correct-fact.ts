/**
 * `c` in line mode: correcting a fact detection just showed. Which fact (a number or a name), then
 * its value, each asked again with the reason until it fits, from a person or a script alike; an
 * empty line keeps the facts. The walk then goes back to the first detect step just passed and
 * routes again from there.
 */
import {nodeOf, type State} from '../engine/engine.js';
import {parseFact} from '../facts/fact-values.js';
import type {FactName} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {type LineWalk, type PlainResult, passesByItself} from './line-walk.js';

export type Correctable = {step: number; facts: FactName[]};

/**
 * What `c` corrects at the current prompt: the facts shown by the detect steps passed since the
 * last answer a person gave, and the first of those steps, where the walk goes back to route again.
 */
export function correctableFacts(state: State): Correctable | undefined {
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

export async function correctFact(
	walk: LineWalk,
	{step, facts}: Correctable,
): Promise<PlainResult | undefined> {
	const name = await askWhichFact(walk, facts);
	// The end of input, or an empty line: nothing corrected.
	if (typeof name !== 'string') return name;
	return askNewValue(walk, name, step);
}

/** The fact to correct; a result at the end of input, undefined when an empty line keeps them. */
async function askWhichFact(
	walk: LineWalk,
	facts: FactName[],
): Promise<FactName | PlainResult | undefined> {
	const shown = facts.map((fact) => walk.factName(fact));
	for (;;) {
		const token = await walk.next(walk.l.correctWhich(shown));
		if (token === null) return walk.ended();
		if (token.text === '') {
			walk.print(walk.l.nothingCorrected);
			return undefined;
		}
		// A number, the name shown or the id (as --fact and the facts file spell it).
		const typed = token.text.toLowerCase();
		const name = /^[1-9]$/.test(token.text)
			? facts[Number(token.text) - 1]
			: facts.find(
					(fact) => fact.toLowerCase() === typed || walk.factName(fact).toLowerCase() === typed,
				);
		if (name !== undefined) return name;
		walk.print(sanitizeText(walk.t.invalidAnswer(token.text, walk.l.factHint(shown))));
	}
}

/** The new value, asked until it fits; then back to `step` to route again on it. */
async function askNewValue(
	walk: LineWalk,
	name: FactName,
	step: number,
): Promise<PlainResult | undefined> {
	const {t, l} = walk;
	for (;;) {
		const token = await walk.next(l.correctValue(walk.factName(name), t.factForm[name]));
		if (token === null) return walk.ended();
		if (token.text === '') {
			walk.print(l.nothingCorrected);
			return undefined;
		}
		const parsed = parseFact(name, token.text);
		if (!parsed.ok) {
			walk.print(
				sanitizeText(
					l.valueRefused(t.factInvalid(walk.factName(name), token.text, t.factForm[name])),
				),
			);
			continue;
		}
		const {backTo, setFact} = walk.options.transitions;
		walk.state = backTo(walk.state, step).state;
		walk.state = setFact(walk.state, parsed.name, parsed.value, 'corrected');
		walk.print('', t.corrected(walk.factName(name), sanitizeText(token.text)), walk.wentBack());
		await walk.show();
		return undefined;
	}
}
