// The rules run and people's saves write the same follow_ups rows. Each test holds one side's
// write open on the task (the statement that side runs, uncommitted: what DuckDB sees while a
// save or a run is in flight), starts the other side, waits until it has met DuckDB's write
// conflict, then lets the first side commit. DuckDB detects conflicts per row and column, so the
// held statements have the same shape as the real ones (actions.ts's versioned update).
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { conflictRetryCount } from '../db/conflict.ts';
import { createTestDb } from '../db/testing.ts';
import type { Actor } from './access.ts';
import { claimTask, saveResponse } from './actions.ts';
import { addInteractions } from './fixtures.test-helpers.ts';
import { applyEscalation, complaintEvent, runFollowUpRules } from './rules.ts';
import { getSettings, updateSettings } from '../settings/index.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const ana: Actor = {
	id: 'u-ana',
	name: 'Ana',
	email: 'ana@x',
	role: 'staff',
	seesAll: false,
	pharmacist: false
};

let db: Db;
let held: DuckDBConnection | null = null;
beforeEach(async () => {
	db = await createTestDb();
	await updateSettings(db, { lookbackDays: 14 }, 'test');
	// P1 complains (service, staff queue); the first run opens task #1 for them.
	await addInteractions(db, [
		{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint' }
	]);
	await runFollowUpRules(db, { now: NOW });
});
afterEach(async () => {
	held?.closeSync();
	held = null;
	await db.close();
});

/** Opens a transaction that writes the task and keeps it uncommitted. */
async function holdTask(
	write: (conn: DuckDBConnection) => Promise<void>
): Promise<() => Promise<void>> {
	held = await db.instance.connect();
	await held.run('BEGIN TRANSACTION');
	await write(held);
	const conn = held;
	return async () => {
		await conn.run('COMMIT');
	};
}

/** Resolves once some writer has met a conflict and is about to try again. */
async function untilRetried(before: number): Promise<void> {
	for (let i = 0; i < 2000 && conflictRetryCount() === before; i++)
		await new Promise((r) => setTimeout(r, 5));
	expect(conflictRetryCount()).toBeGreaterThan(before);
}

/** A person's save of task #1 as actions.ts writes it: versioned, stamped, returning. */
async function saveInFlight(conn: DuckDBConnection, set: string): Promise<void> {
	await conn.run(
		`UPDATE follow_ups SET ${set}, version = version + 1, updated_at = now()
		WHERE id = 1 AND version = 1 RETURNING version`
	);
}

const task = async () =>
	(await db.one<{ severity: string; queue: string; response: string | null; version: number }>(
		'SELECT severity, queue, response, version FROM follow_ups WHERE id = 1'
	))!;

describe('rules run against a person saving the same task', () => {
	it('a save in flight does not abort the run: every escalation lands once the save commits', async () => {
		// A medication error for P1 joins task #1: the run escalates it to the pharmacists.
		await addInteractions(db, [
			{ id: 'I7', at: '2026-03-10 08:00:00', patient: 'P1', reason: 'medication_error' }
		]);
		const commit = await holdTask((conn) => saveInFlight(conn, "response = 'Called back'"));
		const before = conflictRetryCount();
		const run = runFollowUpRules(db, { now: NOW });
		await untilRetried(before);
		await commit();
		expect(await run).toEqual({ opened: 0, attached: 1, outreachOpened: 0 });
		// Both writes are there: the person's response and the run's escalation.
		expect(await task()).toEqual({
			severity: 'high',
			queue: 'pharmacist',
			response: 'Called back',
			version: 2
		});
	});

	it('a run in flight does not fail the save, and its escalation is no version conflict', async () => {
		expect(await claimTask(db, ana, 1, 1)).toBe(2);
		const settings = await getSettings(db);
		const safety = complaintEvent(
			{
				sourceKind: 'interaction',
				sourceId: 'I7',
				interactionId: 'I7',
				patientId: 'P1',
				reason: 'medication_error',
				trigger: 'reason',
				detail: 'contact reason medication_error',
				eventAt: new Date('2026-03-10T08:00:00Z'),
				texts: []
			},
			settings
		);
		// The run's own escalation statement, held uncommitted as during its write.
		const commit = await holdTask((conn) => applyEscalation(conn, { id: 1, event: safety }, NOW));
		const before = conflictRetryCount();
		// Ana saw version 2 (after her claim); the run's escalation does not change what she saw.
		const save = saveResponse(db, ana, 1, 2, 'Apologised and re-sent the order');
		await untilRetried(before);
		await commit();
		expect(await save).toBe(3);
		expect(await task()).toEqual({
			severity: 'high',
			queue: 'pharmacist',
			response: 'Apologised and re-sent the order',
			version: 3
		});
	});

	it('a task closed while the run planned gets a new task, not a hidden attachment', async () => {
		await addInteractions(db, [
			{ id: 'I8', at: '2026-03-10 09:00:00', patient: 'P1', reason: 'complaint' }
		]);
		// The close is in flight when the run writes: it must not attach I8 to the closed task.
		const commit = await holdTask((conn) =>
			saveInFlight(conn, "status = 'closed', resolution = 'resolved', closed_at = now()")
		);
		const before = conflictRetryCount();
		const run = runFollowUpRules(db, { now: NOW });
		await untilRetried(before);
		await commit();
		expect(await run).toEqual({ opened: 1, attached: 0, outreachOpened: 0 });
	});
});
