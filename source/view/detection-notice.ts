import type {Detection} from '../detect/detect-facts.js';
import {
	BUILD_NOT_READ,
	CANCELLED,
	NOT_READ,
	SYSTEM_INFORMATION_CONSEQUENCE,
} from '../detect/detection-words.js';
import type {Facts} from '../facts/fact-values.js';
import {hotfixProbe, registryProbe} from '../detect/windows-probes.js';
import type {FactName, Language} from '../flow/schema.js';
import {FACT_NAMES} from '../facts/fact-names.js';
import {type DetectionProblem, strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

/** What each way a probe can come back empty-handed leaves unread (the English line ends in it). */
const MISSED: ReadonlyArray<[consequence: string, facts: FactName[]]> = [
	[registryProbe({}).consequence, ['os.product', 'os.build']],
	[hotfixProbe({}).consequence, ['hotfixes']],
	[SYSTEM_INFORMATION_CONSEQUENCE, ['os.product', 'os.remoteSession']],
	[NOT_READ, ['os.version', 'os.build', 'hotfixes']],
	[BUILD_NOT_READ, ['os.build']],
];

const TOOLS = [
	registryProbe({}).name,
	hotfixProbe({}).name,
	registryProbe({}).program,
	hotfixProbe({}).program,
	'systeminformation',
];

/**
 * A detection problem, read for the languages that do not show its English line: the tool that
 * failed and the facts left unread (the line keeps the detail, for English and for support).
 */
export function describeProblem(problem: string): DetectionProblem {
	const text = sanitizeText(problem);
	const tool = TOOLS.find(
		(name) => problem.startsWith(`${name} `) || problem.startsWith(`${name}:`),
	);
	const notSet = / (\S+) was not set$/.exec(problem)?.[1];
	const missed =
		notSet && (FACT_NAMES as readonly string[]).includes(notSet)
			? [notSet as FactName]
			: MISSED.find(([consequence]) => problem.endsWith(`: ${consequence}`))?.[1];
	return {text, tool, missed, cancelled: problem === CANCELLED};
}

/** What to tell the user once detection is done: where the app runs (so they answer for the
 * right machine) and each probe that did not deliver, one line each. */
export function detectionNotice(detection: Detection, facts: Facts, language: Language): string[] {
	const t = strings(language);
	const role = facts['app.role'];
	const lines: string[] = [];
	if (role?.origin === 'detected' && (role.value === 'admin-box' || role.value === 'session-host'))
		lines.push(t.role[role.value]);
	for (const problem of detection.problems)
		lines.push(t.detectionProblem(describeProblem(problem)));
	return lines;
}
