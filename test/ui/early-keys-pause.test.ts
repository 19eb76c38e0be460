/**
 * Before Ink has loaded (early-keys.ts): the rest of the start-up waits for the keys to pause, and
 * a resize lays the screen out anew. Driven through a stand-in terminal (a TTY-like input the test
 * writes keys into, an output that records every write), as run-terminal.ts drives it.
 */
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {start} from '../../source/engine/engine.js';
import {recordTransitions} from '../../source/session/record-transitions.js';
import {answerEarlyKeys} from '../../source/ui/early-keys.js';
import {openTerminalScreen} from '../../source/ui/terminal-screen.js';
import {EXAMPLE_FLOW, loadValidFlow} from '../helpers/flows.js';

const flow = loadValidFlow(EXAMPLE_FLOW);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const strip = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

function standIn(columns = 80) {
	const input = Object.assign(new PassThrough(), {
		isTTY: true,
		isRaw: false,
		setRawMode(raw: boolean) {
			input.isRaw = raw;
			return input;
		},
	}) as unknown as NodeJS.ReadStream & PassThrough;
	let written = '';
	const output = Object.assign(new EventEmitter(), {
		columns,
		rows: 24,
		isTTY: true,
		write(text: string) {
			written += text;
			return true;
		},
	}) as unknown as NodeJS.WriteStream & EventEmitter & {columns: number};
	const screen = openTerminalScreen(output, input);
	const early = answerEarlyKeys(
		screen,
		{
			state: start(flow, {}),
			language: 'en',
			detecting: false,
			asOf: '2026-12-02',
			transitions: recordTransitions(() => {}),
		},
		input,
	);
	return {input, output, screen, early, written: () => written};
}

const opened: {close: () => void}[] = [];
afterEach(() => {
	for (const screen of opened.splice(0)) screen.close();
});

describe('keys before Ink has loaded', () => {
	it('the rest of the start-up waits until the keys have paused', async () => {
		const {input, screen, early} = standIn();
		opened.push(screen);
		let paused = false;
		void early.paused(60, 5000).then(() => {
			paused = true;
		});
		await sleep(30);
		input.write('\u001B[B'); // ↓ before the pause is over: the wait starts again
		await sleep(45);
		expect(paused).toBe(false);
		await sleep(120);
		expect(paused).toBe(true);
		early.handOver();
	});

	it('waits no longer than its limit while keys keep coming', async () => {
		const {input, screen, early} = standIn();
		opened.push(screen);
		let paused = false;
		void early.paused(60, 150).then(() => {
			paused = true;
		});
		for (let key = 0; key < 12 && !paused; key++) {
			input.write(key % 2 ? '\u001B[A' : '\u001B[B');
			await sleep(25);
		}
		expect(paused).toBe(true);
		early.handOver();
	});

	it('stops waiting when the keys are handed over (a quit, a signal)', async () => {
		const {screen, early} = standIn();
		opened.push(screen);
		const waiting = early.paused(60_000, 60_000);
		early.handOver();
		await expect(waiting).resolves.toBeUndefined();
	});

	it('lays the screen out for the new size after a resize', async () => {
		const {output, screen, early, written} = standIn(80);
		opened.push(screen);
		const widest = (text: string) =>
			Math.max(
				...strip(text.slice(text.lastIndexOf('\u001B[2J')))
					.split('\n')
					.map((l) => l.length),
			);
		screen.writer.frame('painted before the keys'); // the first frame, as first-frame.ts paints it
		output.columns = 30;
		output.emit('resize');
		await sleep(10);
		const after = written();
		expect(after.lastIndexOf('\u001B[2J')).toBeGreaterThan(0); // repainted whole
		expect(widest(after)).toBeLessThanOrEqual(30);
		expect(strip(after)).toContain('Step 1');
		early.handOver();
	});
});
