import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseFactsFile, readFactsFile} from '../../source/detect/facts-file.js';
import {lineColumn, parseJsonWithPositions} from '../../source/detect/json-with-positions.js';
import {fixturePath} from './fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'w365-facts-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));
const file = (name: string, contents: string | Buffer) => {
	const path = join(folder, name);
	writeFileSync(path, contents);
	return path;
};
const message = (result: ReturnType<typeof readFactsFile>) => (result.ok ? 'ok' : result.message);

describe('readFactsFile', () => {
	it('reads a good file: every fact from the file, named by its file name', () => {
		const path = fixturePath('facts-good.json');
		expect(readFactsFile(path)).toEqual({
			ok: true,
			facts: {
				'os.product': {value: 'Windows 11', origin: 'file', via: 'facts-good.json'},
				'os.version': {value: '24H2', origin: 'file', via: 'facts-good.json'},
				'os.build': {value: '26100.7623', origin: 'file', via: 'facts-good.json'},
				'os.remoteSession': {value: 'false', origin: 'file', via: 'facts-good.json'},
				hotfixes: {value: ['KB5074109', 'KB5077744'], origin: 'file', via: 'facts-good.json'},
			},
		});
	});

	it('names file:line:column of a JSON syntax error and shows what a facts file looks like', () => {
		const path = fixturePath('facts-syntax-error.json');
		const text = message(readFactsFile(path));
		expect(text).toBe(
			`${path}:4:2: not valid JSON: expected "," or "}", found """. A facts file is a JSON object such as {"os.product": "Windows 11", "os.build": "26100.7623", "hotfixes": ["KB5074109"]}`,
		);
	});

	it('names an unknown fact, where it is, and the likely meant one', () => {
		const path = fixturePath('facts-unknown-name.json');
		expect(message(readFactsFile(path))).toBe(
			`${path}:3:2: unknown fact "os.buidl" (did you mean os.build?): the facts are os.family, os.product, os.version, os.build, os.remoteSession, hotfixes, app.role`,
		);
	});

	it('names a bad build with the form expected', () => {
		const path = fixturePath('facts-bad-build.json');
		expect(message(readFactsFile(path))).toBe(
			`${path}:3:14: os.build "26100" is not valid: expected CurrentBuild.UBR, e.g. 26100.7623 (winver shows it as "OS Build 26100.7623")`,
		);
	});

	it('names a bad value in Japanese for a Japanese user, keeping the place and the fact id', () => {
		const path = fixturePath('facts-bad-build.json');
		expect(message(readFactsFile(path, 'ja'))).toBe(
			`${path}:3:14: os.build の値「26100」は使えません。winver に表示される OS ビルド（例: 26100.7623）で入力してください。`,
		);
		const many = file(
			'many-ja.json',
			[
				'{',
				'  "os.buidl": "26100.7623",',
				'  "hotfixes": ["KB5074109"],',
				'  "hotfixes": ["KB5077744"]',
				'}',
			].join('\n'),
		);
		expect(message(readFactsFile(many, 'ja')).split('\n')).toEqual([
			`${many}:2:3: 「os.buidl」という環境情報はありません（os.build のことですか？）。指定できるのは os.family, os.product, os.version, os.build, os.remoteSession, hotfixes, app.role です。`,
			`${many}:4:3: hotfixes が 2 回指定されています（最初は 3 行目）。どちらか 1 つにしてください。`,
		]);
	});

	it('lists every mistake at once, one line each, and never a stack trace', () => {
		const path = file(
			'many.json',
			[
				'{',
				'  "os.product": "Windows 11",',
				'  "os.build": 26100.7620,',
				'  "hotfixes": ["KB5074109", "5077744"],',
				'  "OS_Product": "x",',
				'  "os.product": "Windows 10"',
				'}',
			].join('\n'),
		);
		const lines = message(readFactsFile(path)).split('\n');
		expect(lines).toEqual([
			`${path}:3:15: write the build in quotes, "26100.7620" (as a number, a trailing zero would be lost): expected CurrentBuild.UBR, e.g. 26100.7623 (winver shows it as "OS Build 26100.7623")`,
			`${path}:4:29: hotfixes "5077744" is not valid: expected comma-separated KB ids, e.g. KB5077744,KB5074109`,
			`${path}:5:3: unknown fact "OS_Product" (did you mean os.product?): the facts are os.family, os.product, os.version, os.build, os.remoteSession, hotfixes, app.role`,
			`${path}:6:3: os.product is given twice (first at line 2); keep one`,
		]);
		expect(lines.join('\n')).not.toMatch(/\bat .*\.(ts|js):\d+/);
	});

	it('says what is wrong with a value of the wrong type', () => {
		const cases: [string, string][] = [
			['{"os.product": 11}', '1:16: os.product is a string in quotes: expected a product name'],
			['{"hotfixes": []}', '1:14: hotfixes is an empty list: leave it out'],
			[
				'{"hotfixes": ["KB5074109", 5077744]}',
				'1:28: each hotfix is a string in quotes, e.g. "KB5077744"',
			],
			['{"hotfixes": "KB5074109, KB5077744"}', 'ok'],
			['{"os.remoteSession": true}', 'ok'],
			[
				'{"app.role": true}',
				'1:14: app.role is a string in quotes: expected client | session-host | admin-box',
			],
			['{"os.build": null}', '1:14: os.build is a string in quotes'],
			['["os.build"]', '1:1: a facts file is a JSON object of fact name to value'],
			['{}', 'ok'],
		];
		for (const [text, expected] of cases) {
			const result = parseFactsFile(text, 'f.json');
			expect(result.ok ? 'ok' : result.message).toContain(
				expected === 'ok' ? 'ok' : `f.json:${expected}`,
			);
		}
	});

	it('reads UTF-8 with a byte-order mark and UTF-16 as Windows PowerShell writes it', () => {
		const json = '{\r\n  "os.build":  "19045.6809"\r\n}\r\n';
		const utf8 = file(
			'bom.json',
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
		);
		const utf16 = file(
			'utf16.json',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]),
		);
		for (const path of [utf8, utf16]) {
			const result = readFactsFile(path);
			expect(result.ok && result.facts['os.build']?.value).toBe('19045.6809');
		}
		const broken = file(
			'utf16-broken.json',
			Buffer.concat([
				Buffer.from([0xff, 0xfe]),
				Buffer.from('{\r\n  "os.build" "x"\r\n}', 'utf16le'),
			]),
		);
		expect(message(readFactsFile(broken))).toContain(
			`${broken}:2:14: not valid JSON: expected ":" after the name`,
		);
	});

	it('reports a missing file, a folder and an empty file in one line', () => {
		const missing = join(folder, 'nope.json');
		expect(message(readFactsFile(missing))).toBe(
			`${missing}: no such file (check the path given to --facts)`,
		);
		expect(message(readFactsFile(folder))).toBe(`${folder}: is a folder, not a facts file`);
		const empty = file('empty.json', '  \n');
		expect(message(readFactsFile(empty))).toMatch(
			new RegExp(
				`^${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: not valid JSON: the file is empty\\.`,
			),
		);
	});

	it('refuses a file far too large to be a facts file', () => {
		const big = file('big.json', `{"os.product": "${'x'.repeat(70_000)}"}`);
		expect(message(readFactsFile(big))).toMatch(/is larger than 64 KB/);
	});
});

