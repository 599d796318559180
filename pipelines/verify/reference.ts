// Independent reference for the data contract's default KPI definitions (no DuckDB, plain
// loops, clarity over speed). Used by tests/unit/contract-*.test.ts to cross-check the engine.
// Instants are epoch microseconds (numbers; exact up to 2^53 µs ≈ year 2255); dates are
// `YYYY-MM-DD` strings turned into day numbers.

export interface RefInteraction {
	interaction_id: string;
	started_us: number;
	channel: string;
	direction: string;
	patient_id: string | null;
	agent_id: string | null;
	team: string | null;
	reason: string;
	queue_seconds: number | null;
	talk_seconds: number | null;
	hold_seconds: number | null;
	wrap_seconds: number | null;
	disposition: string;
	campaign: string | null;
	outcome: string | null;
}

export interface RefSurvey {
	survey_id: string;
	interaction_id: string | null;
	submitted_us: number;
	csat: number | null;
	nps: number | null;
	ces: number | null;
}

export interface RefFill {
	fill_id: string;
	patient_id: string;
	drug_name: string;
	drug_class: string | null;
	fill_date: string;
	days_supply: number;
}

export type RefBy = 'agent' | 'team' | 'channel' | 'reason' | 'day' | 'week' | 'month';

export interface RefFigures {
	contacts: number;
	handled_inbound: number;
	surveys: number;
	csat: number | null;
	nps: number | null;
	ces: number | null;
	aht_seconds: number | null;
	asa_seconds: number | null;
	abandon_rate: number | null;
	fcr: number | null;
	response_rate: number | null;
}

const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;

/** Compares strings by Unicode code points (what the contract's "code points" order means). */
export function cmpCodePoints(a: string, b: string): number {
	const x = [...a].map((c) => c.codePointAt(0)!);
	const y = [...b].map((c) => c.codePointAt(0)!);
	for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}

export function dayNumber(date: string): number {
	return Date.parse(date + 'T00:00:00Z') / 86_400_000;
}

