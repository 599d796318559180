// Writes the trained linear model as onnx/model.onnx (opset 13) with onnx-proto. Inputs are
// exactly what transformers.js feeds a BERT-type model (input_ids, attention_mask: int64
// [batch, sequence]); the output is `logits` [batch, labels]. The graph: hash adjacent (and
// skip) pairs of ids into bucket rows (features.ts); gather each occurrence's weight row (the
// IDF and 1/temperature already folded in) and its IDF byte; masked sums; divide by the norm
// √Σ idf² (at least 1, so an empty text gives the bias); add the bias. The weight table may be
// stored as float16 (half the bytes; each gathered row is cast back to float32), so a model
// folder holding the English and the Spanish model stays under 20 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pkg from 'onnx-proto';
import {
	BIGRAM_MUL,
	IDF_STEPS,
	SKIP_MUL_A,
	SKIP_MUL_B,
	TRI_MUL_A,
	TRI_MUL_B,
	rowCount,
	type FeatureSpec
} from './features.ts';

const { onnx } = pkg;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
const INT64 = onnx.TensorProto.DataType.INT64;
const UINT8 = onnx.TensorProto.DataType.UINT8;
const INT64_MAX = 9_223_372_036_854_775_807n;

export interface ExportedModel {
	spec: FeatureSpec;
	labels: number;
	/** rows × labels: weight × IDF / temperature. */
	table: Float32Array;
	/** labels: bias / temperature. */
	bias: Float32Array;
	idf: Uint8Array;
	/** Store the table as float16 (default float32). */
	half?: boolean;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of x, rounded to nearest, ties to even (Node 20 has no Float16Array). */
export function toHalfBits(x: number): number {
	f32[0] = x;
	const b = u32[0];
	const sign = (b >>> 16) & 0x8000;
	const exp = (b >>> 23) & 0xff;
	let mant = b & 0x7fffff;
	if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
	const e = exp - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00;
	if (e <= 0) {
		// Subnormal: value = mant' × 2^-24.
		if (e < -10) return sign;
		mant |= 0x800000;
		const shift = 14 - e;
		let h = mant >>> shift;
		const rest = mant & ((1 << shift) - 1);
		const halfway = 1 << (shift - 1);
		if (rest > halfway || (rest === halfway && h & 1)) h++;
		return sign | h;
	}
	let h = (e << 10) | (mant >>> 13);
	const rest = mant & 0x1fff;
	// A carry out of the mantissa moves into the exponent, as it should (65520 → infinity).
	if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
	return sign | h;
}

/** The number binary16 bits stand for. */
export function fromHalfBits(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const exp = (h >>> 10) & 0x1f;
	const mant = h & 0x3ff;
	if (exp === 0) return sign * mant * 2 ** -24;
	if (exp === 0x1f) return mant ? NaN : sign * Infinity;
	return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function toHalf(values: Float32Array): Uint16Array {
	const out = new Uint16Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = toHalfBits(values[i]);
	return out;
}

function tensor(name: string, dims: number[], dataType: number, data: ArrayBufferView) {
	const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return onnx.TensorProto.create({ name, dims, dataType, rawData });
}

const int64 = (name: string, values: bigint[], dims = [values.length]) =>
	tensor(name, dims, INT64, new BigInt64Array(values));
const float = (name: string, value: number) => tensor(name, [], FLOAT, new Float32Array([value]));

function node(op: string, inputs: string[], output: string, attrs: Record<string, number> = {}) {
	const attribute = Object.entries(attrs).map(([name, i]) =>
		onnx.AttributeProto.create({ name, i, type: onnx.AttributeProto.AttributeType.INT })
	);
	return onnx.NodeProto.create({
		opType: op,
		input: inputs,
		output: [output],
		name: output,
		attribute
	});
}

function io(name: string, elemType: number, dims: string[]) {
	return onnx.ValueInfoProto.create({
		name,
		type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } }
	});
}

/** Masked sums of one kind of feature: weights [batch, labels] and squared IDFs [batch, 1]. */
function bag(p: string, ids: string, mask: string, half: boolean) {
	return [
		...(half
			? [
					node('Gather', ['table', ids], `${p}_w16`, { axis: 0 }),
					node('Cast', [`${p}_w16`], `${p}_w`, { to: FLOAT })
				]
			: [node('Gather', ['table', ids], `${p}_w`, { axis: 0 })]),
		node('Unsqueeze', [mask, 'axis2'], `${p}_mask3`),
		node('Mul', [`${p}_w`, `${p}_mask3`], `${p}_wm`),
		node('ReduceSum', [`${p}_wm`, 'axis1'], `${p}_sum`, { keepdims: 0 }),
		node('Gather', ['idf', ids], `${p}_idf8`, { axis: 0 }),
		node('Cast', [`${p}_idf8`], `${p}_idf16`, { to: FLOAT }),
		node('Mul', [`${p}_idf16`, 'idf_step'], `${p}_idf`),
		node('Mul', [`${p}_idf`, `${p}_idf`], `${p}_sq`),
		node('Mul', [`${p}_sq`, mask], `${p}_sqm`),
		node('ReduceSum', [`${p}_sqm`, 'axis1'], `${p}_sqsum`, { keepdims: 1 })
	];
}

const seq = (input: string, start: string, end: string, output: string) =>
	node('Slice', [input, start, end, 'axis1'], output);

