import {formatFinding} from '../flow/findings.js';
import {loadFlowFile} from '../flow/load-flow.js';
import {sanitizeText} from '../terminal/sanitize-text.js';
import {UsageError} from './usage.js';

/** `validate FILE...`: every finding of every file, then a one-line summary. */
export function validateCommand(files: string[], write: (text: string) => void): number {
	if (files.length === 0)
		throw new UsageError(
			'validate needs at least one flow file, e.g. w365-triage validate flows/my-flow.yaml',
		);
	let errors = 0;
	for (const file of files) {
		const {findings} = loadFlowFile(file);
		errors += findings.length;
		for (const finding of findings) write(`${sanitizeText(formatFinding(finding))}\n`);
		if (findings.length === 0) write(`${sanitizeText(file)}: ok\n`);
	}
	const summary =
		errors === 0
			? `${files.length} file(s) checked, no problems`
			: `${files.length} file(s) checked, ${errors} problem(s)`;
	write(`${summary}\n`);
	return errors === 0 ? 0 : 1;
}
