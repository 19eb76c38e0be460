import {Box, Text, useInput} from 'ink';
import React, {useState} from 'react';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {useColor} from './theme-context.js';

type Props = {
	items: {id: string; label: string}[];
	acks: readonly string[];
	language: Language;
	onAck: (id: string) => void;
	onCancel: () => void;
	onProceed: () => void;
	isFocused: boolean;
};

/**
 * The backup gate. Each item is acknowledged on its own (Space or Enter on it); "Continue" stays
 * closed until all are. Cancel — the safe way — has the focus at first and is always one key
 * away (c or Esc).
 */
export function GateView({items, acks, language, onAck, onCancel, onProceed, isFocused}: Props) {
	const t = strings(language);
	const color = useColor();
	const cancelIndex = items.length;
	const proceedIndex = items.length + 1;
	const [focus, setFocus] = useState(cancelIndex);
	const [hint, setHint] = useState(false);
	const allDone = items.every((item) => acks.includes(item.id));

	useInput(
		(input, key) => {
			if (key.upArrow || input === 'k') setFocus((index) => (index + proceedIndex) % (proceedIndex + 1));
			else if (key.downArrow || input === 'j') setFocus((index) => (index + 1) % (proceedIndex + 1));
			else if (input === 'c' || key.escape) onCancel();
			else if (key.return || input === ' ') {
				if (focus < items.length) onAck(items[focus]!.id);
				else if (focus === cancelIndex) {
					if (key.return) onCancel();
				} else if (allDone) onProceed();
				else setHint(true);
			}
		},
		{isActive: isFocused},
	);

	const mark = (index: number) => (
		<Text color={color('cyan')}>{focus === index ? '❯ ' : '  '}</Text>
	);
	return (
		<Box flexDirection="column">
			{items.map((item, index) => {
				const done = acks.includes(item.id);
				return (
					<Box key={item.id}>
						{mark(index)}
						<Text color={done ? color('green') : undefined} bold={focus === index}>
							{`${done ? t.acknowledged : t.notAcknowledged} ${index + 1}. ${item.label}`}
						</Text>
					</Box>
				);
			})}
			<Box>
				{mark(cancelIndex)}
				<Text bold={focus === cancelIndex} color={color('green')}>
					{t.gateCancel}
				</Text>
			</Box>
			<Box>
				{mark(proceedIndex)}
				<Text bold={focus === proceedIndex} dimColor={!allDone}>
					{allDone ? t.gateProceed : t.gateProceedLocked(acks.length, items.length)}
				</Text>
			</Box>
			{hint && !allDone ? <Text color={color('yellow')}>{t.gateHint}</Text> : null}
		</Box>
	);
}
