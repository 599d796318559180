// A fresh in-memory database with every migration applied, for tests.
import { openDb, type Db } from './index.ts';

export async function createTestDb(): Promise<Db> {
	return openDb(':memory:');
}
