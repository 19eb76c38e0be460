/**
 * The user's settings (default language, log directory, the organisation's helpdesk contact),
 * kept by conf and checked against a schema. A settings file that is not valid JSON or breaks the
 * schema never stops a triage and is never silently thrown away: it is moved aside as
 * config.json.corrupt-<time>, defaults are used, and the caller gets one line that names the file
 * and what to do (conf alone would throw, or with clearInvalidConfig reset it without a word).
 *
 * The schema is valibot's, not conf's `schema` option: conf compiles that with ajv on every start
 * (about 120 ms measured in the bundle, more than Node's own start-up), and the language setting
 * is needed before the first frame.
 */
import {renameSync, type Stats, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import Conf from 'conf';
import * as v from 'valibot';
import type {Language} from '../flow/schema.js';
import {languageFromEnvironment} from '../i18n/locale.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {Helpdesk} from '../view/helpdesk-lines.js';
import {sessionStrings} from './session-strings.js';

export type {Helpdesk} from '../view/helpdesk-lines.js';

export const PROJECT_NAME = 'w365-triage';

export type Settings = {
	/** Language when neither --lang nor the locale decides. */
	language?: Language;
	/** Where session logs go when --log-dir is not given. */
	logDir?: string;
	/** Shown on outcome screens: whom to call. */
	helpdesk?: Helpdesk;
	/** A directory of flows offered next to the shipped one when --flows is not given. */
	flowsDir?: string;
};

/** Unknown top-level keys are allowed: a newer version's settings must not look corrupt. */
export const SettingsSchema = v.looseObject({
	language: v.optional(v.picklist(['ja', 'en'], 'language is "ja" or "en"')),
	logDir: v.optional(
		v.pipe(v.string('logDir is a directory path'), v.minLength(1, 'logDir is a directory path')),
	),
	flowsDir: v.optional(
		v.pipe(
			v.string('flowsDir is a directory path'),
			v.minLength(1, 'flowsDir is a directory path'),
		),
	),
	helpdesk: v.optional(
		v.strictObject(
			{
				name: v.optional(
					v.pipe(
						v.string(),
						v.minLength(1),
						v.maxLength(200, 'helpdesk.name is at most 200 characters'),
					),
				),
				phone: v.optional(
					v.pipe(
						v.string(),
						v.regex(
							/^[0-9+()#*. /-]{1,50}$/,
							'helpdesk.phone is a phone number, e.g. "+81 3-1234-5678"',
						),
					),
				),
				url: v.optional(
					v.pipe(
						v.string(),
						v.maxLength(2000),
						v.regex(/^https?:\/\/\S+$/, 'helpdesk.url is a web address starting with https://'),
					),
				),
			},
			'helpdesk is {name, phone, url}',
		),
	),
});

/** Thrown (and caught here) when the file parses but breaks the schema. */
class SettingsSchemaError extends Error {}

function validate(data: unknown): Settings {
	const result = v.safeParse(SettingsSchema, data);
	if (result.success) return result.output as Settings;
	const issues = result.issues.map((issue) => {
		const path = issue.path?.map((item) => String(item.key)).join('.');
		return issue.message.includes(' is ') || !path ? issue.message : `${path}: ${issue.message}`;
	});
	throw new SettingsSchemaError(`schema: ${issues.join('; ')}`);
}

export type LoadedSettings = {
	settings: Settings;
	/** The settings file (config.json). */
	file: string;
	/** The default directory for session logs: `sessions/` beside the settings file. */
	sessionsDir: string;
	/** One line to show the user when the settings could not be used as they are. */
	notice?: string;
	/** The store, to change settings; undefined when the file could not be used at all. */
	store?: Conf<Settings>;
};

export type SettingsOptions = {
	/** The settings directory (tests); default: conf's per-user directory for w365-triage. */
	cwd?: string;
	/** Language of the notice. */
	language?: Language;
	now?: () => Date;
};

export function loadSettings(options: SettingsOptions = {}): LoadedSettings {
	const t = sessionStrings(options.language ?? languageFromEnvironment());
	const base = {
		projectName: PROJECT_NAME,
		configFileMode: 0o600,
		...(options.cwd ? {cwd: options.cwd} : {}),
	};
	// Where conf keeps the file, found without conf (which would read it: a directory, a FIFO or
	// an unreadable file would stop us finding it, or block start-up for good).
	const file = settingsFile(options.cwd);
	const sessionsDir = join(dirname(file), 'sessions');
	const notUsable = fileProblem(file);
	if (notUsable)
		return {settings: {}, file, sessionsDir, notice: t.settingsUnreadable(file, notUsable)};
	const open = () => {
		const store = new Conf<Settings>({...base, deserialize: parseSettingsText});
		return {store, settings: validate(store.store)};
	};
	try {
		const {store, settings} = open();
		return {settings, file, sessionsDir, store};
	} catch (error) {
		const reason = sanitizeText(describe(error)).replace(/\s+/g, ' ');
		if (!isInvalidContent(error))
			return {settings: {}, file, sessionsDir, notice: t.settingsUnreadable(file, reason)};
		const copy = `${file}.corrupt-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
		try {
			renameSync(file, copy);
		} catch (renameError) {
			return {
				settings: {},
				file,
				sessionsDir,
				notice: t.settingsUnreadable(file, `${reason}; ${describe(renameError)}`),
			};
		}
		const notice = t.settingsCorrupt(file, reason, copy);
		try {
			const {store, settings} = open();
			return {settings, file, sessionsDir, notice, store};
		} catch {
			return {settings: {}, file, sessionsDir, notice};
		}
	}
}

/**
 * conf's settings file: `config.json` in env-paths' config folder for "w365-triage" (suffix
 * "nodejs"), as conf computes it (a test checks the two agree). Always absolute, so a settings
 * file that cannot be used never sends the logs to ./sessions.
 */
export function settingsFile(cwd?: string, env: NodeJS.ProcessEnv = process.env): string {
	if (cwd) return resolve(cwd, 'config.json');
	const name = `${PROJECT_NAME}-nodejs`;
	const home = homedir();
	const folder =
		process.platform === 'darwin'
			? join(home, 'Library', 'Preferences', name)
			: process.platform === 'win32'
				? join(env.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config')
				: join(env.XDG_CONFIG_HOME || join(home, '.config'), name);
	return resolve(folder, 'config.json');
}

/** Why the settings file must not be read, without reading it (a FIFO would block for good). */
function fileProblem(file: string): string | undefined {
	let stat: Stats;
	try {
		stat = statSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ENOTDIR') return 'ENOTDIR: not a directory (a folder above it is a file)';
		return code === 'EACCES' ? 'EACCES: permission denied' : (code ?? String(error));
	}
	if (stat.isDirectory()) return 'it is a directory, not a file: remove or rename it';
	if (!stat.isFile()) return 'it is not a regular file (a pipe or a device): remove or rename it';
	return undefined;
}

/** conf copies whatever the file holds into an object, so `[1, 2]`, `"text"` or `null` would pass
 * as empty settings without a word: the settings are a JSON object or the file is not valid. */
function parseSettingsText(text: string): Settings {
	const data: unknown = JSON.parse(text);
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		throw new SettingsSchemaError(
			'schema: the settings are a JSON object, e.g. {"language": "ja"}',
		);
	}
	return data as Settings;
}

/** conf throws a SyntaxError for broken JSON; the schema check throws SettingsSchemaError. */
function isInvalidContent(error: unknown): boolean {
	return error instanceof SyntaxError || error instanceof SettingsSchemaError;
}

function describe(error: unknown): string {
	if (error instanceof SyntaxError) return `not valid JSON: ${error.message}`;
	if (error instanceof Error) return error.message;
	return String(error);
}

/** The log directory to use: --log-dir, else the settings' logDir, else the default. */
export function resolveLogDir(
	flag: string | undefined,
	loaded: Pick<LoadedSettings, 'settings' | 'sessionsDir'>,
): string {
	return flag ?? loaded.settings.logDir ?? loaded.sessionsDir;
}
