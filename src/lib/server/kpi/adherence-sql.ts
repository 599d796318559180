// The one SQL definition of PDC (PQA method, data contract "PDC"), refill on-time and the refill
// reminder funnel. Days are integers counted from the period start ($from), so the period is
// [0, $days). Set-based throughout — no per-patient loop — so 5M fills run in seconds:
//
// 1. Same-drug chaining has a closed form. With fills i of one patient+class+drug ordered by
//    fill_date then fill_id, d = fill day, s = supply and C = running sum of s (inclusive),
//    start_i = max(d_i, start_{i-1} + s_{i-1}) unrolls to
//    start_i = (C_i − s_i) + max_{j ≤ i}(d_j + s_j − C_j) — two window passes, no recursion.
// 2. Covered days across drugs of a class = length of the union of [start, min(start + s, end)):
//    sorted by start, each interval adds max(0, end_i − max(start_i, max end of earlier ones)).
//    A patient+class with one drug is one chain, whose spans never overlap (each starts at or
//    after the previous one's end), so it skips that window: each span adds end − start.

import { localTsSql } from '../time/index.ts';

/** PDC per eligible patient and class. Columns: patient_id, class, idx, treatment_days, covered_days, pdc. */
const RAW_PDC_CTE = `period_fills AS (
	SELECT f.fill_id, f.patient_id, f.drug_name,
		coalesce(f.drug_class, dc.drug_class, 'other') AS class,
		(f.fill_date - $from)::INTEGER AS d, f.days_supply AS s
	FROM fills f
	LEFT JOIN (SELECT drug_name, any_value(drug_class) AS drug_class FROM drug_classes GROUP BY drug_name) dc
		ON dc.drug_name = f.drug_name
	WHERE f.fill_date >= $from AND f.fill_date < $to
),
measured AS (
	SELECT * FROM period_fills WHERE class IN ('diabetes', 'ras', 'statin')
),
insulin_users AS (
	SELECT DISTINCT patient_id FROM period_fills WHERE $exclude_insulin AND drug_name LIKE '%insulin%'
),
eligible AS (
	SELECT patient_id, class, min(d) AS idx, $days - min(d) AS treatment_days,
		min(drug_name) = max(drug_name) AS one_drug
	FROM measured
	GROUP BY patient_id, class
	HAVING count(DISTINCT d) >= $min_dates AND $days - min(d) >= $min_treatment_days
),
eligible_kept AS (
	SELECT * FROM eligible e
	WHERE NOT (e.class = 'diabetes' AND e.patient_id IN (SELECT patient_id FROM insulin_users))
),
running AS (
	SELECT m.patient_id, m.class, m.drug_name, m.fill_id, m.d, m.s, e.one_drug,
		sum(m.s) OVER chain AS c
	FROM measured m JOIN eligible_kept e ON e.patient_id = m.patient_id AND e.class = m.class
	WINDOW chain AS (PARTITION BY m.patient_id, m.class, m.drug_name ORDER BY m.d, m.fill_id
		ROWS UNBOUNDED PRECEDING)
),
chained AS (
	SELECT patient_id, class, s, one_drug,
		c - s + max(d + s - c) OVER (PARTITION BY patient_id, class, drug_name ORDER BY d, fill_id
			ROWS UNBOUNDED PRECEDING) AS start
	FROM running
),
spans AS (
	SELECT patient_id, class, one_drug, start, least(start + s, $days) AS stop
	FROM chained WHERE start < $days
),
merged AS (
	SELECT patient_id, class, start, stop,
		max(stop) OVER (PARTITION BY patient_id, class ORDER BY start, stop
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	FROM spans WHERE NOT one_drug
	UNION ALL
	SELECT patient_id, class, start, stop, NULL FROM spans WHERE one_drug
),
covered AS (
	SELECT patient_id, class, sum(greatest(0, stop - greatest(start, coalesce(reach, start))))::INTEGER AS covered_days
	FROM merged GROUP BY patient_id, class
),
pdc AS (
	SELECT e.patient_id, e.class, e.idx, e.treatment_days, coalesce(c.covered_days, 0) AS covered_days,
		coalesce(c.covered_days, 0) / e.treatment_days AS pdc
	FROM eligible_kept e LEFT JOIN covered c ON c.patient_id = e.patient_id AND c.class = e.class
)`;

