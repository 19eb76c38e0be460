import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import React from 'react';
import {useColor} from './theme-context.js';
import {wrapText} from './wrap-lines.js';

export type ChoiceItem = {label: string; value: string};

/** ↑/↓ or j/k move, 1–9 choose directly, Enter confirms. The highlighted item is marked with ❯,
 * so the selection is visible without colour. */
export function ChoiceList({
	items,
	width,
	initial,
	onSelect,
	isFocused = true,
}: {
	items: ChoiceItem[];
	width: number;
	initial?: string;
	onSelect: (value: string) => void;
	isFocused?: boolean;
}) {
	const color = useColor();
	const initialIndex = Math.max(0, items.findIndex((item) => item.value === initial));
	return (
		<SelectInput
			// Labels are wrapped here (2 columns go to the ❯ marker), with a hanging indent.
			items={items.map((item, index) => ({key: item.value, value: item.value, label: wrapText(`${index + 1}. ${item.label}`, width - 2, '   ').join('\n')}))}
			initialIndex={initialIndex}
			isFocused={isFocused}
			onSelect={(item) => onSelect(item.value)}
			indicatorComponent={({isSelected}) => (
				<Box marginRight={1}>
					<Text color={color('cyan')}>{isSelected ? '❯' : ' '}</Text>
				</Box>
			)}
			itemComponent={({isSelected, label}) => (
				<Text bold={isSelected} color={isSelected ? color('cyan') : undefined}>
					{label}
				</Text>
			)}
		/>
	);
}
