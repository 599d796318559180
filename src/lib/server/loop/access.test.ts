import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { actorFor, listQueueMembers, maySee, setQueueMember, setQueueMembers } from './access.ts';

describe('queue membership', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
	});
	afterEach(() => db.close());

	it('makes a user a pharmacist and back', async () => {
		const user = { id: 'u1', email: 'a@x', name: 'A', role: 'staff' as const, agentId: null };
		expect((await actorFor(db, user)).pharmacist).toBe(false);
		await setQueueMember(db, 'u1', 'pharmacist', true);
		await setQueueMember(db, 'u1', 'pharmacist', true);
		expect((await listQueueMembers(db, 'pharmacist')).map((m) => m.userId)).toEqual(['u1']);
		const actor = await actorFor(db, user);
		expect(actor).toMatchObject({ pharmacist: true, seesAll: false });
		expect(maySee(actor, { assigneeId: null, queue: 'pharmacist' })).toBe(true);
		await setQueueMembers(db, 'pharmacist', ['u2', 'u3', 'u2']);
		expect((await listQueueMembers(db, 'pharmacist')).map((m) => m.userId)).toEqual(['u2', 'u3']);
		expect((await actorFor(db, user)).pharmacist).toBe(false);
		await setQueueMembers(db, 'pharmacist', []);
		expect(await listQueueMembers(db, 'pharmacist')).toEqual([]);
	});
});
