/**
 * The "What is the problem?" menu in the terminal UI, shown before the session (and its log) is
 * opened: the flow titles as a select list (↑↓, Enter; or the number), the files not offered with
 * their first finding under it. q, Esc or Ctrl+C leave without a session. It shows no node of any
 * flow, so nothing destructive can appear before its gate.
 */
import {Box, render, Text, useApp, useStdout} from 'ink';
import React, {useRef, useState} from 'react';
import stringWidth from 'string-width';
import type {Language} from '../flow/schema.js';
import {type FlowMenu, flowMenuStrings} from '../view/flow-menu.js';
import {useKeys} from './use-keys.js';

type Item = FlowMenu['items'][number];

function FlowMenuView({
	menu,
	language,
	onDone,
}: {
	menu: FlowMenu;
	language: Language;
	onDone: (item: Item | undefined) => void;
}) {
	const {exit} = useApp();
	// Ink 8 types stdout as any writable stream; the real one is a terminal's.
	const stdout = useStdout().stdout as NodeJS.WriteStream;
	const t = flowMenuStrings[language];
	// Keys typed ahead arrive together (use-keys.ts splits them), each before a re-render: the
	// selection lives in a ref so that "↓ ↓ Enter" in one chunk opens the third flow
	// (ink-select-input's own key handling acted on a stale index; key-decoder.ts says more).
	const selection = useRef(0);
	const [selected, setSelected] = useState(0);
	const done = useRef(false);
	const finish = (item: Item | undefined) => {
		if (done.current) return;
		done.current = true;
		onDone(item);
		exit();
	};
	const move = (to: number) => {
		selection.current = Math.max(0, Math.min(menu.items.length - 1, to));
		setSelected(selection.current);
	};
	useKeys((keys) => {
		for (const key of keys) {
			const text = key.name === 'text' ? key.text : '';
			if (text === 'q' || key.name === 'escape' || key.name === 'ctrlC') return finish(undefined);
			if (key.name === 'up' || text === 'k') move(selection.current - 1);
			else if (key.name === 'down' || text === 'j') move(selection.current + 1);
			else if (key.name === 'enter') return finish(menu.items[selection.current]);
			else if (/^[1-9]$/.test(text) && menu.items[Number(text) - 1])
				return finish(menu.items[Number(text) - 1]);
		}
	});
	const items = menu.items.map((item, index) => `${index + 1}. ${item.label}`);
	const shown = fittedProblems(
		menu.problems,
		t,
		stdout.columns || 80,
		(stdout.rows || 24) -
			2 -
			[menu.question, t.hint, ...items].reduce(
				(sum, text) => sum + wrappedRows(text, (stdout.columns || 80) - 2),
				0,
			),
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="wrap">
				{menu.question}
			</Text>
			<Box flexDirection="column">
				{items.map((label, index) => (
					<Box key={String(index)}>
						<Box marginRight={1}>
							{index === selected ? <Text color="blue">❯</Text> : <Text> </Text>}
						</Box>
						<Text color={index === selected ? 'blue' : undefined}>{label}</Text>
					</Box>
				))}
			</Box>
			<Text dimColor wrap="wrap">
				{t.hint}
			</Text>
			{shown.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					{shown.map((line, index) => (
						<Text key={String(index)} dimColor wrap="wrap">
							{line}
						</Text>
					))}
				</Box>
			) : null}
		</Box>
	);
}

/** Rows a text takes when wrapped at `columns` (an estimate: Ink wraps at word boundaries). */
function wrappedRows(text: string, columns: number): number {
	return Math.max(1, Math.ceil((stringWidth(text) * 1.15) / Math.max(1, columns)));
}

/**
 * The "not offered" lines that fit under the menu, so the flows to choose from never scroll off a
 * small terminal: as many whole findings as fit, then one line saying how many more there are.
 */
function fittedProblems(
	problems: string[],
	t: (typeof flowMenuStrings)[Language],
	columns: number,
	rows: number,
): string[] {
	const rowsOf = (line: string) => wrappedRows(line, columns);
	// The blank line above, the heading, and room for the "more" line: else nothing is shown.
	let left = rows - 1 - rowsOf(t.notOffered);
	if (problems.length === 0 || left < rowsOf(t.moreNotOffered(problems.length))) return [];
	const lines: string[] = [t.notOffered];
	for (const [index, problem] of problems.entries()) {
		const line = `- ${problem}`;
		const more =
			index < problems.length - 1 ? rowsOf(t.moreNotOffered(problems.length - index - 1)) : 0;
		if (rowsOf(line) + more > left) return [...lines, t.moreNotOffered(problems.length - index)];
		lines.push(line);
		left -= rowsOf(line);
	}
	return lines;
}

/** Shows the menu; resolves with the chosen flow, or undefined when the user quit. */
export async function chooseFlowInk(menu: FlowMenu, language: Language): Promise<Item | undefined> {
	let chosen: Item | undefined;
	const instance = render(
		<FlowMenuView menu={menu} language={language} onDone={(item) => (chosen = item)} />,
		{exitOnCtrlC: false, patchConsole: false},
	);
	// The menu stays in the normal scrollback (the walk runs on the alternate screen).
	await instance.waitUntilExit();
	return chosen;
}
