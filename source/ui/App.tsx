/**
 * The full-screen terminal front end. It holds the engine state and view state (which overlay is
 * open, how far a long step is scrolled); the engine decides where the walk goes, the transitions
 * write the session log, and the components only draw.
 */
import {Box, Text, useInput, useStdout} from 'ink';
import React, {useMemo, useRef, useState} from 'react';
import {currentNode, currentStep, type Invalidated, isFinished, options, type State, stepNumber} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {otherLanguage} from '../i18n/locale.js';
import {strings} from '../i18n/strings.js';
import type {Transitions} from '../session/record-transitions.js';
import {flowTitle, isOutdated, nodeLines, say} from '../view/node-content.js';
import {ChoiceList} from './ChoiceList.js';
import {CorrectFactView} from './CorrectFactView.js';
import {GateView} from './GateView.js';
import {StyledLines} from './StyledLines.js';
import {ColorContext, useColor} from './theme-context.js';
import {type TerminalSize, useTerminalSize} from './use-terminal-size.js';
import {truncate, wrapLines, wrapText} from './wrap-lines.js';

export type AppExit = {exitCode: 0 | 130; state: State; language: Language};

export type AppProps = {
	initialState: State;
	initialLanguage: Language;
	transitions: Transitions;
	asOf: string;
	onExit: (exit: AppExit) => void;
	/** Where the session log is written, shown on the outcome screen. */
	logPath?: string;
	colors?: boolean;
	/** A fixed size (tests); otherwise the terminal's, following resizes. */
	size?: TerminalSize;
};

type Overlay = 'none' | 'help' | 'restart' | 'correct';

export function App(props: AppProps) {
	return (
		<ColorContext.Provider value={props.colors ?? true}>
			<Screen {...props} />
		</ColorContext.Provider>
	);
}

