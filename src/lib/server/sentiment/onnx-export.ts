// Writes the trained embedding bag as onnx/model.onnx (opset 13) with onnx-proto. Inputs are
// exactly what transformers.js feeds a BERT-type model (input_ids, attention_mask: int64
// [batch, sequence]); the output is `logits` [batch, labels]. The graph: Gather word rows;
// hash adjacent and skip pairs of ids into bucket rows (features.ts); masked sum of all rows
// divided by their count (clamped to ≥ 1, so an empty text gives the bias); Gemm to logits.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pkg from 'onnx-proto';
import { BIGRAM_MUL, SKIP_MUL_A, SKIP_MUL_B, type FeatureSpec } from './features.ts';

const { onnx } = pkg;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT64_MAX = 9_223_372_036_854_775_807n;

export interface ModelWeights extends FeatureSpec {
	dim: number;
	labels: number;
	/** (vocabSize + buckets) × dim, row-major. */
	embedding: Float32Array;
	/** labels × dim, row-major. */
	output: Float32Array;
	bias: Float32Array;
	/** Divide the feature sum by the count ('mean') or by its square root ('sqrt'). */
	pooling: 'mean' | 'sqrt';
}

function floatTensor(name: string, dims: number[], data: Float32Array) {
	const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: bytes });
}

function int64Tensor(name: string, values: bigint[]) {
	const buf = new BigInt64Array(values);
	const rawData = new Uint8Array(buf.buffer);
	return onnx.TensorProto.create({ name, dims: [values.length], dataType: INT64, rawData });
}

function scalarTensor(name: string, value: bigint | number) {
	if (typeof value === 'bigint') {
		const t = int64Tensor(name, [value]);
		t.dims = [];
		return t;
	}
	return onnx.TensorProto.create({
		name,
		dims: [],
		dataType: FLOAT,
		rawData: new Uint8Array(new Float32Array([value]).buffer)
	});
}

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

/** The nodes that sum one kind of feature: rows from `ids`, masked by `mask`. */
function bag(prefix: string, ids: string, mask: string) {
	return [
		node('Gather', ['embedding', ids], `${prefix}_rows`, { axis: 0 }),
		node('Unsqueeze', [mask, 'axis2'], `${prefix}_mask3`),
		node('Mul', [`${prefix}_rows`, `${prefix}_mask3`], `${prefix}_masked`),
		node('ReduceSum', [`${prefix}_masked`, 'axis1'], `${prefix}_sum`, { keepdims: 0 }),
		node('ReduceSum', [mask, 'axis1'], `${prefix}_count`, { keepdims: 1 })
	];
}

/** Slice along the sequence axis: [start, end). */
function seq(input: string, start: string, end: string, output: string) {
	return node('Slice', [input, start, end, 'axis1'], output);
}

export function buildOnnxModel(w: ModelWeights): Uint8Array {
	const rows = w.vocabSize + w.buckets;
	const nodes = [
		node('Cast', ['attention_mask'], 'mask', { to: FLOAT }),
		// bigrams: ids[t] * BIGRAM_MUL + ids[t+1], mod buckets, after the vocabulary rows
		seq('input_ids', 'i0', 'im1', 'ids_a'),
		seq('input_ids', 'i1', 'imax', 'ids_b'),
		node('Mul', ['ids_a', 'bigram_mul'], 'bi_1'),
		node('Add', ['bi_1', 'ids_b'], 'bi_2'),
		node('Mod', ['bi_2', 'buckets'], 'bi_3'),
		node('Add', ['bi_3', 'vocab_size'], 'bi_ids'),
		seq('mask', 'i0', 'im1', 'mask_a'),
		seq('mask', 'i1', 'imax', 'mask_b'),
		node('Mul', ['mask_a', 'mask_b'], 'bi_mask'),
		// skip bigrams: ids[t] * SKIP_MUL_A + ids[t+2] * SKIP_MUL_B, mod buckets
		seq('input_ids', 'i0', 'im2', 'ids_s'),
		seq('input_ids', 'i2', 'imax', 'ids_c'),
		node('Mul', ['ids_s', 'skip_mul_a'], 'sk_1'),
		node('Mul', ['ids_c', 'skip_mul_b'], 'sk_2'),
		node('Add', ['sk_1', 'sk_2'], 'sk_3'),
		node('Mod', ['sk_3', 'buckets'], 'sk_4'),
		node('Add', ['sk_4', 'vocab_size'], 'sk_ids'),
		seq('mask', 'i0', 'im2', 'mask_s'),
		seq('mask', 'i2', 'imax', 'mask_c'),
		node('Mul', ['mask_s', 'mask_c'], 'sk_mask'),
		...bag('uni', 'input_ids', 'mask'),
		...bag('bi', 'bi_ids', 'bi_mask'),
		...bag('sk', 'sk_ids', 'sk_mask'),
		node('Add', ['uni_sum', 'bi_sum'], 'sum_1'),
		node('Add', ['sum_1', 'sk_sum'], 'sum'),
		node('Add', ['uni_count', 'bi_count'], 'count_1'),
		node('Add', ['count_1', 'sk_count'], 'count_2'),
		node('Max', ['count_2', 'one'], w.pooling === 'sqrt' ? 'count_3' : 'count'),
		...(w.pooling === 'sqrt' ? [node('Sqrt', ['count_3'], 'count')] : []),
		node('Div', ['sum', 'count'], 'pooled'),
		node('Gemm', ['pooled', 'output_weight', 'output_bias'], 'logits', { transB: 1 })
	];
	const initializer = [
		floatTensor('embedding', [rows, w.dim], w.embedding),
		floatTensor('output_weight', [w.labels, w.dim], w.output),
		floatTensor('output_bias', [w.labels], w.bias),
		int64Tensor('i0', [0n]),
		int64Tensor('i1', [1n]),
		int64Tensor('i2', [2n]),
		int64Tensor('im1', [-1n]),
		int64Tensor('im2', [-2n]),
		int64Tensor('imax', [INT64_MAX]),
		int64Tensor('axis1', [1n]),
		int64Tensor('axis2', [2n]),
		scalarTensor('bigram_mul', BigInt(BIGRAM_MUL)),
		scalarTensor('skip_mul_a', BigInt(SKIP_MUL_A)),
		scalarTensor('skip_mul_b', BigInt(SKIP_MUL_B)),
		scalarTensor('buckets', BigInt(w.buckets)),
		scalarTensor('vocab_size', BigInt(w.vocabSize)),
		scalarTensor('one', 1)
	];
	const model = onnx.ModelProto.create({
		irVersion: 7,
		producerName: 'careloop-sentiment',
		opsetImport: [{ domain: '', version: 13 }],
		graph: onnx.GraphProto.create({
			name: 'embedding_bag',
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

export function writeOnnxModel(path: string, weights: ModelWeights): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, buildOnnxModel(weights));
}
