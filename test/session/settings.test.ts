/** Settings in conf: read with a schema; a broken file is reported, kept aside and replaced. */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadSettings, resolveLogDir} from '../../source/session/settings.js';
import {helpdeskLines} from '../../source/view/helpdesk-lines.js';
import {useTempDirs} from './temp-dir.js';

const tempDir = useTempDirs();
const now = () => new Date('2026-01-20T09:15:00.000Z');

describe('loadSettings', () => {
	it('reads valid settings, and puts sessions beside the settings file by default', () => {
		const dir = tempDir();
		writeFileSync(
			join(dir, 'config.json'),
			JSON.stringify({
				language: 'ja',
				helpdesk: {
					name: 'IT Service Desk',
					phone: '+81 3-1234-5678',
					url: 'https://help.example.com',
				},
			}),
		);
		const loaded = loadSettings({cwd: dir});
		expect(loaded.notice).toBeUndefined();
		expect(loaded.file).toBe(join(dir, 'config.json'));
		expect(loaded.sessionsDir).toBe(join(dir, 'sessions'));
		expect(loaded.settings).toEqual({
			language: 'ja',
			helpdesk: {
				name: 'IT Service Desk',
				phone: '+81 3-1234-5678',
				url: 'https://help.example.com',
			},
		});
		expect(resolveLogDir(undefined, loaded)).toBe(join(dir, 'sessions'));
		expect(resolveLogDir('/srv/logs', loaded)).toBe('/srv/logs');
		expect(helpdeskLines(loaded.settings.helpdesk, 'en')).toEqual([
			'Helpdesk: IT Service Desk · +81 3-1234-5678 · https://help.example.com',
		]);
	});

	it('uses defaults without a file, and without writing one', () => {
		const dir = tempDir();
		const loaded = loadSettings({cwd: dir});
		expect(loaded.settings).toEqual({});
		expect(loaded.notice).toBeUndefined();
		expect(existsSync(join(dir, 'config.json'))).toBe(false);
		expect(resolveLogDir(undefined, {settings: {logDir: '/var/log/w365'}, sessionsDir: 'x'})).toBe(
			'/var/log/w365',
		);
	});

	it('reports a corrupt settings file in one line, keeps a copy, and carries on with defaults', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'config.json'), '{"language": "ja",');
		const loaded = loadSettings({cwd: dir, language: 'en', now});
		const copy = join(dir, 'config.json.corrupt-2026-01-20T09-15-00-000Z');
		expect(loaded.settings).toEqual({});
		expect(loaded.notice).toBe(
			`The settings file ${join(dir, 'config.json')} is not valid (not valid JSON: ${syntaxMessage('{"language": "ja",')}): defaults are used; the old file was kept as ${copy} — fix it and move it back, or delete it.`,
		);
		expect(loaded.notice).not.toContain('\n');
		expect(readFileSync(copy, 'utf8')).toBe('{"language": "ja",');
		// The store works again: settings can be saved.
		loaded.store!.set('language', 'en');
		const again = loadSettings({cwd: dir});
		expect(again.settings).toEqual({language: 'en'});
		expect(again.notice).toBeUndefined();
	});

	it('reports settings that break the schema the same way', () => {
		const dir = tempDir();
		writeFileSync(
			join(dir, 'config.json'),
			JSON.stringify({language: 'fr', helpdesk: {phone: 'call me'}}),
		);
		const loaded = loadSettings({cwd: dir, language: 'ja', now});
		expect(loaded.settings).toEqual({});
		expect(loaded.notice).toMatch(
			/^設定ファイル .*config\.json が正しくありません（schema: language is "ja" or "en"; helpdesk\.phone is a phone number, e\.g\. "\+81 3-1234-5678"）。既定の設定を使います。元のファイルは .*config\.json\.corrupt-2026-01-20T09-15-00-000Z として残しました。/,
		);
		expect(readdirSync(dir).sort()).toEqual(['config.json.corrupt-2026-01-20T09-15-00-000Z']);
	});

	it('carries on with defaults when the settings directory cannot be used at all', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'file.txt'), '');
		const loaded = loadSettings({cwd: join(dir, 'file.txt', 'settings'), language: 'en'});
		expect(loaded.settings).toEqual({});
		expect(loaded.notice).toMatch(
			/^The settings in .*file\.txt\/settings\/config\.json cannot be used \(ENOTDIR: not a directory.*\): defaults are used for this run\.$/,
		);
	});
});

function syntaxMessage(text: string): string {
	try {
		JSON.parse(text);
	} catch (error) {
		return (error as Error).message;
	}
	return '';
}
