/**
 * A strict JSON (RFC 8259) reader that keeps where each value and key stands, so a facts file's
 * errors can name file:line:column. JSON.parse cannot: Node 20's messages often carry no position
 * at all ("Unexpected token '}', "{"a":}" is not valid JSON") and never the position of a value
 * that parses but means nothing to us.
 */
export type JsonNode =
	| {kind: 'string'; value: string; offset: number}
	| {kind: 'number'; text: string; offset: number}
	| {kind: 'boolean'; value: boolean; offset: number}
	| {kind: 'null'; offset: number}
	| {kind: 'array'; items: JsonNode[]; offset: number}
	| {kind: 'object'; entries: JsonEntry[]; offset: number};

export type JsonEntry = {key: string; keyOffset: number; value: JsonNode};

export type JsonParse = {ok: true; node: JsonNode} | {ok: false; message: string; offset: number};

/** Deeper nesting than this is not a facts file, and recursion must not overflow the stack. */
const MAX_DEPTH = 64;

class Stop {
	constructor(
		readonly message: string,
		readonly offset: number,
	) {}
}

export function parseJsonWithPositions(text: string): JsonParse {
	let at = 0;

	const describe = (offset: number) => {
		if (offset >= text.length) return 'the end of the file';
		const character = String.fromCodePoint(text.codePointAt(offset)!);
		return /[\x21-\x7e]/.test(character)
			? `"${character}"`
			: `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	};
	const fail = (expected: string, offset = at): never => {
		throw new Stop(`expected ${expected}, found ${describe(offset)}`, offset);
	};
	const skipSpace = () => {
		while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
	};

	const readString = (): string => {
		const start = at;
		at++; // the opening quote
		let value = '';
		for (;;) {
			if (at >= text.length) throw new Stop('a string is not closed (a " is missing)', start);
			const character = text[at]!;
			if (character === '"') {
				at++;
				return value;
			}
			if (character < ' ')
				throw new Stop('a string cannot hold a line break or control character (write \\n)', at);
			if (character !== '\\') {
				value += character;
				at++;
				continue;
			}
			const escaped = text[at + 1];
			const simple: Record<string, string> = {
				'"': '"',
				'\\': '\\',
				'/': '/',
				b: '\b',
				f: '\f',
				n: '\n',
				r: '\r',
				t: '\t',
			};
			if (escaped !== undefined && escaped in simple) {
				value += simple[escaped];
				at += 2;
			} else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
				value += String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16));
				at += 6;
			} else {
				throw new Stop('an unknown escape in a string (a backslash is written \\\\)', at);
			}
		}
	};

	const readValue = (depth: number): JsonNode => {
		skipSpace();
		const offset = at;
		const character = text[at];
		if (depth > MAX_DEPTH) throw new Stop(`values are nested more than ${MAX_DEPTH} deep`, offset);
		if (character === '"') return {kind: 'string', value: readString(), offset};
		if (character === '{') return readObject(depth);
		if (character === '[') return readArray(depth);
		const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
		number.lastIndex = at;
		const match = number.exec(text);
		if (match) {
			at += match[0].length;
			return {kind: 'number', text: match[0], offset};
		}
		for (const [word, node] of [
			['true', {kind: 'boolean', value: true, offset}],
			['false', {kind: 'boolean', value: false, offset}],
			['null', {kind: 'null', offset}],
		] as const) {
			if (text.startsWith(word, at)) {
				at += word.length;
				return node;
			}
		}
		return fail('a value (a "string", a number, true, false, null, [ or {)');
	};

	const readArray = (depth: number): JsonNode => {
		const offset = at;
		at++;
		const items: JsonNode[] = [];
		skipSpace();
		if (text[at] === ']') {
			at++;
			return {kind: 'array', items, offset};
		}
		for (;;) {
			items.push(readValue(depth + 1));
			skipSpace();
			if (text[at] === ',') {
				at++;
				skipSpace();
				if (text[at] === ']') fail('a value after "," (JSON allows no trailing comma)');
				continue;
			}
			if (text[at] === ']') {
				at++;
				return {kind: 'array', items, offset};
			}
			fail('"," or "]"');
		}
	};

	const readObject = (depth: number): JsonNode => {
		const offset = at;
		at++;
		const entries: JsonEntry[] = [];
		skipSpace();
		if (text[at] === '}') {
			at++;
			return {kind: 'object', entries, offset};
		}
		for (;;) {
			skipSpace();
			if (text[at] !== '"') {
				fail(
					entries.length > 0 && text[at] === '}'
						? 'a name after "," (JSON allows no trailing comma)'
						: 'a name in double quotes',
				);
			}
			const keyOffset = at;
			const key = readString();
			skipSpace();
			if (text[at] !== ':') fail('":" after the name');
			at++;
			entries.push({key, keyOffset, value: readValue(depth + 1)});
			skipSpace();
			if (text[at] === ',') {
				at++;
				continue;
			}
			if (text[at] === '}') {
				at++;
				return {kind: 'object', entries, offset};
			}
			fail('"," or "}"');
		}
	};

	try {
		skipSpace();
		if (at >= text.length) return {ok: false, message: 'the file is empty', offset: 0};
		const node = readValue(0);
		skipSpace();
		if (at < text.length) fail('nothing after the end of the JSON value');
		return {ok: true, node};
	} catch (error) {
		if (error instanceof Stop) return {ok: false, message: error.message, offset: error.offset};
		throw error;
	}
}

/** 1-based line and column of an offset; columns count characters, not UTF-16 units. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, offset);
	const lineStart = before.lastIndexOf('\n') + 1;
	return {line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1};
}
