import type {Language} from '../flow/schema.js';

/** The user's language from the usual locale variables: Japanese for ja_*, else English. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv = process.env): Language {
	const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
	return /^ja([_.@-]|$)/i.test(locale) ? 'ja' : 'en';
}

export function otherLanguage(language: Language, available: readonly Language[]): Language {
	return available.find((candidate) => candidate !== language) ?? language;
}
