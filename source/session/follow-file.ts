/**
 * Follows a file that another process appends to, like `tail -f`: fs.watch for promptness, plus
 * polling, because fs.watch misses changes on network file systems and in some containers and
 * is not available everywhere. Text is decoded across chunk boundaries (a Japanese character
 * split between two writes arrives whole).
 */
import {closeSync, fstatSync, readSync, watch, type FSWatcher} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {openLog} from './log-file.js';

export type FollowOptions = {
	/** New text appended since the last call. */
	onText(text: string): void;
	/** The file got shorter (a resume cut off a torn last line): drop any partial line held. */
	onTruncate?(): void;
	/** Called after each check that found nothing new (for liveness checks). */
	onIdle?(): void;
	pollMs?: number;
};

export type Follower = {stop(): void; check(): void};

export function followFile(path: string, options: FollowOptions): Follower {
	// Opened once, like every log (no symbolic link followed, no FIFO waited on); followed by descriptor.
	const {fd} = openLog(path, 'read');
	let offset = 0;
	let decoder = new StringDecoder('utf8');
	let stopped = false;
	const buffer = Buffer.alloc(64 * 1024);

	const check = () => {
		if (stopped) return;
		let size: number;
		try {
			size = fstatSync(fd).size;
		} catch {
			return;
		}
		if (size < offset) {
			offset = size;
			decoder = new StringDecoder('utf8');
			options.onTruncate?.();
		}
		if (size === offset) {
			options.onIdle?.();
			return;
		}
		// Chunk by chunk: however much was appended, no more than a buffer's worth is held here.
		while (offset < size && !stopped) {
			const count = readSync(fd, buffer, 0, Math.min(buffer.length, size - offset), offset);
			if (count === 0) break;
			offset += count;
			const text = decoder.write(buffer.subarray(0, count));
			if (text !== '') options.onText(text);
		}
	};

	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(path, {persistent: false}, () => check());
		watcher.on('error', () => {
			watcher?.close();
			watcher = undefined;
		});
	} catch {
		// No fs.watch here: polling alone keeps within the one-second promise.
	}
	const timer = setInterval(check, options.pollMs ?? 250);
	// Read what is there already, after the caller has its handlers in place.
	queueMicrotask(check);

	return {
		check,
		stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(timer);
			watcher?.close();
			closeSync(fd);
		},
	};
}
