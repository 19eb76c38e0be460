/**
 * Reads the KB ids out of Get-HotFix output. The probe asks for one HotFixID per line, but the
 * ids are picked out wherever they stand, so the default table, `Format-List` and CSV forms read
 * the same (and a PowerShell banner or warning line is simply skipped).
 */
const KB_ID = /\bKB\d{6,8}\b/gi;

/** Installed KB ids, upper-case, each once, in the order listed. */
export function parseHotfixes(stdout: string): string[] {
	const ids = new Set<string>();
	for (const match of stdout.matchAll(KB_ID)) ids.add(match[0].toUpperCase());
	return [...ids];
}
