/**
 * What a person reads when detection comes back empty-handed: in English the probe's own line,
 * in Japanese one Japanese sentence naming the tool and what was not read (no English detail).
 */
import {describe, expect, it} from 'vitest';
import {detectFacts, windowsFacts} from '../../source/detect/detect-facts.js';
import {CANCELLED} from '../../source/detect/detection-words.js';
import type {ProbeRunner} from '../../source/detect/run-probe.js';
import {detectionNotice} from '../../source/view/detection-notice.js';

const english = /[A-Za-z]{3,}/g;
/** English words a Japanese line may carry: tool names as typed, product names as Windows shows them. */
const ALLOWED = new Set([
	'reg',
	'query',
	'Get-HotFix',
	'HotFix',
	'Get',
	'PowerShell',
	'exe',
	'systeminformation',
	'Windows',
]);

function notice(problems: string[], language: 'ja' | 'en') {
	return detectionNotice({facts: {}, problems}, {}, language);
}

function strayEnglish(lines: string[]): string[] {
	return lines.flatMap((line) => line.match(english) ?? []).filter((word) => !ALLOWED.has(word));
}

describe('detection problems on screen', () => {
	const failing =
		(reason: 'missing' | 'timeout'): ProbeRunner =>
		async (probe) =>
			reason === 'missing'
				? {ok: false, reason, problem: `${probe.program} is not available: ${probe.consequence}`}
				: {ok: false, reason, problem: `${probe.name} timed out after 10 s: ${probe.consequence}`};

	it.each(['missing', 'timeout'] as const)(
		'says in Japanese which tool failed and what was not read (%s)',
		async (reason) => {
			const detection = await detectFacts({
				platform: 'win32',
				env: {},
				runProbe: failing(reason),
				loadSystemInformation: async () => {
					throw new Error('WMI is broken');
				},
			});
			const ja = detectionNotice(detection, detection.facts, 'ja');
			expect(ja).toHaveLength(3);
			expect(ja[0]).toBe(
				`自動検出: ${reason === 'missing' ? 'reg.exe' : 'reg query'} で Windows の製品名、OS ビルドを読み取れませんでした。質問に答えてください。`,
			);
			expect(ja[1]).toBe(
				`自動検出: ${reason === 'missing' ? 'PowerShell' : 'Get-HotFix'} でインストール済みの更新プログラムを読み取れませんでした。質問に答えてください。`,
			);
			expect(ja[2]).toBe(
				'自動検出: systeminformation で Windows の製品名、リモートセッションを読み取れませんでした。質問に答えてください。',
			);
			expect(strayEnglish(ja)).toEqual([]);
			// English keeps the probe's own line, detail included.
			expect(detectionNotice(detection, detection.facts, 'en')[2]).toBe(
				'Detection: systeminformation failed (WMI is broken): the Windows caption and the remote-session signal were not read. Answer the questions instead.',
			);
		},
	);

	it('names the one fact a bad value left unset, and says a cancel or an unknown failure in Japanese', () => {
		const bad = windowsFacts({
			registry: {CurrentBuild: '26100', UBR: 'x', ProductName: 'Windows 7 Professional'},
		});
		const ja = notice(bad.problems, 'ja');
		expect(ja).toEqual([
			'自動検出: reg query で OS ビルドを読み取れませんでした。質問に答えてください。',
			'自動検出: reg query で Windows の製品名を読み取れませんでした。質問に答えてください。',
		]);
		expect(notice([CANCELLED, 'detection failed: something new'], 'ja')).toEqual([
			'自動検出を中止しました。質問に答えてください。',
			'自動検出: 一部の情報を読み取れませんでした。質問に答えてください。',
		]);
		expect(
			notice(
				[
					'detection did not finish within 30 s and was stopped: the Windows version, build and updates were not read',
				],
				'ja',
			),
		).toEqual([
			'自動検出: Windows のバージョン、OS ビルド、インストール済みの更新プログラムを読み取れませんでした。質問に答えてください。',
		]);
	});
});
