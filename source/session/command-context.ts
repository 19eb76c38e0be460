/**
 * What every session command starts with: the language to speak, the settings (with a one-line
 * notice if they could not be used), and the log directory (--log-dir, else settings, else the
 * default beside the settings file).
 */
import {UsageError} from '../commands/usage.js';
import type {Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {type LoadedSettings, loadSettings, resolveLogDir, type SettingsOptions} from './settings.js';

export type CommandContext = {language: Language; logDir: string; settings: LoadedSettings};

export function commandContext(
	{language, logDir}: {language?: Language; logDir?: string},
	warn: (text: string) => void,
	settingsOptions: SettingsOptions = {},
): CommandContext {
	const settings = loadSettings({language: language ?? languageFromEnvironment(), ...settingsOptions});
	if (settings.notice) warn(`${settings.notice}\n`);
	return {language: language ?? settings.settings.language ?? languageFromEnvironment(), logDir: resolveLogDir(logDir, settings), settings};
}

/** --lang for the session commands (as `run` parses it; kept here so `sessions`, `export` and
 * `watch` do not load the run command and its front ends). */
export function parseLanguageOption(value: string | undefined): Language | undefined {
	if (value === undefined) return undefined;
	if (value === 'ja' || value === 'en') return value;
	throw new UsageError(`--lang "${value}" is not supported: use --lang ja or --lang en`);
}

/** --as-of YYYY-MM-DD (default today), for the flow's review-by warning in `watch`. */
export function parseAsOfOption(value: string | undefined): string {
	if (value === undefined) return new Date().toISOString().slice(0, 10);
	if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
	throw new UsageError(`--as-of "${value}" is not a date: write it as YYYY-MM-DD, e.g. --as-of 2026-06-01`);
}
