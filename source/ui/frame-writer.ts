/**
 * Writes Ink's frames to the terminal, rewriting only the lines that changed: hand-written because
 * Ink 8's own incremental output writes 153 bytes per ↓ (five choices, 80x24) against our 109,
 * 944 bytes to take over the first frame painted before Ink loaded against our 0, and leaves debris
 * after a narrowing resize where this writer repaints (README "Performance" has how it was measured).
 *
 * Ink renders into a stand-in stream in debug mode (one whole frame per write, no throttling,
 * no cursor tricks of its own) and this writer puts each frame on screen. A resize, or a screen of
 * printed commands, simply makes the next frame a full repaint. (Ink 6's incremental mode also
 * landed one row off when a frame grew; Ink 8's no longer does.)
 *
 * Invariant: after each write the cursor is at column 1 of the frame's last line.
 */
import {EventEmitter} from 'node:events';
import cliTruncate from 'cli-truncate';
import {textWidth} from '../terminal/text-width.js';

const CLEAR_SCREEN = '\u001B[2J\u001B[H';
const ERASE_LINE = '\u001B[2K';
const ERASE_BELOW = '\u001B[J';
const up = (rows: number) => (rows > 0 ? `\u001B[${rows}A` : '');
const down = (rows: number) => (rows > 0 ? `\u001B[${rows}B` : '');

export class FrameWriter {
	private lines: string[] = [];
	private dirty = true;
	/** While printed text is on screen, frames wait here instead of covering it. */
	private held: string | undefined;

	constructor(private readonly out: NodeJS.WriteStream) {}

	/** Shows `text` (Ink's output) as the frame. */
	frame(text: string): void {
		if (this.held !== undefined) {
			this.held = text;
			return;
		}
		// A line wider than the terminal would wrap onto a row the diff does not know about, and a
		// frame taller than it would scroll the screen. Our layout never draws either, but Ink's
		// redraw of the old tree right after a resize can: clip to the terminal.
		const columns = this.out.columns || 80;
		const rows = this.out.rows || 24;
		const next = text
			.replace(/\n$/, '')
			.split('\n')
			.slice(0, Math.max(rows - 1, 1))
			.map((line) => (textWidth(line) > columns ? cliTruncate(line, columns) : line));
		if (this.dirty) {
			this.out.write(`${CLEAR_SCREEN}${next.join('\r\n')}\r`);
			this.lines = next;
			this.dirty = false;
			return;
		}
		const previous = this.lines;
		let first = 0;
		while (first < Math.max(next.length, previous.length) && next[first] === previous[first])
			first++;
		if (first === Math.max(next.length, previous.length)) return;

		let out = '';
		let row = previous.length - 1;
		const moveTo = (target: number) => {
			if (target < row) out += up(row - target);
			else if (target > row) {
				const existing = Math.min(target, previous.length - 1);
				out += down(existing - row);
				// Rows past the old frame do not exist yet: a line feed creates (and scrolls) them.
				out += '\r\n'.repeat(target - Math.max(existing, row));
			}
			out += '\r';
			row = target;
		};
		for (let index = first; index < next.length; index++) {
			if (next[index] === previous[index]) continue;
			moveTo(index);
			out += `${ERASE_LINE}${next[index]}\r`;
		}
		moveTo(next.length - 1);
		if (next.length < previous.length) out += `\u001B[1B\r${ERASE_BELOW}${up(1)}\r`;
		this.out.write(out);
		this.lines = next;
	}

	/** Prints text on a cleared screen (commands too wide for the frame, whole, for copying: the
	 * terminal soft-wraps them, so a mouse copy is exact) and keeps it there until `release`. */
	print(text: string): void {
		this.out.write(`${CLEAR_SCREEN}${text.replaceAll('\n', '\r\n')}`);
		this.held = this.lines.join('\n');
		this.dirty = true;
	}

	/** Back from printed text: repaint the newest frame. */
	release(): void {
		const text = this.held;
		this.held = undefined;
		if (text !== undefined) this.frame(text);
	}

	/** The screen no longer matches what we drew (a resize): repaint on the next frame. */
	invalidate(): void {
		this.dirty = true;
	}
}

/** The stream Ink renders into: it reports the real terminal's size and resizes, and hands each
 * frame to the writer. */
export function frameStream(real: NodeJS.WriteStream, writer: FrameWriter): NodeJS.WriteStream {
	const stream = new EventEmitter() as EventEmitter & {
		write: (text: string) => boolean;
		isTTY: boolean;
		columns: number;
		rows: number;
	};
	Object.defineProperties(stream, {
		columns: {get: () => real.columns || 80},
		rows: {get: () => real.rows || 24},
		isTTY: {value: true},
	});
	stream.write = (text: string) => {
		writer.frame(text);
		return true;
	};
	const onResize = () => {
		writer.invalidate();
		stream.emit('resize');
	};
	real.on('resize', onResize);
	stream.once('close', () => real.off('resize', onResize));
	return stream as unknown as NodeJS.WriteStream;
}
