/**
 * Personal data in a session log, found before an export and replaced on request (--redact).
 * A log holds little by design (no user input besides answers), but paths name users
 * (C:\Users\alice, /home/alice), Cloud PC and host names appear in fact values and vias, and a
 * value typed in a correction can be anything. Replacement is consistent (the same value is the
 * same placeholder everywhere, in Markdown and JSON alike), so a ticket still reads sensibly.
 */
import {isIP} from 'node:net';
import {hostname, userInfo} from 'node:os';
import type {SessionEvent} from './events.js';

export type PersonalKind = 'user' | 'host' | 'ip' | 'email';

export type PersonalItem = {
	kind: PersonalKind;
	value: string;
	/** Same value, same placeholder: <user-1>, <host-2>, <ip-1>, <email-1>. */
	placeholder: string;
	/** Where it was found, e.g. "start.flow.file", "event 4 (fact).via". */
	where: string[];
};

export type PersonalDataOptions = {
	/** This machine's user and host names, found wherever they appear (default: from the OS). */
	localUser?: string;
	localHost?: string;
};

/** Keys whose values are the app's or the flow's own and never personal (a time is not an IP
 * address, and a node called "win-update" is not a computer). */
const SKIP_KEYS = new Set([
	'time',
	'type',
	'hash',
	'session',
	'version',
	'origin',
	'outcome',
	'reason',
	'language',
	'name',
	'node',
	'next',
	'answer',
	'item',
]);

const NOT_USERS = new Set([
	'public',
	'default',
	'default user',
	'all users',
	'shared',
	'guest',
	'administrator',
	'admin',
	'root',
]);
const NOT_HOSTS = new Set(['localhost', 'localhost.localdomain', 'example.com', 'example.org']);

type Finder = (text: string) => {kind: PersonalKind; value: string}[];

const matches = (pattern: RegExp, text: string, group = 0): string[] =>
	[...text.matchAll(pattern)].map((match) => match[group]!).filter(Boolean);

const FINDERS: Finder[] = [
	(text) => matches(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, text).map((value) => ({kind: 'email', value})),
	// User folders: C:\Users\alice, /home/alice, /Users/alice.
	(text) =>
		matches(/(?:^|[\\/])(?:Users|home)[\\/]([^\\/\s"'`:*?<>|]+)/gi, text, 1)
			.filter((name) => !NOT_USERS.has(name.toLowerCase()))
			.map((value) => ({kind: 'user', value})),
	// DOMAIN\user as Windows prints it (AzureAD\alice, CONTOSO\alice): an upper-case domain, so a
	// relative path like flows\example.yaml is not mistaken for one.
	(text) =>
		[
			...text.matchAll(
				/(?<![\w\\])(AzureAD|[A-Z][A-Z0-9-]{1,14})\\([A-Za-z][\w.-]{0,63})(?![\w\\])/g,
			),
		]
			.map((match) => match[2]!)
			.map((value) => ({kind: 'user', value})),
	// \\server\share
	(text) => matches(/\\\\([A-Za-z0-9][\w.-]*)\\/g, text, 1).map((value) => ({kind: 'host', value})),
	// Windows computer names (Windows 365 Cloud PCs are CPC-…) and fully qualified host names.
	(text) =>
		matches(/(?<![\w-])(?:CPC|DESKTOP|LAPTOP|WIN|PC)-[A-Za-z0-9-]{3,}(?![\w-])/gi, text).map(
			(value) => ({kind: 'host', value}),
		),
	(text) =>
		matches(
			/(?<![\w.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:local|lan|corp|internal|intra|ad|home)(?![\w.-])/gi,
			text,
		).map((value) => ({
			kind: 'host',
			value,
		})),
	// IP addresses: loose candidates, confirmed by the parser (so 26100.7623 is not one).
	(text) =>
		matches(
			/(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])|(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g,
			text,
		)
			.filter((value) => isIP(value) !== 0 && value !== '::')
			.map((value) => ({kind: 'ip', value})),
];

export function personalData(
	events: readonly SessionEvent[],
	options: PersonalDataOptions = {},
): PersonalItem[] {
	const localUser = options.localUser ?? safe(() => userInfo().username);
	const localHost = options.localHost ?? safe(() => hostname());
	const found = new Map<string, PersonalItem>();
	const counters: Record<PersonalKind, number> = {user: 0, host: 0, ip: 0, email: 0};
	const add = (kind: PersonalKind, value: string, where: string) => {
		const key = value.toLowerCase();
		if (kind === 'host' && NOT_HOSTS.has(key)) return;
		const existing = found.get(key);
		if (existing) {
			if (!existing.where.includes(where)) existing.where.push(where);
			return;
		}
		found.set(key, {kind, value, placeholder: `<${kind}-${++counters[kind]}>`, where: [where]});
	};
	const locals: {kind: PersonalKind; value: string | undefined}[] = [
		{kind: 'user', value: localUser},
		{kind: 'host', value: localHost},
	];
	events.forEach((event, index) => {
		const label = index === 0 ? 'start' : `event ${index + 1} (${event.type})`;
		visitStrings(event, label, (text, where) => {
			for (const find of FINDERS) for (const {kind, value} of find(text)) add(kind, value, where);
			for (const {kind, value} of locals) {
				// Short or generic names (root, pc) would match ordinary words.
				if (
					!value ||
					value.length < 3 ||
					NOT_USERS.has(value.toLowerCase()) ||
					NOT_HOSTS.has(value.toLowerCase())
				)
					continue;
				if (wordPattern(value).test(text)) add(kind, value, where);
			}
		});
	});
	return [...found.values()];
}

/** The events with every personal value replaced by its placeholder (times and ids untouched). */
export function redactEvents(
	events: readonly SessionEvent[],
	items: readonly PersonalItem[],
): SessionEvent[] {
	return events.map((event) => redactValue(event, items) as SessionEvent);
}

export function redactText(text: string, items: readonly PersonalItem[]): string {
	// Longest first, so alice@contoso.com becomes <email-1>, not <user-1>@contoso.com.
	let result = text;
	for (const item of [...items].sort((a, b) => b.value.length - a.value.length)) {
		result = result.replace(wordPattern(item.value, 'g'), item.placeholder);
	}
	return result;
}

export function redactValue(value: unknown, items: readonly PersonalItem[], key?: string): unknown {
	if (typeof value === 'string')
		return key !== undefined && SKIP_KEYS.has(key) ? value : redactText(value, items);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, items));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([name, entry]) => [name, redactValue(entry, items, name)]),
		);
	}
	return value;
}

function visitStrings(
	value: unknown,
	where: string,
	visit: (text: string, where: string) => void,
	key?: string,
): void {
	if (typeof value === 'string') {
		if (key === undefined || !SKIP_KEYS.has(key)) visit(value, where);
	} else if (Array.isArray(value)) {
		value.forEach((entry) => visitStrings(entry, where, visit));
	} else if (value && typeof value === 'object') {
		for (const [name, entry] of Object.entries(value))
			visitStrings(entry, `${where}.${name}`, visit, name);
	}
}

/** The value as a whole word: not part of a longer name (case-insensitive, like Windows names). */
function wordPattern(value: string, flags = ''): RegExp {
	const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(
		`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`,
		`iu${flags}`,
	);
}

function safe(read: () => string): string | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}
