/** Errors about a session log or its flow. Commands print the message (it says what to do) and exit 1. */
export class SessionError extends Error {
	override name = 'SessionError';
}

/** The flow file's content differs from the one the session was recorded with. */
export class FlowMismatchError extends SessionError {
	override name = 'FlowMismatchError';
	constructor(
		message: string,
		readonly recorded: string,
		readonly actual: string,
	) {
		super(message);
	}
}

/** The log cannot be replayed through the engine (an answer the flow does not accept, …). */
export class SessionReplayError extends SessionError {
	override name = 'SessionReplayError';
}

/** Another live process is still writing the session. */
export class SessionInUseError extends SessionError {
	override name = 'SessionInUseError';
}
