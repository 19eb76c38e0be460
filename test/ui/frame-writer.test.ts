import {describe, expect, it} from 'vitest';
import {FrameWriter} from '../../source/ui/frame-writer.js';

function fakeTerminal(columns = 80, rows = 24) {
	const writes: string[] = [];
	const out = {
		columns,
		rows,
		write: (text: string) => writes.push(text),
	} as unknown as NodeJS.WriteStream;
	return {out, writes};
}

const frame = (selected: number) =>
	[
		'Title',
		'Step 1 · symptom',
		'',
		'What happens?',
		'',
		...['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map(
			(label, index) => `${index === selected ? '❯' : ' '} ${index + 1}. ${label}`,
		),
		'keys',
	].join('\n');

describe('FrameWriter', () => {
	it('paints the first frame whole, then rewrites only the lines that changed', () => {
		const {out, writes} = fakeTerminal();
		const writer = new FrameWriter(out);
		writer.frame(frame(0));
		expect(writes[0]).toContain('Title\r\nStep 1 · symptom');
		writer.frame(frame(1));
		const update = writes[1]!;
		expect(update).toContain('  1. alpha');
		expect(update).toContain('❯ 2. beta');
		expect(update).not.toContain('Title');
		expect(update).not.toContain('gamma');
		expect(Buffer.byteLength(update)).toBeLessThan(80);
		writer.frame(frame(1));
		expect(writes).toHaveLength(2); // nothing changed, nothing written
	});

	it('repaints everything after a resize or printed text', () => {
		const {out, writes} = fakeTerminal();
		const writer = new FrameWriter(out);
		writer.frame(frame(0));
		writer.invalidate();
		writer.frame(frame(1));
		expect(writes[1]).toMatch(/^\u001B\[2J\u001B\[H/);
		expect(writes[1]).toContain('Title');
		writer.print('Get-HotFix\n');
		writer.frame(frame(2));
		expect(writes).toHaveLength(3); // the printed text stays until released
		writer.release();
		expect(writes[3]).toMatch(/^\u001B\[2J\u001B\[H/);
		expect(writes[3]).toContain('❯ 3. gamma');
	});

	it('clips what would not fit, so the rows it counts are the rows on screen', () => {
		const {out, writes} = fakeTerminal(10, 4);
		const writer = new FrameWriter(out);
		writer.frame(['0123456789ABC', 'b', 'c', 'd', 'e'].join('\n'));
		expect(writes[0]).not.toContain('ABC');
		expect(writes[0]).not.toContain('d');
	});
});
