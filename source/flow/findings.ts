/**
 * Validator findings. Every finding has a stable code; docs/validation-codes.md explains each
 * one (what it means, an example, the fix). Codes are never renumbered or reused.
 */
export const CODES = {
	W365E001: 'YAML syntax error',
	W365E002: 'duplicate key',
	W365E003: 'file is not UTF-8 text',
	W365E004: 'file too large',
	W365E005: 'too many YAML aliases',
	W365E006: 'file cannot be read',
	W365E007: 'nesting too deep',
	W365E010: 'unknown key',
	W365E011: 'wrong type or missing value',
	W365E012: 'duplicate id',
	W365E020: 'reference to a node that does not exist',
	W365E021: 'node unreachable from start',
	W365E022: 'node cannot reach an end',
	W365E023: 'cycle made only of detect nodes',
	W365E024: 'missing or undeclared language',
	W365E025: 'unknown source id',
	W365E026: 'step needs exactly one of next or choices',
	W365E027: 'destructive node reachable without passing a gate',
	W365E028: 'no recovery end reachable from a destructive node',
	W365E029: 'languages disagree on a KB, build, URL or command',
	W365E030: 'node kind not allowed here',
	W365E031: 'build table rows overlap',
	W365E032: 'fixed build not above the broken build',
	W365E033: 'build outside its row',
	W365E034: 'offered product has no build table row',
	W365E035: 'unknown or misplaced placeholder',
	W365E036: 'row values shown before the row is known',
	W365E037: 'build table routes incomplete',
	W365E038: 'impossible date',
	W365E039: 'source url is not https',
	W365E040: 'empty text',
	W365E041: 'control character in text',
	W365E042: 'language listed twice',
	W365E043: 'condition that matches always or never',
} as const;

export type Code = keyof typeof CODES;

export type Position = {line: number; column: number};

export type Finding = {
	code: Code;
	message: string;
	file: string;
	/** 1-based; absent only when the file itself could not be read. */
	position?: Position;
};

export function formatFinding(finding: Finding): string {
	const where = finding.position
		? `${finding.file}:${finding.position.line}:${finding.position.column}`
		: finding.file;
	return `${where}: ${finding.code} ${finding.message}`;
}

/** Findings in the order of the text: by line, then column (a finding without a position first). */
export function byPosition(a: Finding, b: Finding): number {
	return (
		(a.position?.line ?? 0) - (b.position?.line ?? 0) ||
		(a.position?.column ?? 0) - (b.position?.column ?? 0)
	);
}
