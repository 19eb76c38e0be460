/**
 * Size limits a writer and every reader agree on (one module, so they cannot drift apart): the
 * writer stops logging before a log grows past what a reader accepts, and a follower never holds
 * more than one line's worth of text waiting for its newline.
 */

/** A session log is a few KB; this only stops someone from pointing a reader at a disk image. */
export const MAX_SESSION_BYTES = 32 * 1024 * 1024;

/** The longest event line (a start event with every fact is under 8 KB). */
export const MAX_LINE_BYTES = 1024 * 1024;
