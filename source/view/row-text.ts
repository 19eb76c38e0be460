/**
 * Fills a node's {placeholders} with the values of the machine's row in the build table, in the
 * screen's language. A value the row does not have (e.g. the broken KB of a row where it was
 * never stated) is said as "not stated", never guessed.
 */
import type {RowMatch} from '../engine/build-table.js';
import type {Language} from '../flow/schema.js';
import {isRowPlaceholder, PLACEHOLDER, type RowPlaceholder} from '../flow/row-placeholders.js';
import {localize} from '../flow/text.js';
import {strings} from '../i18n/strings.js';

export function rowValue(
	match: RowMatch,
	name: RowPlaceholder,
	language: Language,
): string | undefined {
	const {row} = match;
	switch (name) {
		case 'name':
			return localize(row.name, language);
		case 'build':
			return match.build;
		case 'broken.build':
			return row.broken?.build;
		case 'broken.kb':
			return row.broken?.kb;
		case 'fixed.build':
			return row.fixed?.build;
		case 'fixed.kb':
			return row.fixed?.kb;
		case 'settings':
			return localize(row.settings, language);
		case 'uninstall':
			return localize(row.uninstall, language);
	}
}

export function fillRow(text: string, match: RowMatch | undefined, language: Language): string {
	return text.replace(PLACEHOLDER, (whole, name: string) => {
		if (!isRowPlaceholder(name)) return whole;
		const t = strings(language);
		return (
			(match && rowValue(match, name, language)) ??
			(name === 'broken.kb' ? t.rowBrokenKbUnknown : t.rowValueUnknown)
		);
	});
}
