/** The read-aloud view's sentences, and what y copies. */
import {describe, expect, it} from 'vitest';
import {answer, start} from '../../source/engine/engine.js';
import {copyTargets, sentences} from '../../source/view/read-aloud.js';
import {EXAMPLE_FLOW, loadValidFlow} from '../helpers/flows.js';

describe('read aloud', () => {
	it('splits text into short sentences, Japanese and English, without the list markers it had', () => {
		expect(
			sentences(
				'まず Web クライアントを使ってください（インストール不要）。\n1. ブラウザーで開きます。「接続」を選びます。',
			),
		).toEqual([
			'まず Web クライアントを使ってください（インストール不要）。',
			'ブラウザーで開きます。',
			'「接続」を選びます。',
		]);
		expect(sentences('Open Settings. Install every update, e.g. KB5077744. Restart!')).toEqual([
			'Open Settings.',
			'Install every update, e.g. KB5077744.',
			'Restart!',
		]);
		expect(sentences('「直りましたか。」と聞きます。')).toEqual(['「直りましたか。」と聞きます。']);
	});

	it('offers the step’s commands first, then its links', () => {
		const flow = loadValidFlow(EXAMPLE_FLOW);
		const spooler = answer(start(flow, {}), 'stuck');
		const targets = copyTargets(spooler, 'en');
		expect(targets[0]).toBe('Restart-Service -Name Spooler -Force');
		expect(targets.at(-1)).toMatch(/^https:\/\//);
	});
});
