/**
 * What every session command starts with: the language to speak, the settings (with a one-line
 * notice if they could not be used), and the log directory (--log-dir, else settings, else the
 * default beside the settings file).
 */
import type {Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {
	type LoadedSettings,
	loadSettings,
	resolveLogDir,
	type SettingsOptions,
} from './settings.js';

export type CommandContext = {language: Language; logDir: string; settings: LoadedSettings};

export function commandContext(
	{language, logDir}: {language?: Language; logDir?: string},
	warn: (text: string) => void,
	settingsOptions: SettingsOptions = {},
): CommandContext {
	const settings = loadSettings({
		language: language ?? languageFromEnvironment(),
		...settingsOptions,
	});
	if (settings.notice) warn(`${sanitizeText(settings.notice)}\n`);
	return {
		language: language ?? settings.settings.language ?? languageFromEnvironment(),
		logDir: resolveLogDir(logDir, settings),
		settings,
	};
}
