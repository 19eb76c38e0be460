/**
 * Everything the terminal UI does with a key, as one synchronous function over plain data.
 *
 * Why not per-component input handlers: Ink 6 re-subscribes a component's handler in an effect
 * after each render, and it delivers every key of one input chunk (fast typing, a paste, or keys
 * batched by an SSH link) synchronously to the handler of the previous render. ↓ then Enter in one
 * chunk would select the item above the one on screen. Here each key is applied to the state the
 * previous key produced, before anything renders, so that cannot happen.
 */
import {
	currentNode,
	currentStep,
	isFinished,
	MAX_REASON_LENGTH,
	MIN_REASON_LENGTH,
	nodeOf,
	pendingAcks,
	type State,
} from '../engine/engine.js';
import type {Detection} from '../detect/detect-facts.js';
import {type FactValue, parseFact} from '../facts/fact-values.js';
import {detectionNotice} from '../view/detection-notice.js';
import {choiceList} from '../view/choice-list.js';
import {copyTargets} from '../view/read-aloud.js';
import {droppedNotice} from '../view/shown-names.js';
import type {FactName, Language} from '../flow/schema.js';
import {otherLanguage} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import type {Transitions} from '../session/record-transitions.js';

export type Overlay = 'none' | 'help' | 'restart' | 'correct' | 'not-applicable';

export type Correction = {name?: FactName; value: string; error?: string; picker: number};

export type Screen = {
	state: State;
	language: Language;
	overlay: Overlay;
	/** One-off messages shown under the header until the next move (e.g. what going back dropped). */
	notice: string[];
	/** First visible line of a step taller than the terminal. */
	scroll: number;
	/** Highlighted item of the current list (choices, or gate items + cancel + continue). */
	cursor: number;
	/** The gate hint is shown after trying Continue too early. */
	gateHint: boolean;
	correction: Correction;
	/** The gate item being marked "not applicable here" (its reason is typed in `correction.value`). */
	naItem?: string;
	/** Environment detection is still running (a detect step says so, and fills in later). */
	detecting: boolean;
	/** The read-aloud view (v): short numbered sentences, sources folded unless `showSources`. */
	reading?: boolean;
	showSources?: boolean;
	/** Which of the step's commands and links `y` copies next. */
	copyNext?: number;
};

export type Key =
	| {
			name:
				| 'up'
				| 'down'
				| 'left'
				| 'right'
				| 'enter'
				| 'space'
				| 'escape'
				| 'backspace'
				| 'pageUp'
				| 'pageDown'
				| 'ctrlC';
	  }
	| {name: 'text'; text: string}
	/** A bracketed paste (key-decoder.ts): text for the fact field, never keys. */
	| {name: 'paste'; text: string};

export type Layout = {
	/** Rows of the scrollable part, and its largest useful offset. */
	windowRows: number;
	maxScroll: number;
	/** Commands or URLs cut to fit, which `p` prints whole. */
	tooWide: string[];
	/** Drawn instead of the step when the terminal cannot show it: keys then do nothing but quit,
	 * so Enter never picks a choice nobody saw. */
	tooSmall?: string[];
};

/** `print` shows text whole until the next key; with `clipboard`, that text is also copied (OSC 52). */
export type Effect =
	| {type: 'exit'; exitCode: 0 | 130}
	| {type: 'print'; text: string; clipboard?: string};

export type KeyResult = {screen: Screen; effects: Effect[]};

export function initialScreen(state: State, language: Language, detecting = false): Screen {
	return withCursor({
		state,
		language,
		overlay: 'none',
		notice: [],
		scroll: 0,
		cursor: 0,
		gateHint: false,
		correction: {value: '', picker: 0},
		detecting,
	});
}

/** Detection finished: its facts fill in the walk (a detect step on screen re-routes), and where
 * the app runs and any probe that failed are said once. */
export function applyDetection(
	screen: Screen,
	detection: Detection,
	transitions: Transitions,
): Screen {
	const state = transitions.detected(screen.state, detection.facts);
	return {
		...screen,
		state,
		detecting: false,
		notice: [...screen.notice, ...detectionNotice(detection, state.facts, screen.language)],
	};
}

/** The default highlight for the current node: the earlier answer after going back, the safe
 * way out (cancel) at a gate, else the first item that does not lead to a destructive step (the
 * screen after a gate focuses the safe choice, never "Uninstall"). */
function withCursor(screen: Screen): Screen {
	const node = currentNode(screen.state);
	const step = currentStep(screen.state);
	const items = choiceList(screen.state, screen.language);
	const previous = items.findIndex((item) => item.value === step.previous);
	const choices = node.kind === 'question' || node.kind === 'step' ? (node.choices ?? []) : [];
	const safe = items.findIndex((item) => {
		const choice = choices.find((candidate) => candidate.id === item.value);
		return !choice || !nodeOf(screen.state.flow, choice.next).destructive;
	});
	const cursor =
		node.kind === 'gate' ? node.items.length : previous >= 0 ? previous : Math.max(0, safe);
	return {
		...screen,
		cursor,
		scroll: 0,
		gateHint: false,
		overlay: 'none',
		correction: {value: '', picker: 0},
		naItem: undefined,
		showSources: false,
		copyNext: 0,
	};
}

