import {Box, Text} from 'ink';
import React from 'react';
import type {ListRow} from './screen-layout.js';
import {checklistStyle, choiceStyle, INDICATOR, indicator} from './text-styles.js';
import {useTextStyle} from './theme-context.js';

/**
 * The list under a step: choices, a checklist, or fact names. The highlighted row is marked with
 * ❯ (never by colour alone); keys move it in screen-state.ts, so this only draws. A choice's ❯
 * stands in a one-column box with a margin, a checklist's in two columns. frame-text.ts draws the
 * same rows without Ink.
 */
export function ListView({rows, choices}: {rows: ListRow[]; choices: boolean}) {
	const styled = useTextStyle();
	return (
		<>
			{rows.map((row, index) => {
				const mark = <Text {...styled(INDICATOR)}>{indicator(row.selected, choices)}</Text>;
				const style = choices ? choiceStyle(row.selected) : checklistStyle(row);
				return (
					<Box key={`${index}`}>
						{choices ? <Box marginRight={1}>{mark}</Box> : mark}
						<Box flexDirection="column">
							{row.lines.map((line, lineIndex) => (
								<Text key={`${lineIndex}`} {...styled(style)} wrap="truncate-end">
									{line}
								</Text>
							))}
						</Box>
					</Box>
				);
			})}
		</>
	);
}
