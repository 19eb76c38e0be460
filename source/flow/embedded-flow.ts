/**
 * The shipped flow, already checked: scripts/build.ts validates flows/w365-avd-2026-01.yaml with
 * the real loader (any finding fails the build) and puts the result in place of this module, so
 * a plain run parses no YAML at start-up. Run from source (the tests), there is nothing embedded
 * and the file is loaded as any other flow.
 */
import type {Flow} from './schema.js';

export type EmbeddedFlow = {
	flow: Flow;
	/** The file's text: the session log pins a flow by the hash of its text. */
	source: string;
	/** That hash (session/flow-hash.ts), worked out by the build. */
	sha256: string;
};

export function embeddedFlow(): EmbeddedFlow | undefined {
	return undefined;
}