export function handleKey(
	screen: Screen,
	key: Key,
	layout: Layout,
	transitions: Transitions,
): KeyResult {
	const effects: Effect[] = [];
	const t = strings(screen.language);
	const {state} = screen;
	const node = currentNode(state);
	const moved = (next: State, notice: string[] = []): KeyResult => ({
		screen: withCursor({...screen, state: next, notice}),
		effects,
	});
	const same = (patch: Partial<Screen>): KeyResult => ({screen: {...screen, ...patch}, effects});
	const text = key.name === 'text' ? key.text : undefined;

	if (key.name === 'ctrlC') {
		effects.push({type: 'exit', exitCode: isFinished(state) ? 0 : 130});
		return same({});
	}
	if (layout.tooSmall) {
		if (text === 'q') effects.push({type: 'exit', exitCode: isFinished(state) ? 0 : 130});
		return same({});
	}
	if (screen.overlay === 'correct') return correctionKey(screen, key, transitions, effects);
	if (screen.overlay === 'not-applicable')
		return notApplicableKey(screen, key, transitions, effects);
	if (screen.overlay === 'help') return same({overlay: 'none'});
	if (screen.overlay === 'restart') {
		if (text === 'y' || text === 'Y') return moved(transitions.restart(state), [t.restarted]);
		return same({overlay: 'none'});
	}

	switch (text) {
		case 'q':
			effects.push({type: 'exit', exitCode: isFinished(state) ? 0 : 130});
			return same({});
		case '?':
			return same({overlay: 'help'});
		case 'l': {
			const language = otherLanguage(screen.language, state.flow.languages);
			transitions.language(state, language);
			// The other language's text wraps to other lines: an offset into it would show a fragment.
			return same({language, scroll: 0});
		}
		case 'r':
			return same({overlay: 'restart'});
		case 'b':
			return goBack();
		case 'p':
			if (layout.tooWide.length > 0)
				effects.push({
					type: 'print',
					text: `${t.printedCommands}\n${layout.tooWide.join('\n')}\n\n`,
				});
			return same({});
		case 'v':
			return same({reading: !screen.reading, scroll: 0});
		case 's':
			if (!screen.reading) break;
			return same({showSources: !screen.showSources});
		case 'y': {
			const targets = copyTargets(state, screen.language);
			if (targets.length === 0) return same({notice: [t.nothingToCopy]});
			const index = (screen.copyNext ?? 0) % targets.length;
			const copied = targets[index]!;
			effects.push({
				type: 'print',
				text: `${t.copied(index + 1, targets.length)}\n\n${copied}\n\n`,
				clipboard: copied,
			});
			return same({copyNext: index + 1});
		}
		default:
			break;
	}
	if (key.name === 'backspace' || key.name === 'left') return goBack();
	if (key.name === 'pageDown')
		return same({scroll: Math.min(screen.scroll + layout.windowRows, layout.maxScroll)});
	if (key.name === 'pageUp') return same({scroll: Math.max(0, screen.scroll - layout.windowRows)});

	if (node.kind === 'gate') {
		const count = node.items.length + 2; // items, cancel, continue
		const cancelAt = node.items.length;
		// No wrapping here: ↑ from the first item must not land on Continue.
		if (key.name === 'up' || text === 'k') return same({cursor: Math.max(0, screen.cursor - 1)});
		if (key.name === 'down' || text === 'j')
			return same({cursor: Math.min(count - 1, screen.cursor + 1)});
		if (text === 'c' || key.name === 'escape') return moved(transitions.answer(state, 'cancel'));
		// n on an item opens a field for why it does not apply here: a reason in words, never one key.
		if (text === 'n' && screen.cursor < cancelAt) {
			const item = node.items[screen.cursor]!;
			if (!pendingAcks(state).includes(item.id)) return same({});
			return same({overlay: 'not-applicable', naItem: item.id, correction: {value: '', picker: 0}});
		}
		if (key.name === 'enter' || key.name === 'space') {
			if (screen.cursor < cancelAt) {
				// A tick or a "not applicable here" can be taken back ("actually, OneDrive has not synced yet").
				const item = node.items[screen.cursor]!;
				const settled = !pendingAcks(state).includes(item.id);
				return same({
					state: settled
						? transitions.unacknowledge(state, item.id)
						: transitions.acknowledge(state, item.id),
					gateHint: false,
				});
			}
			if (screen.cursor === cancelAt)
				return key.name === 'enter' ? moved(transitions.answer(state, 'cancel')) : same({});
			const allDone = pendingAcks(state).length === 0;
			return allDone ? moved(transitions.answer(state, 'proceed')) : same({gateHint: true});
		}
		return same({});
	}

	const items = choiceList(state, screen.language);
	if (items.length === 0) return same({});
	if (text === 'c' && node.kind === 'detect') return same({overlay: 'correct'});
	if (key.name === 'up' || text === 'k')
		return same({cursor: (screen.cursor + items.length - 1) % items.length});
	if (key.name === 'down' || text === 'j')
		return same({cursor: (screen.cursor + 1) % items.length});
	const picked =
		key.name === 'enter'
			? items[screen.cursor]
			: text && /^[1-9]$/.test(text)
				? items[Number(text) - 1]
				: undefined;
	if (!picked) return same({});
	if (picked.value === 'correct') return same({overlay: 'correct'});
	return moved(transitions.answer(state, picked.value));

	function goBack(): KeyResult {
		if (state.path.length === 1) return same({notice: [t.atStart]});
		const {state: previous, invalidated} = transitions.back(state);
		return moved(previous, droppedNotice(state.flow, invalidated, screen.language));
	}
}

