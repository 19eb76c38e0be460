import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadJapanesePhrases} from '../../source/ui/japanese-phrases.js';
import {truncate, wrapText} from '../../source/ui/wrap-lines.js';
import {INCIDENT_FLOW, loadValidFlow} from '../helpers/flows.js';

const NO_LINE_START =
	/^[、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)\]}.,;:!?]/u;

beforeAll(() => loadJapanesePhrases());
describe('wrapText', () => {
	it('breaks English at spaces and never splits a word that fits a line', () => {
		expect(wrapText('Install the out-of-band update for your build', 20)).toEqual([
			'Install the',
			'out-of-band update',
			'for your build',
		]);
	});

	it('breaks Japanese between characters, counting each as two columns', () => {
		const lines = wrapText('更新プログラムをアンインストールしないでください', 20);
		expect(lines.join('')).toBe('更新プログラムをアンインストールしないでください');
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(20);
		expect(lines).toHaveLength(3);
	});

	it('never opens a line with closing punctuation, even two marks in a row (）。)', () => {
		// At 39 columns "）" still fits and "。" does not: both stay with the phrase before them.
		const text =
			'このコンピューターは接続できない PC ではありません（Windows ではありません）。利用者の PC について答えてください。';
		const lines = wrapText(text, 39);
		expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
		for (const line of lines) {
			expect(line).not.toMatch(NO_LINE_START);
			expect(stringWidth(line)).toBeLessThanOrEqual(39);
		}
	});

	it('breaks Japanese between phrases, never inside a word (外付け / ドライブ, 失敗 / する)', () => {
		const text =
			'クラウドにないファイルを、外付けドライブまたは USB メモリにコピーしました。更新プログラムのアンインストールに失敗することがあります（BitLocker を有効にしていた場合）。';
		for (let width = 12; width <= 60; width++) {
			const lines = wrapText(text, width);
			expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
			for (const line of lines) {
				expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
				expect(line, `${width}`).not.toMatch(/^(?:付け|ドライブ|する|る|け)/);
				expect(line, `${width}`).not.toMatch(/[（「『【]$/);
				expect(line, `${width}`).not.toMatch(NO_LINE_START);
			}
		}
	});

	it('keeps the line rules for every Japanese text of the shipped flow, at every width from 20 to 80', () => {
		const texts: string[] = [];
		const collect = (value: unknown) => {
			if (typeof value === 'string') return;
			if (value && typeof value === 'object') {
				for (const [key, inner] of Object.entries(value)) {
					if (key === 'ja' && typeof inner === 'string') texts.push(inner);
					else collect(inner);
				}
			}
		};
		collect(loadValidFlow(INCIDENT_FLOW));
		expect(texts.length).toBeGreaterThan(100);
		for (const text of texts) {
			for (let width = 20; width <= 80; width += 3) {
				const lines = wrapText(text, width);
				for (const line of lines) {
					if (line.includes('…')) continue; // a URL cut to the width
					expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
					expect(line, `${width}: ${text}`).not.toMatch(/[（「『【]$/);
					expect(line, `${width}: ${text}`).not.toMatch(/^[）」』】、。]/);
				}
			}
		}
	});

	it('keeps every line within the width for mixed text at many widths', () => {
		const text =
			'「接続と認証の失敗」と表示され、サインイン画面まで進めない (KB5077744, build 26100.7627)。';
		for (let width = 8; width <= 60; width++) {
			const lines = wrapText(text, width);
			for (const line of lines)
				expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
			expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
		}
	});

	it('keeps lines within the width when punctuation is carried onto an indented line', () => {
		for (const width of [7, 8]) {
			for (const line of wrapText('x bい。。。）」', width, '   '))
				expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
		}
	});

	it('indents continuation lines under the text (hanging indent) and cuts a word longer than a line', () => {
		expect(wrapText('1. Print jobs stay stuck in the queue', 20, '   ')).toEqual([
			'1. Print jobs stay',
			'   stuck in the',
			'   queue',
		]);
		expect(wrapText('Supercalifragilistic', 10)).toEqual(['Supercalif', 'ragilistic']);
	});

	it('never splits a URL or a path: it gets a line of its own, or is cut visibly with … and reported whole', () => {
		const url = 'https://www.catalog.update.microsoft.com';
		const cut: string[] = [];
		expect(wrapText(`Get it from ${url} and install it.`, 39, '', cut)).toEqual([
			'Get it from',
			`${url.slice(0, 38)}…`,
			'and install it.',
		]);
		expect(cut).toEqual([url]);
		// Wrapped again (a paragraph wrapped before is remembered), it reports the cut again.
		const again: string[] = [];
		expect(wrapText(`Get it from ${url} and install it.`, 39, '', again)).toHaveLength(3);
		expect(again).toEqual([url]);
		const fits: string[] = [];
		expect(wrapText(`Get it from ${url} now.`, 45, '', fits)).toEqual([
			'Get it from',
			`${url} now.`,
		]);
		expect(fits).toEqual([]);
		const path = '/home/someone/.local/state/w365-triage/20261125-101500-ab12.jsonl';
		const cutPath: string[] = [];
		const lines = wrapText(`セッションログ: ${path}`, 39, '', cutPath);
		expect(lines).toEqual(['セッションログ:', `${path.slice(0, 38)}…`]);
		expect(cutPath).toEqual([path]);
		for (const width of [20, 30, 50, 70]) {
			for (const line of wrapText(
				`See ${url}/ja-jp/search.aspx?q=KB5077744 or C:\\Windows\\System32\\winver.exe`,
				width,
			)) {
				expect(stringWidth(line)).toBeLessThanOrEqual(width);
				if (line.includes('://'))
					expect(
						line.startsWith('https://') && (line.endsWith('…') || line.endsWith('KB5077744')),
						line,
					).toBe(true);
			}
		}
	});
});

describe('truncate', () => {
	it('cuts to the width with an ellipsis, never splitting a wide character', () => {
		expect(truncate('Windows 365 / AVD に接続できない', 20)).toBe('Windows 365 / AVD …');
		expect(stringWidth(truncate('接続できない接続できない', 9))).toBeLessThanOrEqual(9);
		expect(truncate('short', 20)).toBe('short');
	});
});
