/**
 * How readers surface the story check (story-check.ts): a short mark in `sessions`, one line on
 * stderr, and in an export a note before anything else, so a pasted ticket never presents an
 * impossible timeline as fact.
 */
import type {Flow} from '../flow/schema.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import type {StartEvent} from './events.js';
import type {FlowFor} from './list-sessions.js';
import {loadSessionFlow, type SessionFlow} from './session-flow.js';
import type {StoryCheck} from './story-check.js';

/** Loads each session's flow once per file and hash (only a trusted one whose hash matches). */
export function cachedSessionFlows(
	load: (start: StartEvent) => SessionFlow = loadSessionFlow,
): FlowFor {
	const cache = new Map<string, Flow | undefined>();
	return (start) => {
		const key = `${start.flow.file}\n${start.flow.hash}`;
		if (!cache.has(key)) {
			const loaded = load(start);
			cache.set(key, loaded.status === 'ok' ? loaded.flow : undefined);
		}
		return cache.get(key);
	};
}

/** The export with the story's problem stated first (Markdown: a quoted note; JSON: a `story` field). */
export function markExport(
	text: string,
	format: 'md' | 'json' | string,
	story: StoryCheck,
	sentence: string,
): string {
	if (story.ok) return text;
	const clean = sanitizeText(sentence);
	if (format === 'json') {
		const field = JSON.stringify({
			consistent: false,
			event: story.event,
			problem: sanitizeText(story.problem),
			note: clean,
		});
		return text.replace(/^\{\n/, `{\n  "story": ${field},\n`);
	}
	return `> ⚠ ${clean}\n\n${text}`;
}
