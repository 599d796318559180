import { describe, expect, it } from 'vitest';
import { fromHalfBits, toHalf, toHalfBits } from './onnx-export.ts';

describe('float16 weights', () => {
	it('rounds to the nearest binary16, ties to even', () => {
		// 1 = 2^0: exponent 0 + 15 = 0b01111, mantissa 0 → 0x3c00.
		expect(toHalfBits(1)).toBe(0x3c00);
		// −2 = −2^1: sign, exponent 16 = 0b10000 → 0xc000.
		expect(toHalfBits(-2)).toBe(0xc000);
		// The largest half, (2 − 2^-10) · 2^15 = 65504 → exponent 30, mantissa 0x3ff → 0x7bff.
		expect(toHalfBits(65504)).toBe(0x7bff);
		// 65520 is halfway to 2^16, which does not exist: ties to even carry into infinity.
		expect(toHalfBits(65520)).toBe(0x7c00);
		// 1/3 = 1.0101…₂ · 2^-2: exponent 13 = 0b01101, mantissa 0101010101|01… rounds down → 0x3555.
		expect(toHalfBits(1 / 3)).toBe(0x3555);
		expect(fromHalfBits(0x3555)).toBe(0.333251953125);
		// 0.1 = 1.6 · 2^-4 = 1.1001100110|0110…₂ · 2^-4: exponent 11, the next bit 0 rounds down → 0x2e66.
		expect(toHalfBits(0.1)).toBe(0x2e66);
		// 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to the even mantissa (0).
		expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00);
		// 1 + 3 · 2^-11 is halfway between mantissas 1 and 2: ties to 2.
		expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
		// The smallest subnormal, 2^-24 → 0x0001; 2^-26 is below half of it → 0.
		expect(toHalfBits(2 ** -24)).toBe(0x0001);
		expect(toHalfBits(2 ** -26)).toBe(0);
		// 3 · 2^-24 is the subnormal mantissa 3.
		expect(toHalfBits(3 * 2 ** -24)).toBe(0x0003);
		expect(toHalfBits(-0)).toBe(0x8000);
	});

	it('keeps weights to about three significant digits', () => {
		const weights = Float32Array.from([0.7391, -12.5, 0.000123, 3.14159]);
		const back = Array.from(toHalf(weights), fromHalfBits);
		// Relative error of a normal half is at most 2^-11 ≈ 0.00049.
		back.forEach((x, i) =>
			expect(Math.abs(x - weights[i]) / Math.abs(weights[i])).toBeLessThan(2 ** -11)
		);
	});
});
