/**
 * A walk in line mode (runPlain, plain/run-plain.ts) as the `run` command drives it: a signal
 * records the interruption and says where the walk stopped; an unfinished stop names the command
 * that continues it; --json ends with one JSON line on standard output.
 */
import {summary} from '../engine/engine.js';
import {strings} from '../i18n/strings.js';
import {runPlain} from '../plain/run-plain.js';
import {recordInterrupted} from '../session/record-interrupted.js';
import {writeOut} from '../terminal/write-out.js';
import type {ClosableLineInput} from './stdin-lines.js';
import {quitLines, SIGNALS, stoppedLines, type Walk, type WalkSignal} from './walk.js';

export type LinesOutput = {
	/** Where the walk's text goes: standard output, or standard error with --json. */
	out: NodeJS.WritableStream;
	/** With --json: where the closing JSON line goes. */
	json?: NodeJS.WritableStream;
	/** A person is typing at a terminal (not a pipe). */
	interactive: boolean;
};

export async function runLines(
	walk: Walk & {answers: string[]},
	input: ClosableLineInput,
	{out, json, interactive}: LinesOutput,
): Promise<number> {
	let current = walk.state;
	const onSignal = (signal: WalkSignal) => {
		recordInterrupted(walk.log, current, signal);
		walk.log.close();
		// A terminal in line mode needs no restoring; say where we stopped and leave.
		writeOut(out, `\n${quitLines(walk, current, walk.language).join('\n')}\n`);
		process.exit(130);
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	try {
		const result = await runPlain({
			...walk,
			detection: walk.detect?.(),
			input,
			interactive,
			onChange: (state) => {
				current = state;
			},
			write: (text) => writeOut(out, text),
		});
		if (result.stopped && result.stopped !== 'invalid') {
			recordInterrupted(walk.log, result.state, result.stopped);
			const lines = stoppedLines(walk, result.state, result.language);
			if (lines.length > 0) writeOut(out, `${lines.join('\n')}\n`);
		}
		// A script that stopped on a usage error (exit 2) leaves no new session for --resume to pick up.
		if (result.exitCode === 2) walk.log.discard();
		if (walk.log.path) writeOut(out, `${strings(result.language).logAt(walk.log.path)}\n`);
		if (json) {
			const session = {id: walk.log.id, log: walk.log.path ?? null};
			writeOut(
				json,
				`${JSON.stringify({...summary(result.state), language: result.language, exitCode: result.exitCode, session})}\n`,
			);
		}
		return result.exitCode;
	} finally {
		input.close();
		for (const signal of SIGNALS) process.off(signal, onSignal);
	}
}
