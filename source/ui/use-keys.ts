/**
 * Keys for the App, decoded by key-decoder.ts from the pieces Ink splits each read into.
 *
 * Ink's useInput would read a run such as "j\r" as one unknown key; this listens to the same
 * pieces on Ink's input event emitter (what useInput itself listens to) and hands the handler
 * every key of the piece, in order. The handler is read through a ref, so keys never reach a
 * stale one from an earlier render.
 */
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {createKeyDecoder} from './key-decoder.js';
import type {Key} from './screen-state.js';

export function useKeys(handler: (keys: Key[]) => void): void {
	const {internal_eventEmitter: events, setRawMode} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => {
		setRawMode(true);
		return () => setRawMode(false);
	}, [setRawMode]);
	useEffect(() => {
		const decoder = createKeyDecoder();
		const onInput = (piece: string) => {
			const keys = decoder.push(piece);
			if (keys.length > 0) latest.current(keys);
		};
		events.on('input', onInput);
		return () => {
			events.removeListener('input', onInput);
		};
	}, [events]);
}
