/**
 * What each fact's value looks like, checked wherever a value comes from outside (flags, a facts
 * file, a correction typed on screen), so a typo is an error that names the expected form.
 */
import {FACT_NAMES, type FactName} from './fact-names.js';
import {parseBuild} from './build-number.js';

export type FactValue = string | string[];

export type FactOrigin = 'detected' | 'flag' | 'file' | 'answered' | 'corrected';

export type Fact = {
	value: FactValue;
	origin: FactOrigin /** e.g. the probe or file name */;
	via?: string;
};

export type Facts = Partial<Record<FactName, Fact>>;

type Rule = {form: string; parse: (text: string) => FactValue | undefined};

const oneOf = (...values: string[]): Rule => ({
	form: values.join(' | '),
	parse: (text) => values.find((value) => value.toLowerCase() === text.trim().toLowerCase()),
});

const RULES: Record<FactName, Rule> = {
	'os.family': oneOf('windows', 'linux', 'darwin'),
	'os.product': {
		form: 'a product name, e.g. "Windows 11", "Windows 10", "Windows Server 2025"',
		parse: (text) => (/^[\p{L}\p{N} ._()-]{1,60}$/u.test(text.trim()) ? text.trim() : undefined),
	},
	'os.version': {
		form: 'a version like 24H2, 25H2, 23H2 or 22H2',
		parse: (text) => (/^\d{2}H[12]$/i.test(text.trim()) ? text.trim().toUpperCase() : undefined),
	},
	'os.build': {
		form: 'CurrentBuild.UBR, e.g. 26100.7623 (winver shows it as "OS Build 26100.7623")',
		parse: (text) => {
			const trimmed = text.trim();
			return /^\d{4,6}\.\d{1,6}$/.test(trimmed) && parseBuild(trimmed) ? trimmed : undefined;
		},
	},
	'os.remoteSession': oneOf('true', 'false'),
	hotfixes: {
		form: 'comma-separated KB ids, e.g. KB5077744,KB5074109',
		parse: (text) => {
			const ids = text
				.split(',')
				.map((id) => id.trim().toUpperCase())
				.filter(Boolean);
			return ids.length > 0 && ids.every((id) => /^KB\d{6,8}$/.test(id)) ? ids : undefined;
		},
	},
	'app.role': oneOf('client', 'session-host', 'admin-box'),
};

export function isFactName(name: string): name is FactName {
	return (FACT_NAMES as readonly string[]).includes(name);
}

/** Why a value was refused, for saying it in the user's language (`message` is the English). */
export type FactRefusal =
	| {kind: 'not-assignment'; assignment: string; message: string}
	| {
			kind: 'unknown';
			name: string /** the likely meant fact, if any */;
			near?: string;
			message: string;
	  }
	| {kind: 'invalid'; name: FactName; text: string; message: string};

export type FactParse = {ok: true; name: FactName; value: FactValue} | ({ok: false} & FactRefusal);

/** Parses one NAME=VALUE pair as given to --fact. */
export function parseFactAssignment(assignment: string): FactParse {
	const equals = assignment.indexOf('=');
	if (equals <= 0) {
		return {
			ok: false,
			kind: 'not-assignment',
			assignment,
			message: `--fact "${assignment}" is not NAME=VALUE, e.g. --fact os.build=26100.7623`,
		};
	}
	return parseFact(assignment.slice(0, equals).trim(), assignment.slice(equals + 1));
}

export function parseFact(name: string, text: string): FactParse {
	if (!isFactName(name)) {
		return {
			ok: false,
			kind: 'unknown',
			name,
			message: `unknown fact "${name}": the facts are ${FACT_NAMES.join(', ')}`,
		};
	}
	const value = RULES[name].parse(text);
	if (value === undefined) {
		return {
			ok: false,
			kind: 'invalid',
			name,
			text,
			message: `${name} "${text}" is not valid: expected ${RULES[name].form}`,
		};
	}
	return {ok: true, name, value};
}

export function factForm(name: FactName): string {
	return RULES[name].form;
}

export function formatFactValue(value: FactValue): string {
	return Array.isArray(value) ? value.join(', ') : value;
}
