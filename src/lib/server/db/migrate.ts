// Numbered, forward-only migrations, each applied in its own transaction and recorded.
import type { Db } from './index.ts';
import { migrations, type Migration } from './migrations/index.ts';

/** Applies the pending ones of `list` (every migration; tests pass a prefix to stage old data). */
export async function migrate(db: Db, list: Migration[] = migrations): Promise<number> {
	await db.run(`-- migration bookkeeping
		CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now()
		)`);
	const done = new Set(
		(await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map(
			(r) => r.version
		)
	);
	let applied = 0;
	for (const m of list) {
		if (done.has(m.version)) continue;
		await db.transaction(async (conn) => {
			for (const statement of splitStatements(m.sql)) await conn.run(statement);
			await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($v, $n)', {
				v: m.version,
				n: m.name
			});
		});
		applied++;
	}
	// The new schema goes into the database file now: DuckDB 1.5 cannot replay some of these
	// statements from the write-ahead log, so a process killed before its first checkpoint
	// (a fresh database's first import) left a file that no longer opened.
	if (applied > 0) await db.run('CHECKPOINT');
	return applied;
}

/** Migrations are plain DDL; statements end with a semicolon at the end of a line. */
function splitStatements(sql: string): string[] {
	return sql
		.split(/;\s*$/m)
		.map((s) => s.trim())
		.filter((s) => s.replace(/--.*$/gm, '').trim().length > 0);
}
