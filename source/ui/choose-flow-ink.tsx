/**
 * The "What is the problem?" menu in the terminal UI, shown before the session (and its log) is
 * opened: the flow titles as a select list (↑↓, Enter; or the number), the files not offered with
 * their first finding under it. q, Esc or Ctrl+C leave without a session. It shows no node of any
 * flow, so nothing destructive can appear before its gate.
 */
import {Box, render, Text, useApp, useStdout} from 'ink';
import {useRef, useState} from 'react';
import type {Language} from '../flow/schema.js';
import {choiceLine} from '../view/choice-list.js';
import {type FlowMenu, flowMenuStrings} from '../view/flow-menu.js';
import {fittedProblems, flowMenuKey, wrappedRows} from './flow-menu-screen.js';
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
	useKeys((keys) => {
		for (const key of keys) {
			const result = flowMenuKey(selection.current, key, menu.items.length);
			if ('done' in result)
				return finish(result.pick === undefined ? undefined : menu.items[result.pick]);
			selection.current = result.selection;
		}
		setSelected(selection.current);
	});
	const items = menu.items.map((item, index) => choiceLine(index, item));
	const shown = fittedProblems(
		menu.problems,
		language,
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
