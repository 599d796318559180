import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';
import { MARK_NEGATIVE as NEG, MARK_POSITIVE as POS, spanishMarkers } from './lexicon-es.ts';

describe('detectLanguage', () => {
	it.each([
		['Thank you so much, she was kind and helpful.', 'en'],
		['Call connected from the general queue after 16s.', 'en'],
		['Patient placed on hold (10s).', 'en'],
		['My date of birth is [DOB].', 'en'],
		['Gracias, muy amable.', 'es'],
		['Pésimo servicio, esperé 40 minutos.', 'es'],
		['¿A qué hora cierra la farmacia el sábado?', 'es'],
		['My refill no estaba lista, muy frustrating.', 'es'],
		['Je voudrais parler à un pharmacien, ma commande est en retard.', 'fr'],
		['Obrigado, o atendimento foi muito bom e rápido.', 'pt'],
		['Meine Bestellung ist wieder zu spät gekommen.', 'de'],
		['我的药还没到。', 'zh']
	])('"%s" is %s', (text, language) => {
		expect(detectLanguage(text)).toBe(language);
	});

	it('calls a text without words, or too short to tell, undetermined (and so scored)', () => {
		expect(detectLanguage('')).toBe('und');
		expect(detectLanguage('4417 [PHONE]')).toBe('und');
		// A patient giving name and date of birth: names are no language.
		expect(detectLanguage('Mei Kim, January 24, 1988.')).toBe('und');
		expect(detectLanguage('Ok')).toBe('en');
	});

	it('counts the model’s own English words, so rare English is not sent to the detector', () => {
		const text = 'Atorvastatin copay denied, formulary exception pending.';
		const english = new Set([
			'atorvastatin',
			'copay',
			'denied',
			'formulary',
			'exception',
			'pending'
		]);
		expect(detectLanguage(text, { en: english })).toBe('en');
	});
});

describe('spanishMarkers', () => {
	it('marks rated words, twice when strongly rated, flipped after a negation', () => {
		// "amable" is rated 0.688 (strong): two positive marks; after "no fue" two negative ones.
		expect(spanishMarkers('Muy amable.')).toBe(`${POS} ${POS}`);
		expect(spanishMarkers('No fue amable.')).toBe(`${NEG} ${NEG}`);
		// "problemas" is rated −0.437 (below strong): one mark, positive after "sin".
		expect(spanishMarkers('Sin problemas.')).toBe(POS);
		expect(spanishMarkers('Llamo por mi receta.')).toBe('');
	});

	it('ignores redaction placeholders', () => {
		expect(spanishMarkers('[DOB]')).toBe('');
	});
});
