import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import React from 'react';
import type {ListRow} from './screen-layout.js';
import {checklistStyle, choiceStyle, INDICATOR, indicator} from './text-styles.js';
import {useTextStyle} from './theme-context.js';

/**
 * The list under a step: choices, a checklist, or fact names. The highlighted row is marked with
 * ❯ (never by colour alone). Choice lists are drawn by ink-select-input; its own key handling is
 * off (isFocused false) because keys are applied by screen-state.ts, which cannot act on a stale
 * selection when several keys arrive at once. It is re-mounted when the highlight moves, since it
 * takes the highlighted index only when mounted. frame-text.ts draws the same rows without Ink.
 */
export function ListView({rows, choices}: {rows: ListRow[]; choices: boolean}) {
	const styled = useTextStyle();
	const selected = Math.max(
		0,
		rows.findIndex((row) => row.selected),
	);
	if (choices) {
		return (
			<SelectInput
				key={`${selected}:${rows.map((row) => row.lines.join('\n')).join('\u0000')}`}
				isFocused={false}
				initialIndex={selected}
				items={rows.map((row, index) => ({
					key: String(index),
					value: index,
					label: row.lines.join('\n'),
				}))}
				indicatorComponent={({isSelected}) => (
					<Box marginRight={1}>
						<Text {...styled(INDICATOR)}>{indicator(isSelected ?? false, true)}</Text>
					</Box>
				)}
				itemComponent={({isSelected, label}) => (
					<Box flexDirection="column">
						{label.split('\n').map((line, index) => (
							<Text
								key={`${index}`}
								{...styled(choiceStyle(isSelected ?? false))}
								wrap="truncate-end"
							>
								{line}
							</Text>
						))}
					</Box>
				)}
			/>
		);
	}
	return (
		<>
			{rows.map((row, index) => (
				<Box key={`${index}`}>
					<Text {...styled(INDICATOR)}>{indicator(row.selected, false)}</Text>
					<Box flexDirection="column">
						{row.lines.map((line, lineIndex) => (
							<Text key={`${lineIndex}`} {...styled(checklistStyle(row))} wrap="truncate-end">
								{line}
							</Text>
						))}
					</Box>
				</Box>
			))}
		</>
	);
}