/** Typing why a gate item does not apply here: Esc goes back to the checklist with the item
 * unconfirmed; Enter with too short a reason says so and keeps the field. */
function notApplicableKey(
	screen: Screen,
	key: Key,
	transitions: Transitions,
	effects: Effect[],
): KeyResult {
	const {correction, naItem} = screen;
	const set = (patch: Partial<Correction>): KeyResult => ({
		screen: {...screen, correction: {...correction, ...patch}},
		effects,
	});
	const close = (state = screen.state): KeyResult => ({
		screen: {
			...screen,
			state,
			overlay: 'none',
			naItem: undefined,
			correction: {value: '', picker: 0},
		},
		effects,
	});
	if (key.name === 'escape' || naItem === undefined) return close();
	if (key.name === 'backspace')
		return set({value: [...correction.value].slice(0, -1).join(''), error: undefined});
	// The field stops growing at the longest reason kept (a paste cannot flood the screen).
	const room = (text: string) =>
		[...(correction.value + text)].slice(0, MAX_REASON_LENGTH).join('');
	if (key.name === 'text') return set({value: room(key.text), error: undefined});
	if (key.name === 'space') return set({value: room(' ')});
	if (key.name !== 'enter') return set({});
	if ([...correction.value.trim()].length < MIN_REASON_LENGTH)
		return set({error: strings(screen.language).naReasonTooShort});
	return close(transitions.notApplicable(screen.state, naItem, correction.value));
}

/** Correcting a detected fact: pick the fact, type the value; a bad value is refused with the
 * expected form, so a typo never routes the walk. */
function correctionKey(
	screen: Screen,
	key: Key,
	transitions: Transitions,
	effects: Effect[],
): KeyResult {
	const node = currentNode(screen.state);
	const facts = node.kind === 'detect' ? node.facts : [];
	const {correction} = screen;
	const set = (patch: Partial<Correction>): KeyResult => ({
		screen: {...screen, correction: {...correction, ...patch}},
		effects,
	});
	if (key.name === 'escape')
		return {screen: {...screen, overlay: 'none', correction: {value: '', picker: 0}}, effects};
	if (!correction.name) {
		if (key.name === 'up')
			return set({picker: (correction.picker + facts.length - 1) % facts.length});
		if (key.name === 'down') return set({picker: (correction.picker + 1) % facts.length});
		const text = key.name === 'text' ? key.text : '';
		const index =
			key.name === 'enter' ? correction.picker : /^[1-9]$/.test(text) ? Number(text) - 1 : -1;
		return facts[index] ? set({name: facts[index]}) : set({});
	}
	if (key.name === 'backspace')
		return set({value: [...correction.value].slice(0, -1).join(''), error: undefined});
	// A value is one line: a pasted line break is not an Enter (the person confirms what landed).
	if (key.name === 'paste')
		return set({
			value: correction.value + key.text.replace(/\n+$/u, '').replaceAll('\n', ' '),
			error: undefined,
		});
	if (key.name === 'text') return set({value: correction.value + key.text, error: undefined});
	if (key.name === 'space') return set({value: `${correction.value} `});
	if (key.name !== 'enter') return set({});
	const parsed = parseFact(correction.name, correction.value);
	const words = strings(screen.language);
	if (!parsed.ok)
		return set({
			error: words.factInvalid(
				words.factNames[correction.name],
				correction.value,
				words.factForm[correction.name],
			),
		});
	const state = transitions.setFact(
		screen.state,
		parsed.name,
		parsed.value as FactValue,
		'corrected',
	);
	const t = strings(screen.language);
	const shown = Array.isArray(parsed.value) ? parsed.value.join(', ') : parsed.value;
	return {
		screen: withCursor({...screen, state, notice: [t.corrected(t.factNames[parsed.name], shown)]}),
		effects,
	};
}
