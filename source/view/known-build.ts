/**
 * What the app knows about the machine, in one sentence, with the fix the flow gives for it:
 * "Windows 11 24H2, build 26100.7623 → install KB5077744 or later (26100.7627+)". The outcome
 * screen and the text printed on quit name it, so nobody has to look the build up again; the
 * export's summary opens with the same sentence.
 */
import {effectiveFacts, type State} from '../engine/engine.js';
import type {Facts} from '../facts/fact-values.js';
import type {Language} from '../flow/schema.js';
import {type KnownFix, knownFix} from '../session/known-fix.js';
import {sessionStrings} from '../session/session-strings.js';
import {sanitizeText} from '../terminal/sanitize-text.js';

const single = (facts: Facts, name: keyof Facts) => {
	const value = facts[name]?.value;
	return typeof value === 'string' ? value : undefined;
};

/** The machine and what to do; undefined when neither the Windows nor the build is known. */
export function machineAndFix(
	facts: Facts,
	fix: KnownFix | undefined,
	language: Language,
): string | undefined {
	const t = sessionStrings(language);
	const named = [single(facts, 'os.product'), single(facts, 'os.version')]
		.filter(Boolean)
		.join(' ');
	const name = fix?.name ?? (named || undefined);
	const build = single(facts, 'os.build');
	if (!name && !build) return undefined;
	const todo = !fix
		? ''
		: ` → ${fix.installed === undefined ? t.summaryFixUnknownBuild(fix.kb, fix.build) : fix.installed ? t.summaryFixInstalled(fix.kb, fix.build) : t.summaryFixNeeded(fix.kb, fix.build)}`;
	return sanitizeText(`${t.summaryMachine(name, build)}${todo}`);
}

/** "For the record: Windows 11 24H2, build 26100.7623 → …" for the walk so far, if anything is known. */
export function knownBuildLine(state: State, language: Language): string | undefined {
	const facts = effectiveFacts(state);
	const known = machineAndFix(
		facts,
		knownFix(
			state.flow,
			facts,
			state.path.map((step) => step.node),
			language,
		),
		language,
	);
	return known === undefined ? undefined : sessionStrings(language).knownBuild(known);
}
