// Every write that stamps "when" takes it from the app's one clock (time/index.ts), never from
// DuckDB's own now(): with the clock pinned, each stamp below must read back as the pinned instant.
// Before this, targets, drug classes, saved mappings, NDC entries and QA evaluations, disputes,
// calibration sessions and coaching hand-overs carried the machine's time instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createTestDb } from '../../src/lib/server/db/testing.ts';
import { setClock } from '../../src/lib/server/time/index.ts';
import { listTargets, upsertTarget } from '../../src/lib/server/kpi/targets.ts';
import { setDrugClass } from '../../src/lib/server/kpi/drug-classes.ts';
import { listMappings, saveMapping } from '../../src/lib/server/ingest/presets/saved.ts';
import { ndcEntry, setNdc } from '../../src/lib/server/ingest/presets/ndc.ts';
import type { Mapping } from '../../src/lib/server/ingest/presets/mapping.ts';
import {
	acknowledgeEvaluation,
	createEvaluation,
	disputeEvaluation,
	resolveDispute
} from '../../src/lib/server/qa/evaluations.ts';
import { getCurrentRubricVersion } from '../../src/lib/server/qa/rubrics.ts';
import {
	createSession,
	getSession,
	scoreInSession,
	submitSession
} from '../../src/lib/server/qa/calibration/sessions.ts';
import { moveItem } from '../../src/lib/server/qa/claims.ts';
import {
	addDailyInteractions,
	addUser,
	PERFECT_ANSWERS
} from '../../src/lib/server/qa/test-fixtures.ts';

// A pinned instant far from the machine's real time (the suite runs in 2026 or later).
const PINNED = new Date('2025-03-04T05:06:07Z');
const STAMP = '2025-03-04 05:06:07';
const lead = { id: 'lead', name: 'Lee Lead' };
const agent = { id: 'staff', name: 'Ana Agent' };

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	setClock(PINNED);
});
afterEach(async () => {
	setClock();
	await db.close();
});

/** The stamps a query returns, as 'YYYY-MM-DD HH:MM:SS' (the columns are UTC TIMESTAMPs). */
async function stamps(sql: string): Promise<string[]> {
	const rows = await db.all<{ t: string }>(
		`SELECT strftime(t, '%Y-%m-%d %H:%M:%S') AS t FROM (${sql})`
	);
	return rows.map((r) => r.t);
}

