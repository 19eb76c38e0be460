/**
 * systeminformation, loaded only when detection runs on Windows: the package is slow to load and
 * nothing on the first frame needs it. Only the few osInfo fields detection reads are typed here,
 * so a test can stand in for it with a recorded object.
 */
export type OsInfo = {
	platform?: string;
	/** WMI's caption, e.g. "Microsoft Windows 11 Pro" (unlike the registry, it says 11). */
	distro?: string;
	/** The kernel version, e.g. "10.0.26100". */
	release?: string;
	/** CurrentBuild without the revision, e.g. "26100". */
	build?: string;
	/** DisplayVersion on Windows, e.g. "24H2". */
	codename?: string;
	remoteSession?: boolean;
};

export type SystemInformation = {osInfo(): Promise<OsInfo>};

export async function loadSystemInformation(): Promise<SystemInformation> {
	// A CommonJS package: its functions are on the default export (named ones are a bonus).
	const loaded = (await import('systeminformation')) as unknown as Partial<SystemInformation> & {
		default?: SystemInformation;
	};
	const osInfo = loaded.default?.osInfo ?? loaded.osInfo;
	if (typeof osInfo !== 'function') throw new Error('systeminformation has no osInfo()');
	return {osInfo: () => osInfo()};
}
