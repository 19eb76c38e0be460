import {Text} from 'ink';
import React from 'react';
import type {Line} from '../view/node-content.js';
import {useTextStyle} from './theme-context.js';
import {bodyStyle, bodyText} from './text-styles.js';

/** Lines already wrapped to the width, one Text each; commands and URLs are printed bare so they
 * copy exactly. */
export function StyledLines({lines}: {lines: Line[]}) {
	const styled = useTextStyle();
	return (
		<>
			{lines.map((line, index) => (
				<Text key={`${index}`} {...styled(bodyStyle(line.style))} wrap="truncate-end">
					{bodyText(line.text, line.style)}
				</Text>
			))}
		</>
	);
}
