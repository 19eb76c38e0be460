/**
 * The shipped flow, already checked: scripts/build.ts validates flows/w365-avd-2026-01.yaml with
 * the real loader (any finding fails the build) and puts the result in place of this module, so
 * a plain run parses no YAML at start-up. Its text is not embedded (the package ships the file):
 * a session is pinned to a flow by the hash of its text, worked out by the build. Run from source
 * (the tests), there is nothing embedded and the file is loaded as any other flow.
 */
import type {Flow} from './schema.js';

export type EmbeddedFlow = {
	flow: Flow;
	/** The hash of the file's text (session/flow-hash.ts), which pins a session to the flow. */
	sha256: string;
	/** The file's size in bytes. */
	bytes: number;
};

export function embeddedFlow(): EmbeddedFlow | undefined {
	return undefined;
}