function Screen({initialState, initialLanguage, transitions, asOf, onExit, logPath, size: fixedSize}: AppProps) {
	const color = useColor();
	const {write} = useStdout();
	const size = useTerminalSize(fixedSize);
	const width = Math.max(size.columns - 1, 20); // the last column would make some terminals wrap
	const [state, setState] = useState(initialState);
	const [language, setLanguage] = useState(initialLanguage);
	const [overlay, setOverlay] = useState<Overlay>('none');
	const [notice, setNotice] = useState<string[]>([]);
	const [scroll, setScroll] = useState(0);
	// Transitions run against the newest state even if two keys arrive before a re-render.
	const latest = useRef(state);
	const t = strings(language);

	const update = (next: State, message: string[] = []) => {
		latest.current = next;
		setState(next);
		setNotice(message);
		setScroll(0);
	};
	const describe = (invalidated: Invalidated) => [
		...(invalidated.answers.length > 0 ? [t.droppedAnswers(invalidated.answers.map((a) => `${a.node}=${a.answer}`).join(', '))] : []),
		...(invalidated.acks.length > 0 ? [t.droppedAcks(invalidated.acks.map((a) => `${a.node}:${a.item}`).join(', '))] : []),
	];
	const choose = (id: string) => update(transitions.answer(latest.current, id));
	const goBack = () => {
		if (latest.current.path.length === 1) return setNotice([t.atStart]);
		const result = transitions.back(latest.current);
		update(result.state, describe(result.invalidated));
	};
	const quit = () => onExit({exitCode: isFinished(latest.current) ? 0 : 130, state: latest.current, language});

	const node = currentNode(state);
	const step = currentStep(state);
	const {body, trust} = useMemo(() => nodeLines(state, language), [state, language]);
	const content = wrapLines([...body, ...(trust.length > 0 ? [{text: '', style: 'blank' as const}, ...trust] : [])], width);

	useInput((input, key) => {
		if (overlay === 'correct') return; // the correction view takes every key
		if (key.ctrl && input === 'c') return quit();
		if (overlay === 'help') return setOverlay('none');
		if (overlay === 'restart') {
			setOverlay('none');
			if (input === 'y' || input === 'Y') update(transitions.restart(latest.current), [t.restarted]);
			return;
		}
		if (input === 'q') return quit();
		if (input === '?') return setOverlay('help');
		if (input === 'l') {
			const next = otherLanguage(language, state.flow.languages);
			transitions.language(latest.current, next);
			setLanguage(next);
			return;
		}
		if (input === 'r') return setOverlay('restart');
		if (input === 'b' || key.backspace || key.delete || key.leftArrow) return goBack();
		if (input === 'p' && content.tooWide.length > 0) {
			// Printed above the frame, unwrapped by Ink: the terminal soft-wraps, so a copy is exact.
			write(`${t.printedCommands}\n${content.tooWide.join('\n')}\n\n`);
			return;
		}
		if (key.pageDown) setScroll((offset) => offset + pageRows);
		if (key.pageUp) setScroll((offset) => Math.max(0, offset - pageRows));
		if (input === 'c' && node.kind === 'detect') setOverlay('correct');
	});

	// Header, body window, interactive part, footer: the frame must fit the terminal, or Ink
	// clears and redraws the whole screen on every key.
	const header = [flowTitle(state.flow, language), t.step(stepNumber(state), step.node)];
	const warnings = [
		...(isOutdated(state.flow, asOf) ? wrapText(t.outdated(state.flow['review-by']!), width) : []),
		...notice.flatMap((line) => wrapText(line, width)),
		...(content.tooWide.length > 0 ? wrapText(t.tooWideHint, width) : []),
	];
	const choiceItems = interactiveItems(state, language);
	const interactiveRows =
		node.kind === 'gate'
			? node.items.reduce((rows, item) => rows + wrapText(`  [ ] 9. ${say(item.text, language)}`, width).length, 0) + 3
			: choiceItems.reduce((rows, item, index) => rows + wrapText(`${index + 1}. ${item.label}`, width - 2, '   ').length, 0);
	const footer = node.kind === 'gate' ? t.footerGate : isFinished(state) ? t.endKeys : t.footer;
	const footerLines = wrapText(footer, width);
	const fixedRows = header.length + warnings.length + interactiveRows + footerLines.length + 3;
	const pageRows = Math.max(3, size.rows - fixedRows);
	const scrollable = content.lines.length > pageRows;
	const windowRows = scrollable ? pageRows - 1 : pageRows;
	const offset = Math.min(scroll, Math.max(0, content.lines.length - windowRows));
	const visible = content.lines.slice(offset, offset + windowRows);

	if (overlay === 'help') {
		return (
			<Box flexDirection="column" width={width}>
				<Text bold>{`${t.helpTitle} — ${t.step(stepNumber(state), step.node)}`}</Text>
				{[...t.helpKeys, '', t.helpClose].flatMap((line) => wrapText(line, width)).map((line, index) => (
					<Text key={`${index}`}>{line || ' '}</Text>
				))}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={width}>
			<Text bold color={color('cyan')}>
				{truncate(header[0]!, width)}
			</Text>
			<Text bold>{header[1]}</Text>
			{warnings.map((line, index) => (
				<Text key={`w${index}`} color={color('yellow')}>
					{line}
				</Text>
			))}
			<Text> </Text>
			<StyledLines lines={visible} />
			{scrollable ? <Text dimColor>{t.footerMore(offset + 1, offset + visible.length, content.lines.length)}</Text> : null}
			<Text> </Text>
			{overlay === 'restart' ? (
				<Text bold color={color('yellow')}>{`${t.restartConfirm} ${t.restartKeys}`}</Text>
			) : overlay === 'correct' && node.kind === 'detect' ? (
				<CorrectFactView
					facts={node.facts}
					language={language}
					width={width}
					onCancel={() => setOverlay('none')}
					onSave={(name, value) => {
						setOverlay('none');
						update(transitions.setFact(latest.current, name, value, 'corrected'), [t.corrected(name, Array.isArray(value) ? value.join(', ') : value)]);
					}}
				/>
			) : node.kind === 'gate' ? (
				<GateView
					key={`${stepNumber(state)}-${step.node}`}
					items={node.items.map((item) => ({id: item.id, label: say(item.text, language)}))}
					acks={step.acks}
					language={language}
					isFocused={overlay === 'none'}
					onAck={(item) => update(transitions.acknowledge(latest.current, item))}
					onCancel={() => choose('cancel')}
					onProceed={() => choose('proceed')}
				/>
			) : isFinished(state) ? (
				logPath ? <Text dimColor>{t.logAt(logPath)}</Text> : null
			) : (
				<ChoiceList
					key={`${stepNumber(state)}-${step.node}-${language}`}
					items={choiceItems}
					width={width}
					initial={step.previous}
					isFocused={overlay === 'none'}
					onSelect={(value) => (value === 'correct' ? setOverlay('correct') : choose(value))}
				/>
			)}
			{footerLines.map((line, index) => (
				<Text key={`f${index}`} dimColor>
					{line}
				</Text>
			))}
		</Box>
	);
}

/** What the selectable list offers at this node (gates and ends draw their own). */
function interactiveItems(state: State, language: Language): {label: string; value: string}[] {
	const t = strings(language);
	const node = currentNode(state);
	if (node.kind === 'question' || (node.kind === 'step' && node.choices)) {
		return (node.choices ?? []).map((choice) => ({label: say(choice.label, language), value: choice.id}));
	}
	if (node.kind === 'step') return [{label: t.continueLabel, value: 'next'}];
	if (node.kind === 'detect') {
		return [
			{label: t.continueTo(options(state)[0]!.next), value: 'continue'},
			{label: t.correctLabel, value: 'correct'},
		];
	}
	return [];
}
