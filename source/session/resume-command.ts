/**
 * The exact command that continues a session, printed when a walk stops unfinished, so it can be
 * copied as it is: the session id, and the log directory when it is not the default one (given
 * with --log-dir, or a log moved elsewhere because the default could not be written).
 */
export function resumeCommand(session: string, logDir?: string): string {
	return [
		'w365-triage',
		'--resume',
		session,
		...(logDir === undefined ? [] : ['--log-dir', logDir]),
	]
		.map(shellWord)
		.join(' ');
}

/** Single-quoted when it holds anything but plain characters (POSIX shells and PowerShell both
 * take '…' literally; a quote inside is written the POSIX way). */
function shellWord(word: string): string {
	return /^[\w@%+=:,./\\-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
