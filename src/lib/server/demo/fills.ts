// A year of dispensing for the chronic-medication patients, and the refill reminders that go with
// it. Each patient has a latent adherence propensity; each drug chain refills after its supply
// plus a gap drawn from that propensity (early, on time, late, very late), some chains stop and
// some switch drugs within the class. Reminders are sent near a refill's due date only when the
// patient has not refilled yet, and a reached reminder pulls the refill into the next seven days.
import { CLASS_DRUGS, FILL_PATIENTS, OTHER_DRUGS, patientId, type DrugClass } from './world.ts';
import { Rng, clamp } from './random.ts';
import { formatDay, weekday } from './format.ts';

export interface Fill {
	fillId: string;
	patientId: string;
	drug: string;
	day: number;
	supply: number;
	quantity: number;
	store: string;
}

export type Outcome = 'reached' | 'voicemail' | 'no_answer' | 'refill_requested' | 'declined';

export interface Reminder {
	patientId: string;
	/** Instant of the outbound contact, ms since epoch. */
	at: number;
	channel: 'voice' | 'sms';
	outcome: Outcome;
}

export interface FillsResult {
	fills: Fill[];
	reminders: Reminder[];
}

interface Window {
	/** Last day of data (days since epoch). */
	end: number;
	/** First day of the interactions window; reminders exist only inside it. */
	contactStart: number;
}

const CLASS_SHARE: Record<DrugClass, number> = { statin: 0.6, ras: 0.5, diabetes: 0.35 };
/** Statins are the class patients most often let slide; the offsets shift each class's spread. */
const CLASS_ADHERENCE: Record<DrugClass, number> = { statin: -0.15, ras: 0, diabetes: -0.1 };
const DAY = 86_400_000;

