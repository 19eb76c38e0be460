/**
 * Turns what Windows calls itself into the os.product values the flow routes on: "Windows 11",
 * "Windows 10", "Windows Server 2025", … The registry's ProductName still says "Windows 10" on
 * Windows 11 (Microsoft never changed it), so for those the build decides: CurrentBuild 22000 and
 * later is Windows 11. The edition (Pro, Enterprise, Datacenter) does not change the fix, so it is
 * dropped.
 */
import {compareBuilds, parseBuild} from './build-number.js';

const FIRST_WINDOWS_11_BUILD = parseBuild('22000')!;

/**
 * @param name ProductName from the registry ("Windows 10 Pro") or the caption systeminformation
 *   reads from WMI ("Microsoft Windows 11 Pro")
 * @param currentBuild CurrentBuild, e.g. "26100", when known
 * @returns the product, or undefined when the name is not one the flow knows how to treat
 */
export function normalizeProduct(name: string, currentBuild?: string): string | undefined {
	const text = name
		.trim()
		.replace(/^Microsoft\s+/i, '')
		.replace(/\s+/g, ' ');
	const server = /^Windows Server (\d{4})( R2)?\b/i.exec(text);
	if (server) return `Windows Server ${server[1]}${server[2] ? ' R2' : ''}`;
	const client = /^Windows (10|11)\b/i.exec(text);
	if (!client) return undefined;
	const build = currentBuild === undefined ? undefined : parseBuild(currentBuild);
	if (!build) return `Windows ${client[1]}`;
	return compareBuilds(build, FIRST_WINDOWS_11_BUILD) >= 0 ? 'Windows 11' : 'Windows 10';
}
