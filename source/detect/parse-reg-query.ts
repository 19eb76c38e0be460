/**
 * Reads `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"` output. Each value is a
 * line "    Name    REG_TYPE    data" (four spaces between the columns; REG_DWORD data in hex,
 * e.g. "UBR    REG_DWORD    0x1dc7"). The key also holds the owner's name and product ids:
 * only the values named in WANTED are kept, so the rest never reaches a log or an export.
 */
const WANTED = [
	'CurrentBuild',
	'CurrentBuildNumber',
	'UBR',
	'DisplayVersion',
	'ProductName',
	'InstallationType',
] as const;

export type CurrentVersion = Partial<Record<(typeof WANTED)[number], string>>;

// The name is matched lazily so a value whose data holds four spaces still splits at the type.
const VALUE_LINE = /^ {4}(\S.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

export function parseRegQuery(stdout: string): CurrentVersion {
	const values: CurrentVersion = {};
	for (const line of stdout.split(/\r?\n/)) {
		const match = VALUE_LINE.exec(line);
		if (!match) continue;
		const [, name = '', type, data = ''] = match;
		const wanted = WANTED.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
		if (!wanted) continue;
		if (type === 'REG_DWORD') {
			// reg prints DWORDs as 0x-prefixed hex: "0x1dc7" is 7623.
			if (!/^0x[0-9a-f]{1,8}$/i.test(data.trim())) continue;
			values[wanted] = String(Number.parseInt(data.trim().slice(2), 16));
		} else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') {
			values[wanted] = data.trim();
		}
	}
	return values;
}
