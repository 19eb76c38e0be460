/**
 * A step as support staff read it to someone on the phone: the text as short numbered sentences,
 * commands kept whole (to copy, or to spell out), the sources folded into one line until asked
 * for. And what a step offers to copy: its commands, then its links.
 */
import type {State} from '../engine/engine.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import type {Helpdesk} from './helpdesk-lines.js';
import {type Line, nodeLines} from './node-content.js';

/** A list marker the text already has ("1. ", "- "), replaced by the running number. */
const LIST_MARKER = /^\s*(?:\d+[.)]|[-•・])\s+/u;
const OPEN = '「『（(【';
const CLOSE = '」』）)】';
/** English words ending in a full stop that do not end a sentence. */
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|no)\.$/iu;

/** Splits text into sentences: after 。！？ outside brackets (「…。」と is one sentence), or after
 * . ! ? followed by a space and a capital, but not after "e.g.". */
export function sentences(text: string): string[] {
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		const line = paragraph.replace(LIST_MARKER, '').trim();
		let current = '';
		let depth = 0;
		const characters = [...line];
		characters.forEach((character, index) => {
			current += character;
			if (OPEN.includes(character)) depth++;
			else if (CLOSE.includes(character)) depth = Math.max(0, depth - 1);
			const next = characters[index + 1] ?? '';
			const japaneseEnd = depth === 0 && /[。！？]/u.test(character) && !CLOSE.includes(next);
			const englishEnd =
				/[.!?]/u.test(character) &&
				next === ' ' &&
				/[A-Z"'(]/u.test(characters[index + 2] ?? '') &&
				!ABBREVIATION.test(current);
			if (japaneseEnd || englishEnd) {
				out.push(current.trim());
				current = '';
			}
		});
		if (current.trim() !== '') out.push(current.trim());
	}
	return out.filter((sentence) => sentence !== '');
}

export function readAloudLines(
	state: State,
	language: Language,
	{helpdesk, showSources}: {helpdesk?: Helpdesk; showSources: boolean},
): {body: Line[]; trust: Line[]} {
	const t = strings(language);
	const {body, trust} = nodeLines(state, language, {helpdesk});
	const out: Line[] = [];
	let number = 0;
	for (const line of body) {
		if (line.style === 'text') {
			for (const sentence of sentences(line.text))
				out.push({text: `${++number}. ${sentence}`, style: 'text'});
		} else if (line.style !== 'blank') out.push(line);
	}
	const sources = trust.filter((line) => line.style === 'url').length;
	return {
		body: out,
		trust: showSources || sources === 0 ? trust : [{text: t.sourcesFolded(sources), style: 'dim'}],
	};
}

/** What `y` copies at this step, in order: its commands, then its links. */
export function copyTargets(state: State, language: Language): string[] {
	const {body, trust} = nodeLines(state, language);
	const commands = body.filter((line) => line.style === 'command').map((line) => line.text);
	const links = [...body, ...trust].flatMap((line) =>
		line.style === 'url' ? [line.text] : (line.text.match(/https?:\/\/[^\s）」』】、。]+/gu) ?? []),
	);
	return [...new Set([...commands, ...links])];
}
