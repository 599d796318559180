// Targets per KPI, optionally scoped to a team and/or channel (seeded by migration 0002), and the
// met / near / missed status. The most specific target wins: team+channel > channel > team > global.
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { now, tsParam } from '../time/index.ts';
import { KPI_IDS, KPIS, kpiDef, targetComparison, type KpiId, type Unit } from './registry.ts';

/** Every KPI takes targets; labels, units, direction and valid range come from the registry. */
export const TARGET_KPIS = KPI_IDS;
export type TargetKpi = KpiId;

export const KPI_LABELS = Object.fromEntries(KPIS.map((k) => [k.id, k.label])) as Record<
	TargetKpi,
	string
>;
export const KPI_UNITS = Object.fromEntries(KPIS.map((k) => [k.id, k.unit])) as Record<
	TargetKpi,
	Unit
>;
export type Comparison = 'min' | 'max';
export type Status = 'met' | 'near' | 'missed';

export interface Target {
	kpi: TargetKpi;
	team: string | null;
	channel: string | null;
	/** 'min': the figure should be ≥ value; 'max': ≤ value. */
	comparison: Comparison;
	value: number;
	updatedAt: string;
	updatedBy: string;
}

const LIST_TARGETS = `-- every target, global ones first within a KPI
SELECT kpi, team, channel, comparison, value, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, updated_by
FROM kpi_targets
ORDER BY kpi, team NULLS FIRST, channel NULLS FIRST`;
const DELETE_TARGET = `-- remove the target of one KPI and scope (null scope = any)
DELETE FROM kpi_targets
WHERE kpi = $kpi AND team IS NOT DISTINCT FROM $team AND channel IS NOT DISTINCT FROM $channel`;
const INSERT_TARGET = `-- store one target with who set it
INSERT INTO kpi_targets (kpi, team, channel, comparison, value, updated_at, updated_by)
VALUES ($kpi, $team, $channel, $comparison, $value, $at, $actor)`;

export class TargetError extends Error {}

export async function listTargets(db: Db): Promise<Target[]> {
	const rows = await db.all<Record<string, unknown>>(LIST_TARGETS);
	return rows.flatMap((r) => {
		const def = kpiDef(String(r.kpi));
		// A target of a KPI this version does not know is left alone, not judged against.
		if (!def) return [];
		return [
			{
				kpi: def.id as TargetKpi,
				team: (r.team as string | null) ?? null,
				channel: (r.channel as string | null) ?? null,
				// The registry decides the direction, whatever an older version stored.
				comparison: targetComparison(def),
				value: Number(r.value),
				updatedAt: String(r.updated_at),
				updatedBy: String(r.updated_by)
			}
		];
	});
}

export interface TargetInput {
	kpi: string;
	team?: string | null;
	channel?: string | null;
	/** Optional: the registry decides; a contrary one is refused. */
	comparison?: string;
	value: number;
}

const UNIT_WORDS: Record<Unit, string> = {
	'%': ' %',
	pts: ' points',
	s: ' seconds',
	score: '',
	share: ' (a fraction, e.g. 0.8)'
};

/** Checks a target against its KPI's registry entry; returns the comparison or throws a sentence. */
export function validateTarget(input: TargetInput): Comparison {
	const def = kpiDef(input.kpi);
	if (!def) {
		throw new TargetError(`"${input.kpi}" is not a KPI with targets (${TARGET_KPIS.join(', ')}).`);
	}
	const comparison = targetComparison(def);
	if (input.comparison !== undefined && input.comparison !== comparison) {
		throw new TargetError(
			`${def.label} is better ${def.better}, so its target is ${comparison === 'min' ? 'a minimum (≥)' : 'a maximum (≤)'}.`
		);
	}
	const [low, high] = def.targetRange;
	if (!Number.isFinite(input.value) || input.value < low || input.value > high) {
		throw new TargetError(
			`${def.label} targets lie between ${low} and ${high}${UNIT_WORDS[def.unit]}.`
		);
	}
	return comparison;
}

const blankToNull = (v: string | null | undefined) => {
	const t = v?.trim().toLowerCase() ?? '';
	return t === '' ? null : t;
};

/** Sets (inserts or replaces) the target for one KPI and scope. */
export async function upsertTarget(db: Db, input: TargetInput, actor: string): Promise<Target> {
	const comparison = validateTarget(input);
	const row = {
		kpi: input.kpi,
		team: blankToNull(input.team),
		channel: blankToNull(input.channel),
		comparison,
		value: input.value
	};
	await db.transaction(async (conn) => {
		await conn.run(DELETE_TARGET, { kpi: row.kpi, team: row.team, channel: row.channel });
		await conn.run(INSERT_TARGET, { ...row, actor, at: tsParam(now()) });
		await audit(conn, {
			actor,
			action: 'kpi.target_set',
			subjectType: 'kpi_target',
			subjectId: row.kpi,
			detail: row
		});
	});
	const saved = (await listTargets(db)).find(
		(t) => t.kpi === row.kpi && t.team === row.team && t.channel === row.channel
	);
	if (!saved) throw new Error('The target was written but cannot be read back.');
	return saved;
}

export async function deleteTarget(
	db: Db,
	scope: { kpi: string; team?: string | null; channel?: string | null },
	actor: string
): Promise<void> {
	const row = {
		kpi: scope.kpi,
		team: blankToNull(scope.team),
		channel: blankToNull(scope.channel)
	};
	await db.transaction(async (conn) => {
		await conn.run(DELETE_TARGET, row);
		await audit(conn, {
			actor,
			action: 'kpi.target_remove',
			subjectType: 'kpi_target',
			subjectId: row.kpi,
			detail: row
		});
	});
}

/** The target that applies to a figure filtered by team/channel: most specific scope first. */
export function findTarget(
	targets: readonly Target[],
	kpi: TargetKpi,
	scope: { team?: string | null; channel?: string | null }
): Target | null {
	const team = scope.team ?? null;
	const channel = scope.channel ?? null;
	const candidates = targets.filter(
		(t) =>
			t.kpi === kpi &&
			(t.team === null || t.team === team) &&
			(t.channel === null || t.channel === channel)
	);
	const rank = (t: Target) =>
		t.team !== null && t.channel !== null ? 3 : t.channel !== null ? 2 : t.team !== null ? 1 : 0;
	return candidates.sort((a, b) => rank(b) - rank(a))[0] ?? null;
}

/**
 * met: the figure meets the target. near: it misses by at most nearPct % of the target's size.
 * missed: otherwise. null when there is no figure or no target.
 */
export function targetStatus(
	value: number | null,
	target: Target | null,
	nearPct: number
): Status | null {
	if (value === null || target === null) return null;
	const met = target.comparison === 'min' ? value >= target.value : value <= target.value;
	if (met) return 'met';
	const gap = Math.abs(value - target.value);
	return gap <= (Math.abs(target.value) * nearPct) / 100 ? 'near' : 'missed';
}
