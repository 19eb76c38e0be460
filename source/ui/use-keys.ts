/**
 * Keys for the App, decoded by key-decoder.ts from the pieces Ink splits each read into.
 *
 * Ink's useInput would read a run such as "j\r" as one unknown key; this listens to the same
 * pieces on Ink's input event emitter (what useInput itself listens to) and hands the handler
 * every key of the piece, in order. The handler is read through a ref, so keys never reach a
 * stale one from an earlier render. `decoder`: the one that decoded the keys typed before Ink had
 * loaded (early-keys.ts), so that a paste or a CR LF split across the hand-over stays whole.
 */
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {createKeyDecoder, type KeyDecoder} from './key-decoder.js';
import type {Key} from './screen-state.js';

export function useKeys(handler: (keys: Key[]) => void, decoder?: KeyDecoder): void {
	const {internal_eventEmitter: events, setRawMode} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => {
		setRawMode(true);
		return () => setRawMode(false);
	}, [setRawMode]);
	useEffect(() => {
		const keyDecoder = decoder ?? createKeyDecoder();
		const onInput = (piece: string) => {
			const keys = keyDecoder.push(piece);
			if (keys.length > 0) latest.current(keys);
		};
		events.on('input', onInput);
		return () => {
			events.removeListener('input', onInput);
		};
	}, [events, decoder]);
}
