// Targets per KPI, optionally scoped to a team and/or channel (seeded by migration 0002), and the
// met / near / missed status. The most specific target wins: team+channel > channel > team > global.
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';

export const TARGET_KPIS = [
	'csat',
	'nps',
	'ces',
	'fcr',
	'aht',
	'asa',
	'abandon',
	'response',
	'pdc_adherent_share',
	'refill_on_time'
] as const;
export type TargetKpi = (typeof TARGET_KPIS)[number];

export const KPI_LABELS: Record<TargetKpi, string> = {
	csat: 'CSAT',
	nps: 'NPS',
	ces: 'Customer effort (CES)',
	fcr: 'First-contact resolution',
	aht: 'Average handle time',
	asa: 'Average speed of answer',
	abandon: 'Abandon rate',
	response: 'Survey response rate',
	pdc_adherent_share: 'PDC adherent share',
	refill_on_time: 'Refills on time'
};

/** Units of each KPI's figure (and so of its target): rates 0–100, fractions 0–1, seconds, points. */
export const KPI_UNITS: Record<TargetKpi, '%' | 'pts' | 's' | 'score' | 'share'> = {
	csat: '%',
	nps: 'pts',
	ces: 'score',
	fcr: '%',
	aht: 's',
	asa: 's',
	abandon: '%',
	response: '%',
	pdc_adherent_share: 'share',
	refill_on_time: 'share'
};
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
VALUES ($kpi, $team, $channel, $comparison, $value, now(), $actor)`;

export class TargetError extends Error {}

export async function listTargets(db: Db): Promise<Target[]> {
	const rows = await db.all<Record<string, unknown>>(LIST_TARGETS);
	return rows.map((r) => ({
		kpi: r.kpi as TargetKpi,
		team: (r.team as string | null) ?? null,
		channel: (r.channel as string | null) ?? null,
		comparison: r.comparison as Comparison,
		value: Number(r.value),
		updatedAt: String(r.updated_at),
		updatedBy: String(r.updated_by)
	}));
}

export interface TargetInput {
	kpi: string;
	team?: string | null;
	channel?: string | null;
	comparison: string;
	value: number;
}

const blankToNull = (v: string | null | undefined) => {
	const t = v?.trim().toLowerCase() ?? '';
	return t === '' ? null : t;
};

/** Sets (inserts or replaces) the target for one KPI and scope. */
export async function upsertTarget(db: Db, input: TargetInput, actor: string): Promise<Target> {
	if (!(TARGET_KPIS as readonly string[]).includes(input.kpi)) {
		throw new TargetError(`"${input.kpi}" is not a KPI with targets (${TARGET_KPIS.join(', ')}).`);
	}
	if (input.comparison !== 'min' && input.comparison !== 'max') {
		throw new TargetError('A target is either a minimum (≥) or a maximum (≤).');
	}
	if (!Number.isFinite(input.value)) throw new TargetError('A target value must be a number.');
	const fraction = input.kpi === 'pdc_adherent_share' || input.kpi === 'refill_on_time';
	if (fraction && (input.value < 0 || input.value > 1)) {
		throw new TargetError(
			'PDC adherent share and refill on-time targets are fractions from 0 to 1 (e.g. 0.8).'
		);
	}
	const row = {
		kpi: input.kpi,
		team: blankToNull(input.team),
		channel: blankToNull(input.channel),
		comparison: input.comparison,
		value: input.value
	};
	await db.transaction(async (conn) => {
		await conn.run(DELETE_TARGET, { kpi: row.kpi, team: row.team, channel: row.channel });
		await conn.run(INSERT_TARGET, { ...row, actor });
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