// With fact_fills (derived.ts) a single-drug chain needs no window: its last supply ends at
// end = max_j(d_j + s_j + … + s_n) = max_j(d_j − G_j) + Σs + min G (G_j = the supply of the chain's
// earlier fills, all time; in a period the chain starts at its first fill there, whose G is the
// least), and since every fill is dated before `to`, the days past `to` are one unbroken run, so
// covered = Σs − max(0, end − days). So one grouping of the period's fills by patient, drug and
// class gives every single-drug pair its PDC; pairs with several drugs, or whose drug's fills fall
// in different classes, take the windows of the raw path over their own fills only.
// `distinctDates` counts a group's distinct fill days (cheaper when only 1 or 2 matter).
const storedPdcCte = (distinctDates: string) => `period_fills AS (
	SELECT f.fill_id, f.patient_id, f.drug_name,
		coalesce(f.drug_class, dc.drug_class, 'other') AS class,
		(f.fill_date - $from)::INTEGER AS d, f.days_supply AS s, f.supply_before AS g
	FROM fact_fills f
	LEFT JOIN (SELECT drug_name, any_value(drug_class) AS drug_class FROM drug_classes GROUP BY drug_name) dc
		ON dc.drug_name = f.drug_name
	WHERE f.fill_date >= $from AND f.fill_date < $to
),
by_drug AS MATERIALIZED (
	SELECT patient_id, drug_name, class, ${distinctDates} AS dates, min(d) AS first_d,
		sum(s) AS supply, max(d - g) AS reach, min(g) AS g0
	FROM period_fills GROUP BY patient_id, drug_name, class
),
mixed_drugs AS (
	SELECT patient_id, drug_name FROM by_drug GROUP BY ALL HAVING count(*) > 1
),
insulin_users AS (
	SELECT DISTINCT patient_id FROM by_drug WHERE $exclude_insulin AND drug_name LIKE '%insulin%'
),
pairs AS (
	SELECT b.patient_id, b.class, count(*) AS drugs, count(x.patient_id) AS mixed,
		min(b.first_d) AS first_d, any_value(b.dates) AS dates, any_value(b.supply) AS supply,
		any_value(b.reach) AS reach, any_value(b.g0) AS g0
	FROM by_drug b LEFT JOIN mixed_drugs x ON x.patient_id = b.patient_id AND x.drug_name = b.drug_name
	WHERE b.class IN ('diabetes', 'ras', 'statin')
	GROUP BY b.patient_id, b.class
),
measured AS (
	SELECT * FROM period_fills WHERE class IN ('diabetes', 'ras', 'statin')
),
multi_dates AS (
	SELECT m.patient_id, m.class, ${distinctDates} AS dates
	FROM measured m SEMI JOIN (SELECT patient_id, class FROM pairs WHERE drugs > 1) p
		ON p.patient_id = m.patient_id AND p.class = m.class
	GROUP BY m.patient_id, m.class
),
eligible_kept AS (
	SELECT p.patient_id, p.class, p.first_d AS idx, $days - p.first_d AS treatment_days,
		p.drugs = 1 AND p.mixed = 0 AS one_drug, p.supply, p.reach, p.g0
	FROM pairs p LEFT JOIN multi_dates md ON md.patient_id = p.patient_id AND md.class = p.class
	WHERE coalesce(md.dates, p.dates) >= $min_dates AND $days - p.first_d >= $min_treatment_days
		AND NOT (p.class = 'diabetes' AND p.patient_id IN (SELECT patient_id FROM insulin_users))
),
single AS (
	SELECT patient_id, class, (supply - greatest(0, reach + supply + g0 - $days))::INTEGER AS covered_days
	FROM eligible_kept WHERE one_drug
),
running AS (
	SELECT m.patient_id, m.class, m.drug_name, m.fill_id, m.d, m.s,
		sum(m.s) OVER chain AS c
	FROM measured m JOIN eligible_kept e ON e.patient_id = m.patient_id AND e.class = m.class
	WHERE NOT e.one_drug
	WINDOW chain AS (PARTITION BY m.patient_id, m.class, m.drug_name ORDER BY m.d, m.fill_id
		ROWS UNBOUNDED PRECEDING)
),
chained AS (
	SELECT patient_id, class, s,
		c - s + max(d + s - c) OVER (PARTITION BY patient_id, class, drug_name ORDER BY d, fill_id
			ROWS UNBOUNDED PRECEDING) AS start
	FROM running
),
spans AS (
	SELECT patient_id, class, start, least(start + s, $days) AS stop FROM chained WHERE start < $days
),
merged AS (
	SELECT patient_id, class, start, stop,
		max(stop) OVER (PARTITION BY patient_id, class ORDER BY start, stop
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	FROM spans
),
covered AS (
	SELECT patient_id, class, sum(greatest(0, stop - greatest(start, coalesce(reach, start))))::INTEGER AS covered_days
	FROM merged GROUP BY patient_id, class
	UNION ALL
	SELECT * FROM single
),
pdc AS (
	SELECT e.patient_id, e.class, e.idx, e.treatment_days, coalesce(c.covered_days, 0) AS covered_days,
		coalesce(c.covered_days, 0) / e.treatment_days AS pdc
	FROM eligible_kept e LEFT JOIN covered c ON c.patient_id = e.patient_id AND c.class = e.class
)`;

/** How the PDC CTEs are built: from the stored facts or the raw fills, and the least fill dates. */
export interface PdcSqlOptions {
	stored: boolean;
	minDates: number;
}

