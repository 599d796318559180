// Where each turn of a demo transcript starts (offset_seconds, on the talk clock: hold time is not
// counted, as talk_seconds excludes it). A turn lasts as long as its words take to say; turns are
// separated by short pauses; after the agent says they will look something up comes a lookup
// pause, and the slack between that natural length and the call's talk time becomes partly dead
// air there (more for weaker agents) and partly longer explanations. The transcript is an abridged
// record, so explanations stretch at most ×1.6 and the rest of a long call stays untranscribed.
// Offsets rise strictly and the last turn starts before the talk time ends.
import { clamp, logistic, type Rng } from './random.ts';

/** A pause after the turn: the agent looks something up, or the patient is put on hold. */
export type Pause = 'lookup' | 'hold';

export interface TimedLine {
	speaker: 'agent' | 'patient' | 'system';
	text: string;
	pause?: Pause;
}

const WORDS_PER_SECOND = 2.6;
const MAX_STRETCH = 1.6;
const MAX_DEAD_AIR = 120;

export function placeTurns(rng: Rng, lines: TimedLine[], talk: number, skill: number): number[] {
	const speech = lines.map((l) =>
		l.speaker === 'system' ? 0 : 0.4 + l.text.split(/\s+/).length / WORDS_PER_SECOND
	);
	const gaps = lines.map((l) =>
		l.pause === 'lookup'
			? rng.uniform(3, 12)
			: l.pause === 'hold'
				? rng.uniform(1, 3)
				: rng.uniform(0.4, 1.8)
	);
	const last = lines.length - 1;
	const natural = sum(speech) + sum(gaps.slice(0, last));
	// Keep the last turn's own speech inside the talk time as well.
	let slack = talk - natural;
	if (slack < 0) {
		const k = (0.9 * talk) / (natural + speech[last]);
		return offsets(
			speech.map((s) => s * k),
			gaps.map((g) => g * k),
			talk
		);
	}
	const lookups = lines.flatMap((l, i) => (l.pause === 'lookup' && i < last ? [i] : []));
	const share = clamp(logistic(-2.6 - 1.4 * skill) * rng.uniform(0.5, 1.5), 0, 0.9);
	const deadAir = Math.min(MAX_DEAD_AIR, lookups.length > 0 ? slack * share : 0);
	for (const i of lookups) gaps[i] += deadAir / lookups.length;
	slack -= deadAir;
	const spoken = sum(speech);
	const stretch = spoken > 0 ? Math.min(MAX_STRETCH, 1 + slack / spoken) : 1;
	return offsets(
		speech.map((s) => s * stretch),
		gaps,
		talk
	);
}

function offsets(speech: number[], gaps: number[], talk: number): number[] {
	const out: number[] = [];
	let at = 0;
	for (let i = 0; i < speech.length; i++) {
		const rounded = Math.round(at * 10) / 10;
		// Rounding must not tie two turns; the talk clock caps the last one.
		const prev = out.at(-1);
		const value = prev === undefined ? 0 : Math.max(rounded, Math.round((prev + 0.1) * 10) / 10);
		out.push(Math.min(value, Math.round((talk - 0.1 * (speech.length - i)) * 10) / 10));
		at += speech[i] + gaps[i];
	}
	return out;
}

function sum(xs: number[]): number {
	return xs.reduce((a, b) => a + b, 0);
}
