import {Box, Text, useInput} from 'ink';
import React, {useState} from 'react';
import {factForm, type FactValue, parseFact} from '../facts/fact-values.js';
import type {FactName, Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {ChoiceList} from './ChoiceList.js';
import {useColor} from './theme-context.js';
import {wrapText} from './wrap-lines.js';

type Props = {
	facts: readonly FactName[];
	language: Language;
	width: number;
	onSave: (name: FactName, value: FactValue) => void;
	onCancel: () => void;
};

/** On a detect step: pick the fact that is wrong, type the right value; invalid values are
 * refused with the expected form, so a typo never routes the walk. */
export function CorrectFactView({facts, language, width, onSave, onCancel}: Props) {
	const t = strings(language);
	const color = useColor();
	const [name, setName] = useState<FactName | undefined>(facts.length === 1 ? facts[0] : undefined);
	const [value, setValue] = useState('');
	const [error, setError] = useState<string>();

	useInput((input, key) => {
		if (key.escape) return onCancel();
		if (!name) return;
		if (key.return) {
			const parsed = parseFact(name, value);
			if (parsed.ok) onSave(parsed.name, parsed.value);
			else setError(parsed.message);
			return;
		}
		if (key.backspace || key.delete) return setValue((text) => [...text].slice(0, -1).join(''));
		if (input && !key.ctrl && !key.meta) setValue((text) => text + sanitizeText(input));
	});

	if (!name) {
		return (
			<Box flexDirection="column">
				<Text bold>{t.correctTitle}</Text>
				<ChoiceList items={facts.map((fact) => ({label: fact, value: fact}))} width={width} onSelect={(fact) => setName(fact as FactName)} />
				<Text dimColor>{t.correctKeys}</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column">
			{wrapText(t.correctEntry(name, factForm(name)), width).map((line, index) => (
				<Text key={`${index}`} bold>
					{line}
				</Text>
			))}
			<Text>
				<Text color={color('cyan')}>{'> '}</Text>
				{value}
				<Text inverse> </Text>
			</Text>
			{error ? wrapText(error, width).map((line, index) => <Text key={`e${index}`} color={color('red')}>{line}</Text>) : null}
			<Text dimColor>{t.correctKeys}</Text>
		</Box>
	);
}