describe('parseJsonWithPositions', () => {
	const error = (text: string) => {
		const result = parseJsonWithPositions(text);
		if (result.ok) return 'ok';
		const {line, column} = lineColumn(text, result.offset);
		return `${line}:${column}: ${result.message}`;
	};

	it('accepts what JSON.parse accepts and keeps positions', () => {
		const text = '{\n\t"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"],\n\t"b": {}\n}';
		const result = parseJsonWithPositions(text);
		expect(result.ok).toBe(true);
		if (!result.ok || result.node.kind !== 'object') return;
		expect(
			result.node.entries.map((entry) => [entry.key, lineColumn(text, entry.keyOffset)]),
		).toEqual([
			['a', {line: 2, column: 2}],
			['b', {line: 3, column: 2}],
		]);
		const items = result.node.entries[0]!.value;
		expect(
			items.kind === 'array' &&
				items.items.map((item) => (item.kind === 'string' ? item.value : item.kind)),
		).toEqual(['number', 'number', 'boolean', 'boolean', 'null', 'xé\n']);
	});

	it.each([
		[
			'{"a": }',
			'1:7: expected a value (a "string", a number, true, false, null, [ or {), found "}"',
		],
		['{"a": 1,}', '1:9: expected a name after "," (JSON allows no trailing comma), found "}"'],
		['[1, ]', '1:5: expected a value after "," (JSON allows no trailing comma), found "]"'],
		["{'a': 1}", '1:2: expected a name in double quotes, found "\'"'],
		['{a: 1}', '1:2: expected a name in double quotes, found "a"'],
		['{"a": "b}', '1:7: a string is not closed (a " is missing)'],
		['{"a": "b\nc"}', '1:9: a string cannot hold a line break or control character (write \\n)'],
		['{"a": "\\x"}', '1:8: an unknown escape in a string (a backslash is written \\\\)'],
		['{"a": 01}', '1:8: expected "," or "}", found "1"'],
		['{"a": 1} x', '1:10: expected nothing after the end of the JSON value, found "x"'],
		['{"a": 1', '1:8: expected "," or "}", found the end of the file'],
		[
			'{"a": tru}',
			'1:7: expected a value (a "string", a number, true, false, null, [ or {), found "t"',
		],
		[
			'{"日本": x}',
			'1:8: expected a value (a "string", a number, true, false, null, [ or {), found "x"',
		],
		[
			'{"a":\u00a01}',
			'1:6: expected a value (a "string", a number, true, false, null, [ or {), found U+00A0',
		],
		['', '1:1: the file is empty'],
		[
			'[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
			'1:66: values are nested more than 64 deep',
		],
	])('%j → %s', (text, expected) => {
		expect(error(text)).toBe(expected);
		expect(() => JSON.parse(text)).toThrow();
	});
});
