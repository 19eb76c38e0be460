import {Text} from 'ink';
import React from 'react';
import type {Line} from '../view/node-content.js';
import {useColor} from './theme-context.js';

/** Lines already wrapped to the width, one Text each; commands and URLs are printed bare so they
 * copy exactly. */
export function StyledLines({lines}: {lines: Line[]}) {
	const color = useColor();
	return (
		<>
			{lines.map((line, index) => {
				const key = `${index}`;
				switch (line.style) {
					case 'heading':
					case 'outcome':
						return (
							<Text key={key} bold color={line.style === 'outcome' ? color('green') : undefined} wrap="truncate-end">
								{line.text}
							</Text>
						);
					case 'command':
						return (
							<Text key={key} color={color('cyan')} wrap="truncate-end">
								{line.text}
							</Text>
						);
					case 'url':
						return (
							<Text key={key} color={color('blue')} wrap="truncate-end">
								{line.text}
							</Text>
						);
					case 'dim':
						return (
							<Text key={key} dimColor wrap="truncate-end">
								{line.text}
							</Text>
						);
					case 'warn':
						return (
							<Text key={key} color={color('yellow')} bold wrap="truncate-end">
								{line.text}
							</Text>
						);
					default:
						return (
							<Text key={key} wrap="truncate-end">
								{line.text || ' '}
							</Text>
						);
				}
			})}
		</>
	);
}
