// Seeded randomness for the demo generator. sfc32 (Chris Doty-Humphrey's small fast counter)
// seeded through a string hash, so each part of the generator draws from its own stream and a
// change in one part (say, transcripts) does not shift the numbers of another. Never Math.random:
// the same seed and end date must give byte-identical files.

/** cyrb128: four 32-bit words from a string, enough entropy to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	/** A stream named by the seed and a label ('fills', 'agents', …). */
	constructor(seed: number, label: string) {
		[this.a, this.b, this.c, this.d] = hash128(`${seed}:${label}`);
		// The first outputs of sfc32 are weakly mixed: discard a few.
		for (let i = 0; i < 15; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.a |= 0;
		this.b |= 0;
		this.c |= 0;
		this.d |= 0;
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Integer in [lo, hi], both inclusive. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	uniform(lo: number, hi: number): number {
		return lo + this.next() * (hi - lo);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Standard normal by Box–Muller (one value per call keeps the stream simple to reason about). */
	normal(mean = 0, sd = 1): number {
		const u = 1 - this.next();
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal given its median and the sd of its log: handle times, waits, delays. */
	lognormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	exponential(mean: number): number {
		return -mean * Math.log(1 - this.next());
	}

	/** Poisson count; a rounded normal for large means is close enough for daily volumes. */
	poisson(mean: number): number {
		if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}
}

/** A weighted choice prepared once: cumulative weights and a binary search per draw. */
export class Weighted<T> {
	private readonly items: T[];
	private readonly cumulative: number[];

	constructor(entries: readonly (readonly [T, number])[]) {
		this.items = entries.map((e) => e[0]);
		let sum = 0;
		this.cumulative = entries.map((e) => (sum += e[1]));
	}

	draw(rng: Rng): T {
		const target = rng.next() * this.cumulative[this.cumulative.length - 1];
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.cumulative[mid] > target) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo];
	}
}

export function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}

export function logistic(x: number): number {
	return 1 / (1 + Math.exp(-x));
}
