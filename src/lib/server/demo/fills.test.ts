// Fills and refill reminders straight from the generator: the contract's drug table, a year's
// span, a believable PDC spread per class, and reminders that work.
import { describe, expect, it } from 'vitest';
import { generateFills, type Fill } from './fills.ts';
import { parseDay } from './format.ts';

// The contract's class table, copied from data-contract.md, and the few non-chronic drugs.
const STATINS =
	'atorvastatin fluvastatin lovastatin pitavastatin pravastatin rosuvastatin simvastatin'.split(
		' '
	);
const RAS =
	`benazepril captopril enalapril fosinopril lisinopril moexipril perindopril quinapril ramipril
	trandolapril azilsartan candesartan eprosartan irbesartan losartan olmesartan telmisartan valsartan
	aliskiren`.split(/\s+/);
const DIABETES =
	`metformin glimepiride glipizide glyburide pioglitazone rosiglitazone alogliptin linagliptin
	saxagliptin sitagliptin canagliflozin dapagliflozin empagliflozin ertugliflozin dulaglutide exenatide
	liraglutide lixisenatide semaglutide tirzepatide nateglinide repaglinide`.split(/\s+/);
const OTHER = [
	'levothyroxine',
	'amlodipine',
	'omeprazole',
	'sertraline',
	'gabapentin',
	'albuterol'
];

const END = parseDay('2026-11-23')!;
const { fills, reminders } = generateFills(11, { end: END, contactStart: END - 29 });

function classOf(drug: string): string | null {
	if (STATINS.includes(drug)) return 'statin';
	if (RAS.includes(drug)) return 'ras';
	if (DIABETES.includes(drug)) return 'diabetes';
	return null;
}

describe('fills', () => {
	it('span the year up to the end date for about 3,000 patients on table drugs or a few others', () => {
		expect(fills.every((f) => classOf(f.drug) !== null || OTHER.includes(f.drug))).toBe(true);
		const other = fills.filter((f) => classOf(f.drug) === null).length;
		expect(other / fills.length).toBeLessThan(0.2);
		// 365 days ending on END start 364 days before it.
		expect(Math.min(...fills.map((f) => f.day))).toBeGreaterThanOrEqual(END - 364);
		expect(Math.max(...fills.map((f) => f.day))).toBeLessThanOrEqual(END);
		expect(new Set(fills.map((f) => f.patientId)).size).toBeGreaterThan(2_900);
		expect([...new Set(fills.map((f) => f.supply))].sort()).toEqual([28, 30, 90]);
		expect(fills.map((f) => f.fillId)).toEqual(
			fills.map((_, i) => `F${String(i + 1).padStart(7, '0')}`)
		);
	});

	it('show a realistic adherence spread: each class 50–85 % adherent by PDC, a chunk at 60–79 %', () => {
		const groups = new Map<string, Fill[]>();
		for (const f of fills) {
			const cls = classOf(f.drug);
			if (cls)
				groups.set(`${f.patientId}|${cls}`, [...(groups.get(`${f.patientId}|${cls}`) ?? []), f]);
		}
		const to = END + 1;
		const byClass: Record<string, { eligible: number; adherent: number; band: number }> = {};
		for (const [key, list] of groups) {
			if (new Set(list.map((f) => f.day)).size < 2) continue;
			// PQA PDC as the contract defines it: same-drug supplies chain, a day counts once.
			list.sort((a, b) => a.day - b.day || (a.fillId < b.fillId ? -1 : 1));
			const covered = new Set<number>();
			const chainEnd = new Map<string, number>();
			for (const f of list) {
				const start = Math.max(f.day, chainEnd.get(f.drug) ?? -Infinity);
				for (let x = start; x < start + f.supply && x < to; x++) covered.add(x);
				chainEnd.set(f.drug, start + f.supply);
			}
			const pdc = covered.size / (to - list[0].day);
			const stats = (byClass[key.split('|')[1]] ??= { eligible: 0, adherent: 0, band: 0 });
			stats.eligible++;
			if (pdc >= 0.8) stats.adherent++;
			else if (pdc >= 0.6) stats.band++;
		}
		for (const cls of ['statin', 'ras', 'diabetes']) {
			const { eligible, adherent, band } = byClass[cls];
			expect(adherent / eligible, cls).toBeGreaterThan(0.5);
			expect(adherent / eligible, cls).toBeLessThan(0.85);
			expect(band / eligible, cls).toBeGreaterThan(0.08);
		}
	});

	it('include switches within a class and stops', () => {
		const drugsPerPatientClass = new Map<string, Set<string>>();
		for (const f of fills) {
			const key = `${f.patientId}|${classOf(f.drug)}`;
			drugsPerPatientClass.set(key, (drugsPerPatientClass.get(key) ?? new Set()).add(f.drug));
		}
		expect([...drugsPerPatientClass.values()].filter((s) => s.size > 1).length).toBeGreaterThan(
			100
		);
		// A stopped chain's last supply runs out well before the end date.
		const last = new Map<string, Fill>();
		for (const f of fills) last.set(`${f.patientId}|${f.drug}`, f);
		const stopped = [...last.values()].filter((f) => f.day + f.supply < END - 60);
		expect(stopped.length).toBeGreaterThan(100);
	});
});

describe('refill reminders', () => {
	it('fall in the contact window, to fills patients, with every outcome', () => {
		expect(reminders.length).toBeGreaterThan(500); // ~4,700 per 90 days, so ~1,500 per 30
		const days = reminders.map((r) => Math.floor(r.at / 86_400_000));
		expect(Math.min(...days)).toBeGreaterThanOrEqual(END - 29);
		expect(Math.max(...days)).toBeLessThanOrEqual(END);
		const patients = new Set(fills.map((f) => f.patientId));
		expect(reminders.every((r) => patients.has(r.patientId))).toBe(true);
		expect(new Set(reminders.map((r) => r.outcome))).toEqual(
			new Set(['reached', 'voicemail', 'no_answer', 'refill_requested', 'declined'])
		);
	});

	it('make a refill within 7 days more likely when the patient was reached', () => {
		const fillDays = new Map<string, number[]>();
		for (const f of fills) fillDays.set(f.patientId, [...(fillDays.get(f.patientId) ?? []), f.day]);
		const conversion = (outcomes: string[]) => {
			const list = reminders.filter((r) => outcomes.includes(r.outcome));
			const refilled = list.filter((r) => {
				const day = Math.floor(r.at / 86_400_000);
				return (fillDays.get(r.patientId) ?? []).some((d) => d >= day && d <= day + 7);
			});
			return refilled.length / list.length;
		};
		// fills.ts pulls the refill into the week for 55 % (reached) and 85 % (requested) of those
		// who would have been later; unreached patients refill within the week only on their own.
		expect(conversion(['reached', 'refill_requested'])).toBeGreaterThan(
			conversion(['no_answer', 'voicemail']) + 0.1
		);
	});
});
