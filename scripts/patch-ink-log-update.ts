/**
 * Ink 6.8's incremental renderer (the only Ink line that runs on Node 20) moves the cursor one
 * row too few when a frame ends with a newline, which is every frame shorter than the terminal:
 * each redraw then lands one row low and the screen tears. Ink 8 fixed it (`cursorUp(previous
 * Lines.length - 1)` and comparing only lines that existed before); we apply the same two-line
 * fix to the bundled copy. If Ink changes, the build fails here instead of shipping a torn screen.
 */
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

const FIXES: [from: string, to: string][] = [
	['buffer.push(ansiEscapes.cursorUp(previousVisible - 1));', 'if (previousLines.length > 1) buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));'],
	['if (nextLines[i] === previousLines[i]) {', 'if (i < previousVisible && nextLines[i] === previousLines[i]) {'],
];

export const patchInkLogUpdate: Plugin = {
	name: 'patch-ink-log-update',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/}, async (args) => {
			let contents = await readFile(args.path, 'utf8');
			for (const [from, to] of FIXES) {
				if (!contents.includes(from)) throw new Error(`${args.path}: expected Ink 6.8's incremental renderer; update scripts/patch-ink-log-update.ts`);
				contents = contents.replace(from, to);
			}
			return {contents, loader: 'js'};
		});
	},
};
