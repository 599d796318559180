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
import { detect } from 'tinyld';
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

/**
 * `english`: more English words, e.g. the model's own English vocabulary (languages.json in its
 * folder), so rare but English words ("copay", "formulary") do not send a text to the detector.
 */
export function detectLanguage(text: string, english?: ReadonlySet<string>): Language {
	const ws = words(text);
	if (ws.length === 0) return 'und';
	const latin = ws.filter((w) => /^[\p{Script=Latin}]+$/u.test(w)).length;
	if (latin / ws.length < 0.5) return fromDetector(text) ?? 'other';
	let en = 0;
	let es = 0;
	for (const w of ws) {
		const plain = stripAccents(w);
		if (EN.has(plain) || english?.has(plain)) en++;
		if (ES.has(plain)) es++;
		if (/[ñ]/.test(w)) es++;
	}
	if (/[¿¡]/.test(text)) es++;
	const known = Math.max(en, es) / ws.length;
	// Lists decide when they cover half the words (or one of one or two); the other language's
	// share must be clearly smaller, else the detector breaks the tie.
	if ((known >= 0.5 || (ws.length <= 2 && known > 0)) && en !== es) {
		if (es > en) return confirmSpanish(text, ws.length);
		return 'en';
	}
	const guess = fromDetector(text);
	if (guess) return guess;
	if (en + es === 0) return ws.length <= 3 ? 'und' : 'other';
	return es > en ? 'es' : 'en';
}

/**
 * Spanish function words are shared with Portuguese, Italian and French ("de", "la", "a"), so a
 * longer text the lists call Spanish is checked with the detector: another Romance language wins.
 */
function confirmSpanish(text: string, n: number): Language {
	if (n < 4) return 'es';
	const guess = detect(text);
	return guess && guess !== 'en' && guess !== 'es' ? guess : 'es';
}

function fromDetector(text: string): Language | null {
	const guess = detect(text);
	return guess === '' ? null : guess;
}

export function isScoredLanguage(language: Language): boolean {
	return SCORED_LANGUAGES.includes(language);
}

export const LANGUAGE_NAMES: Record<string, string> = {
	en: 'English',
	es: 'Spanish',
	und: 'undetermined'
};
