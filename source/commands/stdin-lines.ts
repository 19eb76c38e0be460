/**
 * Standard input read one line at a time, for the flow menu and the walk in line mode. There is
 * one reader per run: a second would lose what the first had buffered.
 */
import {createInterface} from 'node:readline';
import type {LineInput} from '../plain/run-plain.js';

export type ClosableLineInput = LineInput & {close(): void};

export function stdinLines(input: NodeJS.ReadableStream = process.stdin): ClosableLineInput {
	const lines = createInterface({input, terminal: false});
	const iterator = lines[Symbol.asyncIterator]();
	return {
		async read() {
			const next = await iterator.next();
			return next.done ? null : next.value;
		},
		close: () => lines.close(),
	};
}