function pairNodes(spec: FeatureSpec) {
	const nodes = [
		seq('input_ids', 'i0', 'im1', 'ids_a'),
		seq('input_ids', 'i1', 'imax', 'ids_b'),
		node('Mul', ['ids_a', 'bigram_mul'], 'bi_1'),
		node('Add', ['bi_1', 'ids_b'], 'bi_2'),
		node('Mod', ['bi_2', 'buckets'], 'bi_3'),
		node('Add', ['bi_3', 'vocab_size'], 'bi_ids'),
		seq('mask', 'i0', 'im1', 'mask_a'),
		seq('mask', 'i1', 'imax', 'mask_b'),
		node('Mul', ['mask_a', 'mask_b'], 'bi_mask')
	];
	const tri = !spec.trigrams
		? []
		: [
				seq('input_ids', 'i0', 'im2', 'tri_a'),
				seq('input_ids', 'i1', 'im1', 'tri_b'),
				seq('input_ids', 'i2', 'imax', 'tri_c'),
				node('Mul', ['tri_a', 'tri_mul_a'], 'tr_1'),
				node('Mul', ['tri_b', 'tri_mul_b'], 'tr_2'),
				node('Add', ['tr_1', 'tr_2'], 'tr_3'),
				node('Add', ['tr_3', 'tri_c'], 'tr_4'),
				node('Mod', ['tr_4', 'buckets'], 'tr_5'),
				node('Add', ['tr_5', 'vocab_size'], 'tri_ids'),
				seq('mask', 'i0', 'im2', 'tmask_a'),
				seq('mask', 'i1', 'im1', 'tmask_b'),
				seq('mask', 'i2', 'imax', 'tmask_c'),
				node('Mul', ['tmask_a', 'tmask_b'], 'tmask_ab'),
				node('Mul', ['tmask_ab', 'tmask_c'], 'tri_mask')
			];
	if (!spec.skip) return [...nodes, ...tri];
	return [
		...nodes,
		...tri,
		seq('input_ids', 'i0', 'im2', 'ids_s'),
		seq('input_ids', 'i2', 'imax', 'ids_c'),
		node('Mul', ['ids_s', 'skip_mul_a'], 'sk_1'),
		node('Mul', ['ids_c', 'skip_mul_b'], 'sk_2'),
		node('Add', ['sk_1', 'sk_2'], 'sk_3'),
		node('Mod', ['sk_3', 'buckets'], 'sk_4'),
		node('Add', ['sk_4', 'vocab_size'], 'sk_ids'),
		seq('mask', 'i0', 'im2', 'mask_s'),
		seq('mask', 'i2', 'imax', 'mask_c'),
		node('Mul', ['mask_s', 'mask_c'], 'sk_mask')
	];
}

export function buildOnnxModel(m: ExportedModel): Uint8Array {
	const half = m.half === true;
	const kinds = ['uni', 'bi', ...(m.spec.skip ? ['sk'] : []), ...(m.spec.trigrams ? ['tri'] : [])];
	const sumChain = (suffix: string, out: string) =>
		kinds
			.slice(1)
			.map((k, i) =>
				node(
					'Add',
					[i === 0 ? `uni_${suffix}` : `${out}_${i}`, `${k}_${suffix}`],
					i === kinds.length - 2 ? out : `${out}_${i + 1}`
				)
			);
	const nodes = [
		node('Cast', ['attention_mask'], 'mask', { to: FLOAT }),
		...pairNodes(m.spec),
		...bag('uni', 'input_ids', 'mask', half),
		...bag('bi', 'bi_ids', 'bi_mask', half),
		...(m.spec.skip ? bag('sk', 'sk_ids', 'sk_mask', half) : []),
		...(m.spec.trigrams ? bag('tri', 'tri_ids', 'tri_mask', half) : []),
		...sumChain('sum', 'total'),
		...sumChain('sqsum', 'sq'),
		node('Sqrt', ['sq'], 'root'),
		node('Max', ['root', 'one'], 'norm'),
		node('Div', ['total', 'norm'], 'pooled'),
		node('Add', ['pooled', 'bias'], 'logits')
	];
	const rows = rowCount(m.spec);
	const initializer = [
		half
			? tensor('table', [rows, m.labels], FLOAT16, toHalf(m.table))
			: tensor('table', [rows, m.labels], FLOAT, m.table),
		tensor('bias', [m.labels], FLOAT, m.bias),
		tensor('idf', [rows], UINT8, m.idf),
		float('idf_step', 1 / IDF_STEPS),
		float('one', 1),
		int64('i0', [0n]),
		int64('i1', [1n]),
		int64('i2', [2n]),
		int64('im1', [-1n]),
		int64('im2', [-2n]),
		int64('imax', [INT64_MAX]),
		int64('axis1', [1n]),
		int64('axis2', [2n]),
		int64('bigram_mul', [BigInt(BIGRAM_MUL)], []),
		int64('skip_mul_a', [BigInt(SKIP_MUL_A)], []),
		int64('skip_mul_b', [BigInt(SKIP_MUL_B)], []),
		int64('tri_mul_a', [BigInt(TRI_MUL_A)], []),
		int64('tri_mul_b', [BigInt(TRI_MUL_B)], []),
		int64('buckets', [BigInt(m.spec.buckets)], []),
		int64('vocab_size', [BigInt(m.spec.vocabSize)], [])
	];
	const model = onnx.ModelProto.create({
		irVersion: 7,
		producerName: 'careloop-sentiment',
		opsetImport: [{ domain: '', version: 13 }],
		graph: onnx.GraphProto.create({
			name: 'tfidf_linear',
			node: nodes,
			initializer,
			input: [
				io('input_ids', INT64, ['batch', 'sequence']),
				io('attention_mask', INT64, ['batch', 'sequence'])
			],
			output: [io('logits', FLOAT, ['batch', 'labels'])]
		})
	});
	return onnx.ModelProto.encode(model).finish();
}

export function writeOnnxModel(path: string, m: ExportedModel): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, buildOnnxModel(m));
}
