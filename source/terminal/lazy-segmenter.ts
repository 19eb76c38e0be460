/**
 * Intl.Segmenter, set up by ICU only when a string needs it.
 *
 * Ink measures and cuts every line by grapheme (string-width, slice-ansi and ansi-tokenize each
 * create an Intl.Segmenter as they load). The first Intl.Segmenter in a process costs 20–30 ms
 * of ICU set-up, a tenth of the app's start-up, yet nearly every line on screen is text in which
 * each character is a grapheme of its own: ASCII, Latin, punctuation, arrows and box drawing,
 * kana and kanji. For such text this stand-in gives exactly the segments ICU would (one per
 * UTF-16 unit, none of them joining: no combining marks, joiners, variation selectors, Hangul
 * jamo, surrogate pairs or CR), and for anything else it creates the real segmenter on first use.
 * Installed once, before Ink loads (source/cli.tsx).
 */

/**
 * Code points that always form a grapheme of their own (grapheme cluster break Other, Control or
 * LF; Hangul syllables only join jamo, which are left out): C0 controls but CR, ASCII, Latin-1
 * and Latin Extended, spacing modifiers, general punctuation, arrows, mathematical and technical
 * symbols, box drawing, shapes, dingbats, CJK symbols and punctuation (without the combining tone
 * marks U+302A–302F), kana (without the combining sound marks U+3099–309A), CJK ideographs, Hangul
 * syllables, and full- and half-width forms (without U+FF9E–FF9F, which extend).
 */
export const ONE_GRAPHEME_PER_UNIT =
	/^[\0-\f\x0e-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u2bff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u3105-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffe0-\uffee]*$/;

type Segment = {segment: string; index: number; input: string};

/** What Intl.Segmenter#segment returns, for text of single-unit graphemes. */
class UnitSegments {
	constructor(private readonly input: string) {}

	containing(index: number = 0): Segment | undefined {
		const at = Math.trunc(Number(index)) || 0;
		if (at < 0 || at >= this.input.length) return undefined;
		return {segment: this.input[at]!, index: at, input: this.input};
	}

	[Symbol.iterator](): IterableIterator<Segment> {
		const input = this.input;
		let index = 0;
		return {
			next: () =>
				index < input.length
					? {value: {segment: input[index]!, index: index++, input}, done: false}
					: {value: undefined, done: true},
			[Symbol.iterator]() {
				return this;
			},
		};
	}
}

let installed = false;

export function installLazySegmenter(): void {
	if (installed || typeof Intl.Segmenter !== 'function') return;
	installed = true;
	const Real = Intl.Segmenter;
	class LazySegmenter {
		#real: Intl.Segmenter | undefined;
		readonly #locales: Intl.LocalesArgument;
		readonly #options: Intl.SegmenterOptions | undefined;
		readonly #graphemes: boolean;

		static supportedLocalesOf = Real.supportedLocalesOf;

		constructor(locales?: Intl.LocalesArgument, options?: Intl.SegmenterOptions) {
			this.#locales = locales;
			this.#options = options;
			this.#graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
		}

		segment(input: string) {
			const text = String(input);
			if (this.#graphemes && ONE_GRAPHEME_PER_UNIT.test(text)) return new UnitSegments(text);
			return this.#segmenter().segment(text);
		}

		resolvedOptions() {
			return this.#segmenter().resolvedOptions();
		}

		#segmenter(): Intl.Segmenter {
			this.#real ??= new Real(this.#locales, this.#options);
			return this.#real;
		}
	}
	// Declared read-only in TypeScript's lib; at run time a writable, configurable property.
	Object.defineProperty(Intl, 'Segmenter', {
		value: LazySegmenter,
		writable: true,
		configurable: true,
		enumerable: false,
	});
}
