import {Box, Text} from 'ink';
import type {FrameRow} from './frame-rows.js';
import {useTextStyle} from './theme-context.js';

/** The rows of frame-rows.ts, one <Text> each, its pieces styled inside it. Each row truncates
 * rather than wraps: when a terminal narrows, Ink redraws the old tree once at the new width
 * before the resize reaches us, and a truncated row keeps that frame to the row count Ink expects. */
export function FrameRows({rows}: {rows: FrameRow[]}) {
	const styled = useTextStyle();
	return (
		<Box flexDirection="column">
			{rows.map((row, index) => (
				<Text key={`${index}`} wrap="truncate-end">
					{row.map((piece, pieceIndex) => (
						<Text key={`${pieceIndex}`} {...styled(piece.style)}>
							{piece.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
}
