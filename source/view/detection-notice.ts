import type {Detection} from '../facts/detect-facts.js';
import type {Facts} from '../facts/fact-values.js';
import type {Language} from '../flow/schema.js';
import {strings} from '../i18n/strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

/** What to tell the user once detection is done: where the app runs (so they answer for the
 * right machine) and each probe that did not deliver, one line each. */
export function detectionNotice(detection: Detection, facts: Facts, language: Language): string[] {
	const t = strings(language);
	const role = facts['app.role'];
	const lines: string[] = [];
	if (role?.origin === 'detected' && (role.value === 'admin-box' || role.value === 'session-host')) lines.push(t.role[role.value]);
	for (const problem of detection.problems) lines.push(t.detectionProblem(sanitizeText(problem)));
	return lines;
}
