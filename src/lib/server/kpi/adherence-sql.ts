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
const PDC_CTE = `period_fills AS (
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

export const ADHERENCE_CLASSES_SQL = `-- PDC adherence per measured class: eligible, adherent, intervention band
WITH ${PDC_CTE},
classes AS (SELECT unnest(['diabetes', 'ras', 'statin']) AS class)
SELECT k.class,
	count(p.patient_id)::INTEGER AS eligible,
	count_if(p.pdc >= $adherent)::INTEGER AS adherent,
	count_if(p.pdc >= $band_low AND p.pdc < $adherent)::INTEGER AS band
FROM classes k LEFT JOIN pdc p ON p.class = k.class
GROUP BY k.class
ORDER BY k.class`;

export const ADHERENCE_PATIENTS_SQL = `-- PDC per eligible patient and class, in contract order
WITH ${PDC_CTE}
SELECT patient_id, class, strftime($from + idx, '%Y-%m-%d') AS index_date,
	treatment_days::INTEGER AS treatment_days, covered_days, pdc, pdc >= $adherent AS adherent
FROM pdc
ORDER BY patient_id, class`;

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
