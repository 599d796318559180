// Small factories for auth tests: a migrated in-memory database with cheap password hashing.
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { useFastHashingForTests } from './password.ts';
import type { Role } from './roles.ts';
import { createUser, type UserRecord } from './users.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export async function createAuthTestDb(): Promise<Db> {
	useFastHashingForTests();
	return createTestDb();
}

let n = 0;
export async function makeUser(
	db: Db,
	role: Role = 'staff',
	overrides: { email?: string; agentId?: string; password?: string } = {}
): Promise<UserRecord> {
	n++;
	return createUser(db, {
		email: overrides.email ?? `${role}${n}@example.com`,
		role,
		agentId: overrides.agentId,
		password: overrides.password ?? TEST_PASSWORD
	});
}