// Distinct fill days matter only up to the least number a patient needs: with 1 or 2 the first
// and last day of the group tell (cheaper than counting distinct days).
const pdcCte = (o: PdcSqlOptions) =>
	o.stored
		? storedPdcCte(
				o.minDates <= 2 ? 'CASE WHEN min(d) < max(d) THEN 2 ELSE 1 END' : 'count(DISTINCT d)'
			)
		: RAW_PDC_CTE;

export const adherenceClassesSql = (
	o: PdcSqlOptions
) => `-- PDC adherence per measured class: eligible, adherent, intervention band
WITH ${pdcCte(o)},
classes AS (SELECT unnest(['diabetes', 'ras', 'statin']) AS class)
SELECT k.class,
	count(p.patient_id)::INTEGER AS eligible,
	count_if(p.pdc >= $adherent)::INTEGER AS adherent,
	count_if(p.pdc >= $band_low AND p.pdc < $adherent)::INTEGER AS band
FROM classes k LEFT JOIN pdc p ON p.class = k.class
GROUP BY k.class
ORDER BY k.class`;

export const adherencePatientsSql = (
	o: PdcSqlOptions
) => `-- PDC per eligible patient and class, in contract order
WITH ${pdcCte(o)}
SELECT patient_id, class, strftime($from + idx, '%Y-%m-%d') AS index_date,
	treatment_days::INTEGER AS treatment_days, covered_days, pdc, pdc >= $adherent AS adherent
FROM pdc
ORDER BY patient_id, class`;

/** From fact_fills: a fill's global next fill is its next in the period when dated before `to`. */
export const STORED_REFILL_ON_TIME_SQL = `-- consecutive same patient+drug fills in the period, on time within supply + grace
SELECT count_if(next_date < $to)::INTEGER AS pairs,
	count_if(next_date < $to AND next_date <= fill_date + days_supply + $grace)::INTEGER AS on_time
FROM fact_fills WHERE fill_date >= $from AND fill_date < $to`;

export const REFILL_ON_TIME_SQL = `-- consecutive same patient+drug fills in the period, on time within supply + grace
SELECT count(next_date)::INTEGER AS pairs,
	count_if(next_date <= fill_date + days_supply + $grace)::INTEGER AS on_time
FROM (
	SELECT fill_date, days_supply,
		lead(fill_date) OVER (PARTITION BY patient_id, drug_name ORDER BY fill_date, fill_id) AS next_date
	FROM fills
	WHERE fill_date >= $from AND fill_date < $to
)`;

/**
 * The refill-reminder funnel over reminders started in [$from_ts, $to_ts): each stage counts
 * reminders, stages not nested; "refilled" looks from the reminder's local date (site time zone,
 * `$tz` unless `utc`) through $window days after it.
 */
export function reminderFunnelSql(utc: boolean): string {
	const day = utc ? 'CAST(r.started_at AS DATE)' : `CAST(${localTsSql('r.started_at')} AS DATE)`;
	return `-- refill-reminder funnel: each stage counts reminders, stages not nested
SELECT count(*)::INTEGER AS reminded,
	count_if(outcome IN ('reached', 'refill_requested'))::INTEGER AS reached,
	count_if(outcome = 'refill_requested')::INTEGER AS refill_requested,
	count_if(patient_id IS NOT NULL AND EXISTS (
		SELECT 1 FROM fills f
		WHERE f.patient_id = r.patient_id
			AND f.fill_date BETWEEN ${day} AND ${day} + $window
	))::INTEGER AS refilled
FROM interactions r
WHERE direction = 'outbound' AND campaign = 'refill_reminder'
	AND started_at >= $from_ts AND started_at < $to_ts`;
}

/**
 * The same funnel from fact_reminders (derived.ts): the reminder's local date is its UTC date or
 * a day either side, and each of those has its first fill stored, so "refilled" is a comparison.
 */
export function storedReminderFunnelSql(utc: boolean): string {
	const day = utc ? 'CAST(started_at AS DATE)' : `CAST(${localTsSql('started_at')} AS DATE)`;
	return `-- refill-reminder funnel from the maintained reminder facts
SELECT count(*)::INTEGER AS reminded,
	count_if(outcome IN ('reached', 'refill_requested'))::INTEGER AS reached,
	count_if(outcome = 'refill_requested')::INTEGER AS refill_requested,
	count_if(CASE local_day - CAST(started_at AS DATE)
		WHEN -1 THEN fill_from_before WHEN 0 THEN fill_from_day ELSE fill_from_after END
		<= local_day + $window)::INTEGER AS refilled
FROM (
	SELECT started_at, outcome, fill_from_before, fill_from_day, fill_from_after, ${day} AS local_day
	FROM fact_reminders WHERE started_at >= $from_ts AND started_at < $to_ts
)`;
}
