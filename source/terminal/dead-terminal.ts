/**
 * Leaving cleanly after the terminal hung up (a dropped SSH link, a closed window).
 *
 * At exit, Node restores the terminal settings it found at start with tcsetattr, and Node 20
 * aborts with a native assertion and a core-dump signal when that fails, which it always does on a
 * hung-up terminal (EIO): nodejs/node#51519, fixed in later releases by nodejs/node#58200. After a
 * hangup there is nothing to restore, and Node skips a descriptor that no longer refers to the
 * file it found at start, so each one whose terminal is gone is pointed at /dev/null first.
 */
import {closeSync, openSync} from 'node:fs';
import {isatty} from 'node:tty';

const STDIO = [0, 1, 2] as const;

/** Which descriptors were terminals when the program started. */
const startedAsTerminal = STDIO.map((fd) => isatty(fd));

export function releaseDeadTerminal(): void {
	if (process.platform === 'win32') return;
	for (const fd of STDIO) {
		// A hung-up terminal refuses every terminal request, so isatty() turns false.
		if (!startedAsTerminal[fd] || isatty(fd)) continue;
		try {
			closeSync(fd);
			// open() takes the lowest free descriptor: the one just closed.
			const reopened = openSync('/dev/null', fd === 0 ? 'r' : 'w');
			// Should anything else have taken it, a closed descriptor is skipped by Node as well.
			if (reopened !== fd) closeSync(reopened);
		} catch {
			// Nothing more can be done for a terminal that is gone.
		}
	}
}
