/**
 * The "What is the problem?" menu in the terminal UI, shown before the session (and its log) is
 * opened: the flow titles as a select list (↑↓, Enter; or the number), the files not offered with
 * their first finding under it. q, Esc or Ctrl+C leave without a session. It shows no node of any
 * flow, so nothing destructive can appear before its gate.
 */
import {Box, render, Text, useApp} from 'ink';
import SelectInput from 'ink-select-input';
import React, {useRef, useState} from 'react';
import type {Language} from '../flow/schema.js';
import {type FlowMenu, flowMenuStrings} from '../view/flow-menu.js';
import {useKeys} from './use-keys.js';

type Item = FlowMenu['items'][number];

function FlowMenuView({menu, language, onDone}: {menu: FlowMenu; language: Language; onDone: (item: Item | undefined) => void}) {
	const {exit} = useApp();
	const t = flowMenuStrings[language];
	// Keys typed ahead arrive together (use-keys.ts splits them), each before a re-render: the
	// selection lives in a ref so that "↓ ↓ Enter" in one chunk opens the third flow
	// (ink-select-input's own handling would act on a stale index, so it only draws here).
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
			else if (/^[1-9]$/.test(text) && menu.items[Number(text) - 1]) return finish(menu.items[Number(text) - 1]);
		}
	});
	return (
		<Box flexDirection="column">
			<Text bold wrap="wrap">
				{menu.question}
			</Text>
			<SelectInput
				key={String(selected)}
				isFocused={false}
				initialIndex={selected}
				items={menu.items.map((item, index) => ({key: String(index), value: index, label: `${index + 1}. ${item.label}`}))}
			/>
			{menu.problems.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text dimColor wrap="wrap">
						{t.notOffered}
					</Text>
					{menu.problems.map((problem, index) => (
						<Text key={String(index)} dimColor wrap="wrap">
							{`- ${problem}`}
						</Text>
					))}
				</Box>
			) : null}
			<Box marginTop={1}>
				<Text dimColor wrap="wrap">
					{t.hint}
				</Text>
			</Box>
		</Box>
	);
}

/** Shows the menu; resolves with the chosen flow, or undefined when the user quit. */
export async function chooseFlowInk(menu: FlowMenu, language: Language): Promise<Item | undefined> {
	let chosen: Item | undefined;
	const instance = render(<FlowMenuView menu={menu} language={language} onDone={(item) => (chosen = item)} />, {exitOnCtrlC: false, patchConsole: false});
	await instance.waitUntilExit();
	instance.clear();
	return chosen;
}
