// Which language a text is in, offline: English and Spanish go to the model; any other language
// is "not scored" (never guessed). Two stages, because n-gram detectors misread short turns
// ("Patient placed on hold" came out French, "Ok" Polish in our trials) and are slow:
//   1. common words the team listed for each language (below) — most contact-centre text is
//      decided here, cheaply;
//   2. otherwise tinyld (MIT, an n-gram detector shipped in its npm package, no download):
//      English/Spanish → scored; another language → not scored; undecided → "und" (scored: too
//      short to tell, and the words it has are what the model reads anyway).
// A text that is mostly Spanish words is Spanish even with English mixed in (the Spanish path
// reads English words too).
import { detectAll } from 'tinyld';
import { PLACEHOLDER } from './tokenizer.ts';

export type Language = 'en' | 'es' | 'und' | (string & {});
export const SCORED_LANGUAGES: readonly Language[] = ['en', 'es', 'und'];

const EN = new Set(
	(
		'a about after again all am an and any are as at be because been before being but by can ' +
		'could did do does done down for from get got had has have he her here him his how i if in ' +
		'into is it its just last let me more my need no not now of off on one only or our out over ' +
		'please really right said same she should so some still than thank thanks that the their ' +
		'them then there they this those through to today too up us very was we were what when ' +
		'where which while who why will with would yes you your ok okay hello hi bye call called ' +
		'again waiting wait hold refill prescription pharmacy order delivery help helpful great ' +
		'good bad nobody never late ready service agent pharmacist insurance doctor patient'
	).split(' ')
);

const ES = new Set(
	(
		'a al algo algun alguna ahora aqui asi aun bien buenas buenos como con cual cuando de del ' +
		'desde donde dos el ella ellos en entonces era es esa ese eso esta estaba estan estar este ' +
		'esto estoy fue fui gracias ha hace hay hola la las le les llamada lo los mas me mi mis muy ' +
		'nada nadie ni no nos nosotros nunca o otra otro para pero poco por porque pues que quien ' +
		'se ser si sin sobre solo son su sus tambien tan tengo tiene todo todos tu un una uno usted ' +
		'ustedes va vez y ya receta pedido farmacia seguro espere tarde ayuda atencion servicio'
	).split(' ')
);

const HEAD_CHARS = 400;
/**
 * Languages a patient of a US or European pharmacy plausibly writes in. The detector picks
 * among these only, so a short English line full of names is not called Latin or Volapük.
 */
const PLAUSIBLE = (
	'en es fr pt it de nl pl ro ru uk el tr ar he fa hi bn ur pa zh ja ko vi th tl id ms sw ' +
	'ht sv da no fi hu cs sk hr sr bg'
).split(' ');
const ASCII = /^[\t\n\r -~]*$/;
const LATIN = /^[\p{Script=Latin}]+$/u;

/** Letters only, lower case, accents kept for the Spanish-mark check and stripped for lists. */
function words(text: string): string[] {
	return (
		text
			// PHI placeholders ("[DOB]") say nothing about the language.
			.replace(new RegExp(PLACEHOLDER.source, 'g'), ' ')
			.toLowerCase()
			.match(/\p{L}+/gu) ?? []
	);
}

const stripAccents = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');

/** More words of each language: what the model learned from (languages.json in its folder). */
export interface LanguageWords {
	en?: ReadonlySet<string>;
	es?: ReadonlySet<string>;
}

export function detectLanguage(text: string, known: LanguageWords = {}): Language {
	// The first words decide: enough to tell, and a long review costs no more than a comment.
	const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
	const ws = words(head);
	if (ws.length === 0) return 'und';
	const ascii = ASCII.test(head);
	if (!ascii) {
		const latin = ws.filter((w) => LATIN.test(w)).length;
		if (latin / ws.length < 0.5) return fromDetector(head) ?? 'other';
	}
	let en = 0;
	let es = 0;
	let enWords = 0;
	let esWords = 0;
	for (const w of ws) {
		const plain = ascii ? w : stripAccents(w);
		const enFunction = EN.has(plain);
		const esFunction = ES.has(plain) || (!ascii && w.includes('ñ'));
		if (enFunction) en++;
		if (esFunction) es++;
		if (enFunction || known.en?.has(plain)) enWords++;
		if (esFunction || known.es?.has(plain)) esWords++;
	}
	if (!ascii && /[¿¡]/.test(head)) es++;
	// Most words are ones the model learned from English (or Spanish) text: that language,
	// however rare the words ("dense, exhilarating documentary" read as Romanian to the detector).
	if (enWords / ws.length >= 0.7 && es <= en) return 'en';
	if (esWords / ws.length >= 0.6 && esWords > enWords) return 'es';
	// English and Spanish function words cover enough of the text (a third of a longer text,
	// half of a short one, one of one or two): one of ours, the one with more such words. Only
	// text mostly outside both lists goes to the detector, which is there to find other languages.
	const covered = (en + es) / ws.length;
	const enough = ws.length <= 2 ? covered > 0 : covered >= (ws.length >= 12 ? 0.34 : 0.5);
	if (enough && en !== es) return es > en ? confirmSpanish(head, ws.length) : 'en';
	if (enough) return ourCloser(head);
	// Three words or fewer without a known word ("Mei Kim, January 24, 1988."): too short to
	// tell, so scored as it is rather than called a foreign language.
	if (ws.length <= 3) return 'und';
	const guess = fromDetector(head);
	if (guess) return guess;
	return en + es === 0 ? 'other' : es > en ? 'es' : 'en';
}

/**
 * Spanish function words are shared with Portuguese, Italian and French ("de", "la", "a"), so a
 * longer text the lists call Spanish on a third of its words is checked with the detector.
 */
function confirmSpanish(text: string, n: number): Language {
	if (n < 12) return 'es';
	const guess = fromDetector(text);
	return guess && guess !== 'en' ? guess : 'es';
}

/**
 * The n-gram detector's verdict, leaning to English or Spanish when either scores at least half
 * of the winner (on short text its scores are close and its first pick is often wrong).
 */
function fromDetector(text: string): Language | null {
	const ranked = detectAll(text, { only: PLAUSIBLE });
	if (ranked.length === 0) return null;
	const top = ranked[0];
	if (top.lang === 'en' || top.lang === 'es') return top.lang;
	const ours = ranked.find((r) => r.lang === 'en' || r.lang === 'es');
	return ours && ours.accuracy >= top.accuracy / 2 ? ours.lang : top.lang;
}

/** Words seen at least `min` times in some training text: a list of the model's languages.json. */
export function languageWordList(texts: Iterable<string>, min: number): string[] {
	const counts = new Map<string, number>();
	for (const text of texts) {
		const lower = text.toLowerCase();
		for (const w of words(ASCII.test(lower) ? lower : stripAccents(lower)))
			counts.set(w, (counts.get(w) ?? 0) + 1);
	}
	return [...counts]
		.filter(([, n]) => n >= min)
		.map(([w]) => w)
		.sort();
}

/** English or Spanish, whichever the detector ranks higher (mixed text; English if neither). */
function ourCloser(text: string): Language {
	const ours = detectAll(text, { only: PLAUSIBLE }).find((r) => r.lang === 'en' || r.lang === 'es');
	return ours?.lang ?? 'en';
}

export function isScoredLanguage(language: Language): boolean {
	return SCORED_LANGUAGES.includes(language);
}

export const LANGUAGE_NAMES: Record<string, string> = {
	en: 'English',
	es: 'Spanish',
	und: 'undetermined'
};
