/** A flow that cannot be used (it has findings): the message lists them; exit code 1. */
export class FlowError extends Error {}
