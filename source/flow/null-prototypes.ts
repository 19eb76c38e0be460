import type {Flow} from './schema.js';

/** Node and source maps keyed by user-chosen ids must not inherit from Object.prototype
 * (a node called "constructor" or a `next: toString` must not resolve to a built-in). Applied to
 * every loaded flow, and to the shipped one, which the build embeds as JSON. */
export function withNullPrototypes(flow: Flow): Flow {
	return {
		...flow,
		nodes: Object.assign(Object.create(null), flow.nodes),
		sources: flow.sources ? Object.assign(Object.create(null), flow.sources) : undefined,
	};
}