export function generateFills(seed: number, win: Window): FillsResult {
	const rng = new Rng(seed, 'fills');
	const yearStart = win.end - 364;
	const raw: Omit<Fill, 'fillId'>[] = [];
	const reminders: Reminder[] = [];
	const stores = Array.from({ length: 12 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);

	for (let p = 0; p < FILL_PATIENTS; p++) {
		const pid = patientId(p);
		const propensity = rng.normal();
		const store = rng.pick(stores);
		const classes = (Object.keys(CLASS_SHARE) as DrugClass[]).filter((c) =>
			rng.chance(CLASS_SHARE[c])
		);
		if (classes.length === 0) classes.push('statin');
		const chains: { drugs: () => string; classAdherence: number }[] = classes.map((c) => ({
			drugs: () => CLASS_DRUGS[c].draw(rng),
			classAdherence: 0.8 * propensity + 0.6 * rng.normal() + CLASS_ADHERENCE[c]
		}));
		// A second diabetes drug beside metformin for some; a few non-chronic "other" drugs.
		const diabetes = chains[classes.indexOf('diabetes')];
		if (diabetes && rng.chance(0.25))
			chains.push({ ...diabetes, drugs: () => addOnDiabetesDrug(rng) });
		if (rng.chance(0.2))
			chains.push({ drugs: () => OTHER_DRUGS.draw(rng), classAdherence: rng.normal() });

		for (const chain of chains) {
			simulateChain(
				rng,
				chain.drugs,
				chain.classAdherence,
				{ pid, store, yearStart, win },
				raw,
				reminders
			);
		}
	}

	// Pharmacy systems number fills as they happen: by date, then patient, then drug.
	raw.sort((a, b) => a.day - b.day || cmp(a.patientId, b.patientId) || cmp(a.drug, b.drug));
	const fills = raw.map((f, i) => ({ ...f, fillId: `F${String(i + 1).padStart(7, '0')}` }));
	reminders.sort((a, b) => a.at - b.at || cmp(a.patientId, b.patientId));
	return { fills, reminders };
}

/** A second diabetes drug beside the first: anything but metformin, which is the usual base. */
function addOnDiabetesDrug(rng: Rng): string {
	let drug = CLASS_DRUGS.diabetes.draw(rng);
	for (let i = 0; i < 5 && drug === 'metformin'; i++) drug = CLASS_DRUGS.diabetes.draw(rng);
	return drug === 'metformin' ? 'sitagliptin' : drug;
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

interface ChainContext {
	pid: string;
	store: string;
	yearStart: number;
	win: Window;
}

/** Days between running out and refilling, by how adherent this patient is with this class. */
function drawGap(rng: Rng, adherence: number): number {
	if (rng.chance(0.06)) return rng.int(15, 45); // a lapse happens to anyone now and then
	if (adherence > -0.3) return Math.round(rng.normal(0, 3.5)); // refills around the due date
	if (adherence > -1.0) return Math.round(rng.lognormal(9, 0.5));
	return Math.round(rng.lognormal(22, 0.6));
}

function simulateChain(
	rng: Rng,
	nextDrug: () => string,
	adherence: number,
	ctx: ChainContext,
	out: Omit<Fill, 'fillId'>[],
	reminders: Reminder[]
): void {
	let drug = nextDrug();
	const ninety = rng.chance(0.3);
	const supply = ninety ? 90 : drug === 'semaglutide' || drug === 'dulaglutide' ? 28 : 30;
	const perDay = drug === 'metformin' || drug === 'gabapentin' ? 2 : 1;
	const newStart = rng.chance(0.2);
	let day = newStart ? ctx.yearStart + rng.int(0, 330) : ctx.yearStart + rng.int(0, supply - 1);
	const stopAfter = rng.chance(0.12 + (adherence < -1 ? 0.1 : 0)) ? rng.int(1, 8) : Infinity;
	const switchAt = rng.chance(0.07) ? rng.int(1, 6) : -1;
	let count = 0;

	while (day <= ctx.win.end) {
		out.push({
			patientId: ctx.pid,
			drug,
			day,
			supply,
			quantity: supply * perDay,
			store: ctx.store
		});
		count++;
		if (count === switchAt) {
			const before = drug;
			for (let tries = 0; tries < 5 && drug === before; tries++) drug = nextDrug();
		}
		const due = day + supply;
		let next = count >= stopAfter ? Infinity : due + drawGap(rng, adherence);
		// Early refills happen, but nobody refills a 30-day supply within a week of the last one.
		next = Math.max(next, day + Math.ceil(supply * 0.75));

		// Refill reminder, two days before the due date, only if the patient has not refilled.
		const remindDay = due - 2 + rng.int(-1, 1);
		if (
			remindDay >= ctx.win.contactStart &&
			remindDay <= ctx.win.end &&
			next > remindDay &&
			rng.chance(0.6)
		) {
			const reminder = remind(rng, ctx.pid, remindDay, next === Infinity);
			reminders.push(reminder);
			const pull = {
				reached: 0.55,
				refill_requested: 0.85,
				voicemail: 0.12,
				no_answer: 0,
				declined: 0
			};
			if (rng.chance(pull[reminder.outcome])) {
				next = Math.min(next, remindDay + clamp(Math.round(rng.exponential(2)), 0, 6));
			}
		}
		if (next === Infinity) break;
		day = next;
	}
}

function remind(rng: Rng, pid: string, day: number, stopped: boolean): Reminder {
	// Agents call on weekdays; at weekends the reminder goes out as a text.
	const weekend = weekday(day) === 0 || weekday(day) === 6;
	const channel = rng.chance(0.65) && !weekend ? 'voice' : 'sms';
	const at = day * DAY + rng.int(9 * 3600, 17 * 3600) * 1000;
	const weights: [Outcome, number][] =
		channel === 'voice'
			? [
					['reached', 24],
					['refill_requested', 30],
					['voicemail', 26],
					['no_answer', 15],
					['declined', 5]
				]
			: [
					['reached', 38],
					['refill_requested', 27],
					['voicemail', 0],
					['no_answer', 30],
					['declined', 5]
				];
	if (stopped) weights[4][1] = 30; // people who have stopped often say so
	let r = rng.next() * weights.reduce((s, w) => s + w[1], 0);
	for (const [outcome, w] of weights) {
		if ((r -= w) < 0) return { patientId: pid, at, channel, outcome };
	}
	return { patientId: pid, at, channel, outcome: 'no_answer' };
}

export const FILL_COLUMNS = [
	'fill_id',
	'patient_id',
	'drug_name',
	'drug_class',
	'fill_date',
	'days_supply',
	'quantity',
	'store'
] as const;

export function fillRecord(f: Fill) {
	return {
		fill_id: f.fillId,
		patient_id: f.patientId,
		drug_name: f.drug,
		drug_class: null,
		fill_date: formatDay(f.day),
		days_supply: f.supply,
		quantity: f.quantity,
		store: f.store
	};
}
