import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

/** The organisation's helpdesk contact, from the settings file. */
export type Helpdesk = {name?: string; phone?: string; url?: string};

/** Lines for an outcome screen: the organisation's helpdesk, if the settings name one. */
export function helpdeskLines(helpdesk: Helpdesk | undefined, language: Language): string[] {
	const parts = [helpdesk?.name, helpdesk?.phone, helpdesk?.url].filter((part): part is string =>
		Boolean(part),
	);
	if (parts.length === 0) return [];
	return [
		`${strings(language).helpdeskContact}: ${parts.map((part) => sanitizeText(part)).join(' · ')}`,
	];
}
