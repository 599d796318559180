// The model folder's config.json (what transformers.js reads, plus how it was made) and its
// card, README.md: data, method, calibration, figures on held-out text, date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureSpec } from './features.ts';
import { LABELS } from './labels.ts';
import type { SetFigures } from './quick-eval.ts';
import type { TrainResult } from './train.ts';

export interface CardFigures {
	trainAccuracy: number;
	temperature: number;
	validation: { before: SetFigures; after: SetFigures };
	tests: Record<string, SetFigures>;
}

interface Settings {
	seed: number;
	epochs: number;
	learningRate: number;
	lambda: number;
	bucketBits: number;
	skip: boolean;
	trigrams: boolean;
	minCount: number;
	nbMix: number;
	nbShrink: number;
	nbMulticlass: boolean;
	nbEnglishOnly: boolean;
	negationWords: number | false;
	negators: string[];
	half: boolean;
	callTemplates: boolean;
	sourceWeights?: Partial<Record<string, number>>;
}

export function modelConfig(
	o: Settings,
	spec: FeatureSpec,
	temperature: number,
	bySource: Record<string, number>,
	/** The folder of the model Spanish text goes to, inside this one. */
	spanishDir?: string
) {
	return {
		// A type transformers.js maps to sequence classification; the graph itself is custom.
		model_type: 'bert',
		architectures: ['BertForSequenceClassification'],
		problem_type: 'single_label_classification',
		id2label: Object.fromEntries(LABELS.map((l, i) => [String(i), l])),
		label2id: Object.fromEntries(LABELS.map((l, i) => [l, i])),
		vocab_size: spec.vocabSize,
		careloop: {
			kind: `multinomial logistic regression over TF-IDF words, hashed bigrams and skip bigrams${o.nbMix ? ', naive-Bayes scaled' : ''}${o.negationWords === false ? '' : ', negation scope marked'}`,
			spanish_markers: true,
			...(spanishDir ? { spanish_model: spanishDir } : {}),
			...(o.half ? { weights: 'float16' } : {}),
			seed: o.seed,
			epochs: o.epochs,
			learning_rate: o.learningRate,
			lambda: o.lambda,
			buckets: spec.buckets,
			skip_bigrams: spec.skip,
			trigrams: spec.trigrams === true,
			min_count: o.minCount,
			// Only when on: config.json is part of the model version, so a plain model keeps its version.
			...(o.nbMix ? { nb_mix: o.nbMix } : {}),
			...(o.callTemplates ? { call_templates: true } : {}),
			...(o.sourceWeights ? { source_weights: o.sourceWeights } : {}),
			...(o.nbMix && o.nbShrink ? { nb_shrink: o.nbShrink } : {}),
			...(o.nbMix && o.nbMulticlass ? { nb_multiclass: true } : {}),
			...(o.nbMix && o.nbEnglishOnly ? { nb_english_only: true } : {}),
			...(o.negationWords === false
				? {}
				: { negation_words: o.negationWords, negators: o.negators }),
			temperature,
			examples: bySource
		}
	};
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

const SET_NAMES: Record<string, string> = {
	sst2: 'SST-2 sentences (binary)',
	amazon: 'Amazon multi-domain reviews (binary)',
	druglib: 'DrugLib joined reviews',
	drugscom: 'Drugs.com subset',
	imdb: 'IMDB reviews (binary)',
	seed: 'Hand-written pharmacy set (3 labels)',
	spanish: 'Hand-written Spanish set (3 labels)'
};

function nb(o: Settings): string {
	if (!o.nbMix) return '';
	const shrink = o.nbShrink
		? `, pulled toward the mean for rows in fewer than ~${o.nbShrink} texts`
		: '';
	const multi = o.nbMulticlass ? ', each label against the other two' : '';
	const english = o.nbEnglishOnly
		? ', counted in the English corpora only (other rows get the mean factor)'
		: '';
	return `, scaled by naive-Bayes log-count ratios (interpolated ${o.nbMix}${multi}${english}${shrink}),`;
}

function negation(o: Settings): string {
	if (o.negationWords === false) return '';
	const scope = o.negationWords
		? `the next ${o.negationWords} words`
		: 'words up to the next punctuation mark';
	const words = o.negators.map((w) => `"${w}"`).join(', ');
	return ` after ${words}, ${scope} are read as negated words (the tokenizer marks them);`;
}

/** What the Spanish model (es/) is, when there is one. */
function spanishModel(r: TrainResult, s: Settings | null): string {
	if (!s || !r.spanish) return '';
	return `

**Spanish text** goes to a second model in es/: the same data and method without the naive-Bayes
scaling and the negation scope (plain TF-IDF, a ${r.spanish.vocabSize.toLocaleString('en-US')}-word vocabulary, T = ${r.spanish.temperature.toFixed(3)}${s.half ? ', float16' : ''}),
because those help English and cost the Spanish set. The language check decides which model reads a text.`;
}

export function writeCard(
	out: string,
	r: TrainResult,
	o: Settings,
	spanishSettings: Settings | null = null
): void {
	const f = r.figures;
	const rows = Object.entries(f.tests).map(
		([set, s]) =>
			`| ${SET_NAMES[set] ?? set} | ${s.n} | ${pct(s.binaryAccuracy)} (n ${s.binaryN}) | ${pct(s.accuracy3)} | ${pct(s.ece)} |`
	);
	const sources = Object.entries(r.bySource)
		.map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`)
		.join(', ');
	const text = `# careloop-sentiment

Trained ${new Date().toISOString().slice(0, 10)} by \`careloop sentiment train\` (seed ${o.seed}); the same data and seed
give byte-identical weights. Three labels: negative, neutral, positive.

**Method.** Multinomial logistic regression in TypeScript over words (a ${r.vocabSize.toLocaleString('en-US')}-word
vocabulary), word bigrams and ${o.skip ? 'skip bigrams (pairs two words apart)' : 'no skip bigrams'} hashed into ${(2 ** o.bucketBits).toLocaleString('en-US')}
buckets, TF-IDF weighted${nb(o)} and L2-normalised;${negation(o)} SGD, ${o.epochs} epochs, learning rate ${o.learningRate} falling
to 0, L2 ${o.lambda}. Spanish text (detected offline) gets polarity markers from the ML-SentiCon
lexicon in @nlpjs/lang-es. Calibrated by temperature T = ${f.temperature.toFixed(3)} fitted on the
validation split (ECE ${pct(f.validation.before.ece)} before, ${pct(f.validation.after.ece)} after, n ${f.validation.after.n}).
Exported to ONNX (onnx/model.onnx${o.half ? ', weights stored as float16' : ''}) for transformers.js \`pipeline('text-classification')\`.${spanishModel(r, spanishSettings)}

**Data** (${r.examples.toLocaleString('en-US')} training examples): ${sources}. Public corpora from
\`../shared/data/sentiment\` (SST-2 / GLUE, IMDB (Maas et al. 2011), Amazon multi-domain (Blitzer et al.
2007), DrugLib and Drugs.com reviews (Gräßer et al. 2018, CC BY 4.0)); hand-written pharmacy
templates${o.callTemplates ? ' (call-talk templates included)' : ''}${o.sourceWeights?.templates ? `, each counted ${o.sourceWeights.templates} times,` : ''} and seed set (data/sentiment); with a site database, its rated survey comments and QA
corrections. Held-out rows are chosen by a hash of the text and never trained on.

**Held-out figures** (TypeScript forward pass at training time; \`careloop sentiment eval --heldout\`
measures the exported model beside the VADER baseline):

| set | n | binary accuracy | 3-label accuracy | ECE |
|---|---|---|---|---|
${rows.join('\n')}

Training accuracy ${pct(f.trainAccuracy)}; ${r.seconds.toFixed(0)} s wall, ${r.cpuSeconds.toFixed(0)} s CPU.
`;
	writeFileSync(join(out, 'README.md'), text);
}