export function dayString(n: number): string {
	return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

function bucket(us: number, by: 'day' | 'week' | 'month'): string {
	const day = Math.floor(us / DAY_US);
	if (by === 'day') return dayString(day);
	if (by === 'week') {
		const dow = (new Date(day * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
		return dayString(day - dow);
	}
	return dayString(day).slice(0, 8) + '01';
}

const rate = (k: number, n: number) => (n === 0 ? null : (100 * k) / n);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
const isHandledInbound = (i: RefInteraction) =>
	i.direction === 'inbound' && i.disposition !== 'abandoned';

// Same-patient, same-reason interactions (a plain index so the repeat scan stays small).
const indexCache = new WeakMap<RefInteraction[], Map<string, RefInteraction[]>>();
function byPatientReason(all: RefInteraction[]): Map<string, RefInteraction[]> {
	let m = indexCache.get(all);
	if (!m) {
		m = new Map();
		for (const j of all) {
			const k = JSON.stringify([j.patient_id, j.reason]);
			m.set(k, [...(m.get(k) ?? []), j]);
		}
		indexCache.set(all, m);
	}
	return m;
}

function figures(
	ints: RefInteraction[],
	surveys: RefSurvey[],
	all: RefInteraction[],
	linked: Set<string>
): RefFigures {
	const handled = ints.filter(isHandledInbound);
	const inbound = ints.filter((i) => i.direction === 'inbound');
	const csat = surveys.filter((s) => s.csat !== null);
	const nps = surveys.filter((s) => s.nps !== null);
	const fcrBase = handled.filter((i) => i.patient_id !== null);
	const hasRepeat = (i: RefInteraction) =>
		(byPatientReason(all).get(JSON.stringify([i.patient_id, i.reason])) ?? []).some(
			(j) =>
				j.direction === 'inbound' &&
				j.started_us - i.started_us > 0 &&
				j.started_us - i.started_us <= 168 * HOUR_US
		);
	const asa = handled.filter((i) => i.queue_seconds !== null);
	return {
		contacts: ints.length,
		handled_inbound: handled.length,
		surveys: surveys.length,
		csat: rate(csat.filter((s) => s.csat! >= 4).length, csat.length),
		nps: rate(
			nps.filter((s) => s.nps! >= 9).length - nps.filter((s) => s.nps! <= 6).length,
			nps.length
		),
		ces: mean(surveys.filter((s) => s.ces !== null).map((s) => s.ces!)),
		aht_seconds: mean(
			handled.map((i) => (i.talk_seconds ?? 0) + (i.hold_seconds ?? 0) + (i.wrap_seconds ?? 0))
		),
		asa_seconds: mean(asa.map((i) => i.queue_seconds!)),
		abandon_rate: rate(inbound.filter((i) => i.disposition === 'abandoned').length, inbound.length),
		fcr: rate(
			fcrBase.filter((i) => i.disposition === 'resolved' && !hasRepeat(i)).length,
			fcrBase.length
		),
		response_rate: rate(handled.filter((i) => linked.has(i.interaction_id)).length, handled.length)
	};
}

/** The contract's `kpis` for [fromUs, toUs), optionally grouped. */
export function refKpis(
	all: RefInteraction[],
	allSurveys: RefSurvey[],
	fromUs: number,
	toUs: number,
	by?: RefBy
): { total: RefFigures; rows: (RefFigures & { key: string | null })[] } {
	const byId = new Map(all.map((i) => [i.interaction_id, i]));
	const linked = new Set(
		allSurveys
			.filter((s) => s.interaction_id && byId.has(s.interaction_id))
			.map((s) => s.interaction_id!)
	);
	const ints = all.filter((i) => i.started_us >= fromUs && i.started_us < toUs);
	const surveys = allSurveys.filter((s) => s.submitted_us >= fromUs && s.submitted_us < toUs);
	const total = figures(ints, surveys, all, linked);
	if (!by) return { total, rows: [] };
	const timeBy = by === 'day' || by === 'week' || by === 'month';
	const field = (i: RefInteraction): string | null =>
		timeBy
			? bucket(i.started_us, by)
			: by === 'agent'
				? i.agent_id
				: by === 'team'
					? i.team
					: by === 'channel'
						? i.channel
						: i.reason;
	const groups = new Map<string | null, { ints: RefInteraction[]; surveys: RefSurvey[] }>();
	const group = (k: string | null) => {
		if (!groups.has(k)) groups.set(k, { ints: [], surveys: [] });
		return groups.get(k)!;
	};
	for (const i of ints) group(field(i)).ints.push(i);
	for (const s of surveys) {
		if (timeBy) group(bucket(s.submitted_us, by)).surveys.push(s);
		else {
			const i = s.interaction_id === null ? undefined : byId.get(s.interaction_id);
			if (i) group(field(i)).surveys.push(s);
		}
	}
	const keys = [...groups.keys()].sort((a, b) =>
		a === null ? 1 : b === null ? -1 : cmpCodePoints(a, b)
	);
	const rows = keys.map((key) => {
		const g = groups.get(key)!;
		return { key, ...figures(g.ints, g.surveys, all, linked) };
	});
	return { total, rows };
}

export const CLASS_TABLE: Record<string, string> = Object.fromEntries([
	...'atorvastatin fluvastatin lovastatin pitavastatin pravastatin rosuvastatin simvastatin'
		.split(' ')
		.map((d) => [d, 'statin']),
	...(
		'benazepril captopril enalapril fosinopril lisinopril moexipril perindopril quinapril ' +
		'ramipril trandolapril azilsartan candesartan eprosartan irbesartan losartan olmesartan ' +
		'telmisartan valsartan aliskiren'
	)
		.split(' ')
		.map((d) => [d, 'ras']),
	...(
		'metformin glimepiride glipizide glyburide pioglitazone rosiglitazone alogliptin linagliptin ' +
		'saxagliptin sitagliptin canagliflozin dapagliflozin empagliflozin ertugliflozin dulaglutide ' +
		'exenatide liraglutide lixisenatide semaglutide tirzepatide nateglinide repaglinide'
	)
		.split(' ')
		.map((d) => [d, 'diabetes'])
]);

const byDateThenId = (a: RefFill, b: RefFill) =>
	a.fill_date < b.fill_date
		? -1
		: a.fill_date > b.fill_date
			? 1
			: cmpCodePoints(a.fill_id, b.fill_id);

export interface RefPatient {
	patient_id: string;
	class: string;
	index_date: string;
	treatment_days: number;
	covered_days: number;
	pdc: number;
	adherent: boolean;
}

/** PDC, refill on time and the reminder funnel for dates [from, to). */
export function refAdherence(
	fills: RefFill[],
	interactions: RefInteraction[],
	from: string,
	to: string
) {
	const f0 = dayNumber(from);
	const t0 = dayNumber(to);
	const inPeriod = fills.filter((f) => dayNumber(f.fill_date) >= f0 && dayNumber(f.fill_date) < t0);
	const classOf = (f: RefFill) => f.drug_class ?? CLASS_TABLE[f.drug_name] ?? 'other';
	const groups = new Map<string, RefFill[]>();
	for (const f of inPeriod) {
		const c = classOf(f);
		if (c !== 'diabetes' && c !== 'ras' && c !== 'statin') continue;
		const k = JSON.stringify([f.patient_id, c]);
		if (!groups.has(k)) groups.set(k, []);
		groups.get(k)!.push(f);
	}
	const patients: RefPatient[] = [];
	for (const [k, fs] of groups) {
		const [patient_id, cls] = JSON.parse(k) as [string, string];
		if (new Set(fs.map((f) => f.fill_date)).size < 2) continue;
		const index = Math.min(...fs.map((f) => dayNumber(f.fill_date)));
		const covered = new Set<number>();
		const drugs = new Map<string, RefFill[]>();
		for (const f of fs) drugs.set(f.drug_name, [...(drugs.get(f.drug_name) ?? []), f]);
		for (const chain of drugs.values()) {
			let prevEnd = -Infinity;
			for (const f of [...chain].sort(byDateThenId)) {
				const start = Math.max(dayNumber(f.fill_date), prevEnd + 1);
				const end = start + f.days_supply - 1;
				for (let d = start; d <= end; d++) if (d >= index && d < t0) covered.add(d);
				prevEnd = end;
			}
		}
		const pdc = covered.size / (t0 - index);
		patients.push({
			patient_id,
			class: cls,
			index_date: dayString(index),
			treatment_days: t0 - index,
			covered_days: covered.size,
			pdc,
			adherent: pdc >= 0.8
		});
	}
	patients.sort(
		(a, b) => cmpCodePoints(a.patient_id, b.patient_id) || cmpCodePoints(a.class, b.class)
	);
	const classes = ['diabetes', 'ras', 'statin'].map((c) => {
		const ps = patients.filter((p) => p.class === c);
		const adherent = ps.filter((p) => p.adherent).length;
		return {
			class: c,
			eligible: ps.length,
			adherent,
			rate: ps.length ? adherent / ps.length : null
		};
	});
	// refill on time: consecutive fills of patient + drug_name (any class), both in the period
	const chains = new Map<string, RefFill[]>();
	for (const f of inPeriod) {
		const k = JSON.stringify([f.patient_id, f.drug_name]);
		chains.set(k, [...(chains.get(k) ?? []), f]);
	}
	let pairs = 0;
	let onTime = 0;
	for (const fs of chains.values()) {
		const s = [...fs].sort(byDateThenId);
		for (let i = 1; i < s.length; i++) {
			pairs++;
			if (dayNumber(s[i].fill_date) <= dayNumber(s[i - 1].fill_date) + s[i - 1].days_supply + 7)
				onTime++;
		}
	}
	// reminder funnel
	const reminders = interactions.filter(
		(i) =>
			i.direction === 'outbound' &&
			i.campaign === 'refill_reminder' &&
			i.started_us >= f0 * DAY_US &&
			i.started_us < t0 * DAY_US
	);
	const refilled = reminders.filter((r) => {
		if (r.patient_id === null) return false;
		const d = Math.floor(r.started_us / DAY_US);
		return fills.some(
			(f) =>
				f.patient_id === r.patient_id &&
				dayNumber(f.fill_date) >= d &&
				dayNumber(f.fill_date) <= d + 7
		);
	}).length;
	return {
		from,
		to,
		classes,
		patients,
		refill_on_time: { pairs, on_time: onTime, rate: pairs ? onTime / pairs : null },
		reminder_funnel: {
			reminded: reminders.length,
			reached: reminders.filter((r) => r.outcome === 'reached' || r.outcome === 'refill_requested')
				.length,
			refill_requested: reminders.filter((r) => r.outcome === 'refill_requested').length,
			refilled
		}
	};
}
