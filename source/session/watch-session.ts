/**
 * `watch`: a live, read-only view of a running session for whoever is helping, e.g. support staff
 * on a second login to the same machine. Plain lines only (a new block per change, no cursor
 * movement), so it works over SSH, in a screen reader and in a log file.
 *
 * The state is rebuilt from the log through the engine, with the flow loaded from the file the
 * start event names, and the current step drawn as the user sees it, in the watcher's language.
 * If that flow cannot be loaded, or has changed since (hash), the events are shown as text.
 *
 * An outcome does not end the watch while the program is still running: the person may go back
 * or restart from the outcome screen, and the watcher follows. It ends when the program that
 * writes the session has ended at an outcome, or when the session is interrupted (quit, end of
 * input, a signal).
 */
import type {loadFlowFile} from '../flow/load-flow.js';
import type {Flow, Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {renderNode} from '../view/render-node.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {describeEntry, PLAIN} from './describe-entry.js';
import {parseEvent} from './event-schema.js';
import type {SessionEvent, StartEvent} from './events.js';
import {followFile} from './follow-file.js';
import {type Place, placeAfter, sessionEnd} from './list-sessions.js';
import {type Replay, startReplay} from './rebuild-state.js';
import {claimHolder} from './session-claim.js';
import {checkStory} from './story-check.js';
import {MAX_LINE_BYTES} from './limits.js';
import {loadSessionFlow} from './session-flow.js';
import {reportEntry} from './session-report.js';
import {sessionStrings} from './session-strings.js';
import {lastPid, processAlive} from './writer-alive.js';

export type WatchSessionOptions = {
	path: string;
	/** The watcher's language (not necessarily the user's). */
	language: Language;
	/** Today, for the flow's review-by warning (YYYY-MM-DD). */
	asOf: string;
	write(text: string): void;
	/** Aborted on Ctrl+C: stop watching. */
	signal?: AbortSignal;
	pollMs?: number;
	isAlive?: (pid: number) => boolean;
	loadFlow?: typeof loadFlowFile;
	/** Local time of day for block headers (tests pin it). */
	clock?: (iso: string) => string;
};

/** 'invalid': the file is not a session log (its first line is not a start event). */
export type WatchResult = 'ended' | 'stopped' | 'invalid';

type Mode = {kind: 'render'; flow: Flow; replay: Replay} | {kind: 'text'};

export function watchSession(options: WatchSessionOptions): Promise<WatchResult> {
	const {language, write} = options;
	const t = sessionStrings(language);
	const ui = strings(language);
	const print = (...lines: string[]) => write(`${lines.join('\n')}\n`);
	const clock =
		options.clock ?? ((iso: string) => new Date(iso).toLocaleTimeString('en-GB', {hour12: false}));
	const isAlive = options.isAlive ?? processAlive;

	let pending = '';
	let start: StartEvent | undefined;
	let mode: Mode = {kind: 'text'};
	const events: SessionEvent[] = [];
	// Without the flow, the path is followed from the events alone.
	let textPath: {node: string; answer?: string; acks: string[]}[] = [];
	let saidGone = false;
	let storySaid = false;
	let skippingLine = false;
	let lineNumber = 0;

	return new Promise<WatchResult>((resolve) => {
		let finished = false;
		const finish = (result: WatchResult) => {
			if (finished) return;
			finished = true;
			follower.stop();
			options.signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};
		const onAbort = () => {
			print('', t.watchStopped);
			finish('stopped');
		};

		const handle = (batch: SessionEvent[], notes: string[]) => {
			if (batch.length === 0 && notes.length === 0) return;
			const lines: string[] = [''];
			const newest = batch.at(-1);
			lines.push(`── ${newest ? clock(newest.time) : ''} ──`);
			lines.push(...notes);
			for (const event of batch) {
				if (!start) {
					if (event.type !== 'start') {
						// A log begins with its start event, written with the file: any other first event
						// means this file will never become a session to watch (waiting would hang).
						print('', sanitizeText(t.watchNotASession(options.path)));
						finish('invalid');
						return;
					}
					begin(event, lines);
					continue;
				}
				advance(event, lines);
				lines.push(describeEntry(entryFor(event), language, PLAIN));
			}
			if (!start) {
				print(...lines);
				return;
			}
			// With the flow, a replay failure already says where; without it, check the story alone.
			if (mode.kind === 'text' && !storySaid) {
				const story = checkStory(events);
				if (!story.ok) {
					storySaid = true;
					lines.push(sanitizeText(t.storyBroken(options.path, story.event, story.problem)));
				}
			}
			lines.push(`${t.watchPath}: ${pathText()}`);
			if (mode.kind === 'render')
				lines.push(
					...renderNode(mode.replay.current().state, {
						language: renderLanguage(mode.flow),
						asOf: options.asOf,
					}),
				);
			const last = events.at(-1);
			const {outcome} = sessionEnd(events);
			// An interrupted session that a --resume has claimed is going on again (session-claim.ts).
			const resumed =
				last?.type === 'interrupted' && claimHolder(options.path, isAlive) !== undefined;
			const interrupted = last?.type === 'interrupted' && !resumed;
			const over = interrupted || (outcome !== undefined && writerGone());
			if (interrupted)
				lines.push('', t.watchInterrupted(t.reason[last.reason], ui.step(last.step, last.node)));
			else if (outcome !== undefined && over) lines.push('', t.watchEnded(ui.outcome[outcome]));
			else if (last?.type === 'outcome')
				lines.push('', t.watchOutcomeReached(ui.outcome[last.outcome]));
			print(...lines);
			if (over) finish('ended');
		};

		/** The program that writes the session has ended (a log without process ids: as if it had). */
		const writerGone = (): boolean => {
			if (claimHolder(options.path, isAlive) !== undefined) return false;
			const pid = lastPid(events);
			if (pid === undefined) return true;
			return pid !== process.pid && !isAlive(pid);
		};

		const begin = (event: StartEvent, lines: string[]) => {
			start = event;
			events.push(event);
			const flowName = `${event.flow.id} ${event.flow.version}`;
			lines.splice(
				1,
				0,
				sanitizeText(t.watching(event.session, flowName, clock(event.time))),
				t.watchHint,
			);
			const loaded = loadSessionFlow(event, options.loadFlow);
			if (loaded.status === 'ok') {
				mode = {kind: 'render', flow: loaded.flow, replay: startReplay(event, loaded.flow)};
			} else {
				lines.push(
					t.watchTextMode(
						loaded.status === 'changed'
							? t.flowChanged
							: loaded.why
								? sanitizeText(loaded.why)
								: t.flowMissing,
					),
				);
			}
			textPath = [{node: event.node, acks: []}];
			lines.push(describeEntry(entryFor(event), language, PLAIN));
		};

		const advance = (event: SessionEvent, lines: string[]) => {
			events.push(event);
			followText(event);
			if (mode.kind !== 'render') return;
			try {
				mode.replay.apply(event, events.length);
			} catch (error) {
				lines.push(t.watchTextMode(sanitizeText((error as Error).message)));
				mode = {kind: 'text'};
			}
		};

		const followText = (event: SessionEvent) => {
			const origin: Place = {step: 1, node: start!.node};
			const last = textPath.at(-1)!;
			switch (event.type) {
				case 'answer':
					last.answer = event.answer;
					textPath.push({node: event.next, acks: []});
					break;
				case 'ack':
					if (event.undo) last.acks = last.acks.filter((item) => item !== event.item);
					else last.acks.push(event.item);
					break;
				case 'not-applicable':
					last.acks.push(event.item);
					break;
				case 'back':
				case 'restart': {
					const place = placeAfter(event, origin);
					textPath = textPath.slice(0, place.step - 1);
					textPath.push({node: place.node, acks: []});
					break;
				}
				default:
					break;
			}
		};

		const pathText = (): string => {
			const path =
				mode.kind === 'render'
					? mode.replay
							.current()
							.state.path.map((step) => ({node: step.node, answer: step.answer, acks: step.acks}))
					: textPath;
			return sanitizeText(
				path
					.map(
						(step) =>
							`${step.node}${step.acks.length > 0 ? ` [${step.acks.join(', ')}]` : ''}${step.answer !== undefined ? ` (${step.answer})` : ''}`,
					)
					.join(' → '),
			);
		};

		const renderLanguage = (flow: Flow): Language =>
			flow.languages.includes(language) ? language : flow.languages[0]!;

		const entryFor = (event: SessionEvent) =>
			reportEntry(event, mode.kind === 'render' ? mode.flow : undefined, language);

		const follower = followFile(options.path, {
			pollMs: options.pollMs,
			onText(text) {
				pending += text;
				const lines = pending.split('\n');
				// The last piece has no newline yet: the writer may be in the middle of it.
				pending = lines.pop()!;
				const batch: SessionEvent[] = [];
				const notes: string[] = [];
				// A line longer than any event (limits.ts) is not held on to: it is skipped to its end.
				if (skippingLine && lines.length > 0) {
					lines.shift();
					skippingLine = false;
					lineNumber += 1;
				}
				if (skippingLine) pending = '';
				else if (pending.length > MAX_LINE_BYTES) {
					pending = '';
					skippingLine = true;
					notes.push(sanitizeText(t.badLine(options.path, lineNumber + lines.length + 1)));
				}
				for (const line of lines) {
					lineNumber += 1;
					if (line.trim() === '') continue;
					let event: SessionEvent | undefined;
					try {
						event = parseEvent(JSON.parse(line));
					} catch {
						event = undefined;
					}
					if (event) batch.push(event);
					else if (!start && batch.length === 0) {
						// The writer's first line is its start event: a file that begins otherwise (a
						// binary file, another program's log) will never become a session.
						print('', sanitizeText(t.watchNotASession(options.path)));
						finish('invalid');
						return;
					} else notes.push(sanitizeText(t.badLine(options.path, lineNumber)));
				}
				saidGone = false;
				handle(batch, notes);
			},
			onTruncate() {
				pending = '';
			},
			onIdle() {
				const {outcome} = sessionEnd(events);
				if (start && outcome !== undefined && writerGone()) {
					// The person left the outcome screen: nothing more can happen in this session.
					print('', t.watchEnded(ui.outcome[outcome]));
					finish('ended');
					return;
				}
				const pid = lastPid(events);
				if (
					saidGone ||
					pid === undefined ||
					pid === process.pid ||
					isAlive(pid) ||
					claimHolder(options.path, isAlive) !== undefined
				)
					return;
				saidGone = true;
				print('', t.watchWriterGone);
			},
		});
		if (options.signal?.aborted) onAbort();
		else options.signal?.addEventListener('abort', onAbort, {once: true});
	});
}
