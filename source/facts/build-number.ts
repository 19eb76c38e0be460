/**
 * Windows builds ("26100.7627": CurrentBuild.UBR) compared numerically, part by part. The one
 * place builds are compared: 26100.7627 < 26100.32230 (Server 2025), and 26100.999 < 26100.7627.
 */
export type BuildNumber = readonly number[];

const BUILD = /^\d{1,9}(\.\d{1,9}){0,3}$/;

export function parseBuild(text: string): BuildNumber | undefined {
	const trimmed = text.trim();
	return BUILD.test(trimmed) ? trimmed.split('.').map(Number) : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b; missing parts count as 0. */
export function compareBuilds(a: BuildNumber, b: BuildNumber): number {
	for (let index = 0; index < Math.max(a.length, b.length); index++) {
		const difference = (a[index] ?? 0) - (b[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}
