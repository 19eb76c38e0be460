/**
 * Keys for the App, decoded by key-decoder.ts from the events Ink splits each read into.
 *
 * Ink's useInput would read a run such as "j\r" as one unknown key; this listens to the same
 * events on Ink's input event emitter (what useInput and usePaste themselves listen to) and hands
 * the handler every key of the event, in order. The handler is read through a ref, so keys never
 * reach a stale one from an earlier render. `decoder`: the one that decoded the keys typed before Ink had
 * loaded (early-keys.ts), so that a CR LF split across the hand-over stays one Enter.
 */
import type {EventEmitter} from 'node:events';
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {createKeyDecoder, type InputEvent, type KeyDecoder} from './key-decoder.js';
import type {Key} from './screen-state.js';

/** useStdin's value at run time: Ink 8 no longer types the emitter its own hooks listen to. */
type StdinContext = ReturnType<typeof useStdin> & {internal_eventEmitter: EventEmitter};

export function useKeys(handler: (keys: Key[]) => void, decoder?: KeyDecoder): void {
	const {internal_eventEmitter: events, setRawMode} = useStdin() as StdinContext;
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => {
		setRawMode(true);
		return () => setRawMode(false);
	}, [setRawMode]);
	useEffect(() => {
		const keyDecoder = decoder ?? createKeyDecoder();
		const onInput = (event: InputEvent) => {
			const keys = keyDecoder.push(event);
			if (keys.length > 0) latest.current(keys);
		};
		// A bracketed paste goes to 'paste' listeners whole; with none, Ink would hand its text to
		// 'input' as if typed (a pasted "q" would quit). Listening does not turn paste mode on.
		const onPaste = (text: string) => onInput({paste: text});
		events.on('input', onInput);
		events.on('paste', onPaste);
		return () => {
			events.removeListener('input', onInput);
			events.removeListener('paste', onPaste);
		};
	}, [events, decoder]);
}
