/**
 * Whether the app runs inside a remote session (a Cloud PC or an AVD session host) rather than on
 * the PC the user connects from. Two signals:
 * - systeminformation's `remoteSession`: Windows' SystemInformation.TerminalServerSession
 *   (GetSystemMetrics SM_REMOTESESSION), true in any Remote Desktop session. Its `false` is weak:
 *   systeminformation also reports false when its own PowerShell query failed.
 * - the SESSIONNAME environment variable Windows sets at sign-in: "Console" at the machine's own
 *   screen, a name starting with "RDP-" (e.g. "RDP-Tcp#3") in a Remote Desktop session; compared
 *   case-insensitively. Any other name (another remoting stack), or none at all (over SSH, in a
 *   service), counts as no signal. It is fixed at sign-in, so a console session taken over
 *   remotely later still says "Console".
 * Hence: either signal saying "remote" wins, then SESSIONNAME's "Console", then the weak false.
 */
export type RemoteSession = {value: boolean; via: string};

export function remoteSessionFrom(
	systemInformation: boolean | undefined,
	sessionName: string | undefined,
): RemoteSession | undefined {
	const name = sessionName?.trim() ?? '';
	if (systemInformation === true) return {value: true, via: 'systeminformation'};
	if (/^rdp-/i.test(name)) return {value: true, via: 'SESSIONNAME'};
	if (/^console$/i.test(name)) return {value: false, via: 'SESSIONNAME'};
	if (systemInformation === false) return {value: false, via: 'systeminformation'};
	return undefined;
}