describe('writes stamped by the shared clock', () => {
	it('targets, drug classes, saved mappings and NDC entries', async () => {
		await upsertTarget(
			db,
			{ kpi: 'csat', team: null, channel: 'voice', comparison: 'min', value: 85 },
			'admin'
		);
		const voice = (await listTargets(db)).find((t) => t.kpi === 'csat' && t.channel === 'voice');
		expect(voice?.updatedAt).toBe('2025-03-04T05:06:07Z');

		await setDrugClass(db, 'Metformin', 'diabetes', 'admin');
		expect(
			await stamps(`SELECT updated_at AS t FROM drug_classes WHERE drug_name = 'metformin'`)
		).toEqual([STAMP]);

		const mapping = { name: 'Night shift export', kind: 'interactions', columns: {} };
		await saveMapping(db, mapping as unknown as Mapping, 'admin');
		expect((await listMappings(db)).map((m) => m.updatedAt)).toEqual(['2025-03-04T05:06:07Z']);

		await setNdc(db, [ndcEntry('00093-7214-01', 'atorvastatin', 'statin')], 'admin');
		expect(
			await stamps(
				`SELECT updated_at AS t FROM ndc_products WHERE drug_name = 'atorvastatin' AND updated_by = 'admin'`
			)
		).toEqual([STAMP]);
	});

	it('an evaluation, its history, dispute and resolution', async () => {
		await addDailyInteractions(db, { agent: 'A1', start: '2025-03-02', days: 1, perDay: 1 });
		const { versionId } = await getCurrentRubricVersion(db);
		const answers = PERFECT_ANSWERS;
		const { evaluationId: id } = await createEvaluation(
			db,
			{ interactionId: 'A1-d0-0', versionId, answers, release: true },
			lead
		);
		await disputeEvaluation(db, id, agent, 'Empathy was there at 1:10.');
		await resolveDispute(db, id, lead, { resolution: 'changed', answers }, 'Agreed.');
		await acknowledgeEvaluation(db, id, agent, null);
		const e = `FROM qa_evaluations WHERE evaluation_id = ${id}`;
		expect(await stamps(`SELECT created_at AS t ${e}`)).toEqual([STAMP]);
		expect(await stamps(`SELECT released_at AS t ${e}`)).toEqual([STAMP]);
		expect(await stamps(`SELECT acknowledged_at AS t ${e}`)).toEqual([STAMP]);
		expect(await stamps(`SELECT updated_at AS t ${e}`)).toEqual([STAMP]);
		// submitted, released, disputed, resolved, acknowledged: five steps, all at the pinned time.
		expect(
			await stamps(`SELECT happened_at AS t FROM qa_evaluation_history WHERE evaluation_id = ${id}`)
		).toEqual([STAMP, STAMP, STAMP, STAMP, STAMP]);
		expect(
			await stamps(`SELECT opened_at AS t FROM qa_disputes WHERE evaluation_id = ${id}`)
		).toEqual([STAMP]);
		expect(
			await stamps(`SELECT resolved_at AS t FROM qa_disputes WHERE evaluation_id = ${id}`)
		).toEqual([STAMP]);
	});

	it('a calibration session and a coaching task handed to a lead', async () => {
		await addDailyInteractions(db, { agent: 'A1', start: '2025-03-02', days: 1, perDay: 1 });
		for (const id of ['lead', 'g1', 'g2', 'expert'])
			await addUser(db, { id, name: id.toUpperCase(), role: 'qa_lead' });
		const sessionId = await createSession(
			db,
			{ name: 'March', interactionIds: ['A1-d0-0'], graderIds: ['g1', 'g2'], expertId: 'expert' },
			lead
		);
		expect(await stamps(`SELECT created_at AS t FROM qa_calibration_sessions`)).toEqual([STAMP]);
		// A grader scores twice (the second save updates the first) and submits.
		const session = (await getSession(db, sessionId))!;
		const g1 = { id: 'g1', name: 'G1' };
		for (const empathy of [4, 5])
			await scoreInSession(
				db,
				session,
				{ interactionId: 'A1-d0-0', answers: { ...PERFECT_ANSWERS, empathy } },
				g1
			);
		await submitSession(db, (await getSession(db, sessionId))!, g1);
		expect(
			await stamps(`SELECT created_at AS t FROM qa_side_evaluations UNION ALL
				SELECT updated_at FROM qa_side_evaluations UNION ALL
				SELECT submitted_at FROM qa_calibration_members WHERE user_id = 'g1'`)
		).toEqual([STAMP, STAMP, STAMP]);

		// Opened a day before the pinned clock, so the hand-over's stamp cannot be the opening's.
		await db.run(`INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title,
			state, owner_id, owner_name, due_date, evidence, trigger_count, opened_at, updated_at)
			VALUES (7, 'A1', 'qa', 'compliance', 'qa_score', 'QA score below threshold', 'open', NULL, NULL,
			DATE '2025-03-18', '{"interactions":[]}', 1, TIMESTAMP '2025-03-03 05:06:07',
			TIMESTAMP '2025-03-03 05:06:07')`);
		await moveItem(db, { kind: 'coaching', taskId: 7 }, null, 'lead', {
			...lead,
			email: 'lead@test.local'
		});
		expect(await stamps(`SELECT updated_at AS t FROM coaching_tasks WHERE task_id = 7`)).toEqual([
			STAMP
		]);
	});
});
