/**
 * The lines a detection reports its problems with, apart from the probes that run
 * (detect-facts.ts): the screen that explains them (view/detection-notice.ts) loads no probe.
 */
export const CANCELLED = 'detection was cancelled';
export const SYSTEM_INFORMATION_CONSEQUENCE =
	'the Windows caption and the remote-session signal were not read';
export const BUILD_NOT_READ = 'the build was not read';
/** What a detection that never finished (or failed to start) did not read. */
export const NOT_READ = 'the Windows version, build and updates were not read';
