// One DuckDB instance per process. The server owns the file; the CLI opens it only when no
// server holds it (DuckDB allows a single read-write process per file). Db is the DuckDB store of
// the small interface in store.ts; errors leave it as the kinds of errors.ts.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { appendRows } from './append.ts';
import { DatabaseLockedError, toDbError } from './errors.ts';
import { migrate } from './migrate.ts';
import type { Cell, Params, Queries, Row, Store } from './store.ts';

export type { Cell, Params, Queries, Row, Store } from './store.ts';
export {
	DbError,
	DbConflictError,
	DbConstraintError,
	DatabaseLockedError,
	classifyDbError,
	isWriteConflict,
	type DbErrorKind
} from './errors.ts';

/**
 * The connection a unit of work runs on: the store interface's queries, and (for code written
 * against DuckDB itself: typed appenders, temp tables, RETURNING readers) the DuckDB connection.
 */
export type Tx = DuckDBConnection & Queries;

function asTx(conn: DuckDBConnection): Tx {
	const queries: Omit<Queries, 'run'> = {
		all: <T extends object = Row>(sql: string, params?: Params) => all<T>(conn, sql, params),
		one: async <T extends object = Row>(sql: string, params?: Params) =>
			(await all<T>(conn, sql, params))[0] ?? null,
		append: (table: string, rows: Cell[][]) => appendRows(conn, table, rows)
	};
	return Object.assign(conn, queries);
}

const YIELD_END_MS = 250;

/** A memory size as DuckDB prints or takes it ("183.1 MiB", "192MB"); nothing else passes. */
const safeSize = (size: string) => size.replace(/[^0-9A-Za-z. ]/g, '');

/** Set inside background work (Db.asBackground, withBackgroundConnection). */
const backgroundWork = new AsyncLocalStorage<true>();

/**
 * Runs fn outside any background work it was started from: work that outlives an import (the
 * job runner's pump, which an import may start) counts as other work again.
 */
export function outsideBackground<T>(fn: () => T): T {
	return backgroundWork.exit(fn);
}

export class Db implements Store {
	readonly path: string;
	readonly instance: DuckDBInstance;

	constructor(path: string, instance: DuckDBInstance) {
		this.path = path;
		this.instance = instance;
	}

	/** Units of work running now that are not background work (pages, actions, jobs' steps). */
	#foreground = 0;
	/** When the last of them ended (performance.now()). */
	#foregroundEnded = -Infinity;
	#quietWaiters: (() => void)[] = [];
	/** Background units (imports) running now, and the memory cap the running one asked for. */
	#background = 0;
	#memoryCap: string | null = null;
	/** True while other work runs beside background work (see withBackgroundConnection). */
	#yielding = false;
	#yieldTimer: ReturnType<typeof setTimeout> | null = null;
	/** DuckDB's memory limit as this class last applied it (null: DuckDB's own; undefined: not known). */
	#applied: string | null | undefined = null;
	/** Setting changes run one at a time, in order. */
	#settingChange: Promise<void> = Promise.resolve();

	/**
	 * Runs fn as background work's own (an import's settings reads, the migrations at open):
	 * its units of work are not other users' work, so they neither make background work step
	 * aside (quiet, sharedWithin) nor lift its memory cap.
	 */
	asBackground<T>(fn: () => Promise<T>): Promise<T> {
		return backgroundWork.run(true, fn);
	}

	/** One short-lived connection per unit of work. */
	async withConnection<T>(fn: (conn: Tx) => Promise<T>): Promise<T> {
		if (backgroundWork.getStore()) return this.#connected(fn);
		this.#foreground++;
		if (this.#background > 0) this.#yieldNow();
		try {
			return await this.#connected(fn);
		} finally {
			this.#foreground--;
			if (this.#foreground === 0) {
				this.#foregroundEnded = performance.now();
				for (const wake of this.#quietWaiters.splice(0)) wake();
				this.#yieldEndSoon();
			}
		}
	}

	/**
	 * A connection for long background work (an import) that makes way for everyone else:
	 * - it calls quiet() between its pieces, so other users' queries get the CPU first;
	 * - alone, DuckDB's memory is capped at `memoryCap` (so a big import spills to disk instead of
	 *   growing the process); the cap is instance-wide, so while anyone else's work runs beside
	 *   it the cap is lifted: a page never fails for memory the import holds.
	 * One background unit at a time (imports are serialised by their caller).
	 */
	async withBackgroundConnection<T>(
		fn: (conn: Tx) => Promise<T>,
		opts: { memoryCap?: string } = {}
	): Promise<T> {
		this.#background++;
		this.#memoryCap = opts.memoryCap ?? null;
		this.#yielding = this.#foreground > 0;
		await this.#reconcile();
		try {
			return await backgroundWork.run(true, () => this.#connected(fn));
		} finally {
			this.#background--;
			if (this.#background === 0) {
				this.#memoryCap = null;
				this.#yielding = false;
				if (this.#yieldTimer) clearTimeout(this.#yieldTimer);
				this.#yieldTimer = null;
				await this.#reconcile();
			}
		}
	}

	#yieldNow(): void {
		if (this.#yieldTimer) clearTimeout(this.#yieldTimer);
		this.#yieldTimer = null;
		if (this.#yielding) return;
		this.#yielding = true;
		void this.#reconcile();
	}

	/** Background work takes its share back a moment after the last other query (traffic comes in bursts). */
	#yieldEndSoon(): void {
		if (!this.#yielding || this.#yieldTimer) return;
		this.#yieldTimer = setTimeout(() => {
			this.#yieldTimer = null;
			if (this.#foreground > 0 || this.#background === 0) return;
			this.#yielding = false;
			void this.#reconcile();
		}, YIELD_END_MS);
	}

	/** Brings DuckDB's memory limit to what the current state asks for. */
	#reconcile(): Promise<void> {
		this.#settingChange = this.#settingChange.then(async () => {
			if (this.path === ':memory:') return;
			// null: DuckDB's own limit (RESET gives it back exactly; its printed value is rounded).
			const want = this.#background > 0 && !this.#yielding ? this.#memoryCap : null;
			if (want === this.#applied) return;
			try {
				const conn = await this.instance.connect();
				try {
					this.#applied = undefined;
					await conn.run(
						want === null
							? 'RESET GLOBAL memory_limit'
							: `SET GLOBAL memory_limit = '${safeSize(want)}'`
					);
					this.#applied = want;
				} finally {
					conn.closeSync();
				}
			} catch {
				// Memory only: queries run either way. A cap DuckDB cannot reach at once (it is
				// holding more) stays lifted; the next change tries again.
			}
		});
		return this.#settingChange;
	}

	/** Whether other units of work run now or ran in the last `ms` (others are using the app). */
	sharedWithin(ms: number): boolean {
		return this.#foreground > 0 || performance.now() - this.#foregroundEnded < ms;
	}

	/**
	 * Resolves when no other unit of work is running and none has for `settleMs` (a user's next
	 * page follows the last within moments), or after `maxMs` at the latest (so steady traffic
	 * slows background work down but never stops it).
	 */
	async quiet(maxMs: number, settleMs = 0): Promise<void> {
		const deadline = performance.now() + maxMs;
		for (;;) {
			const left = deadline - performance.now();
			if (left <= 0) return;
			if (this.#foreground > 0) {
				await this.#idle(left);
				continue;
			}
			const settled = performance.now() - this.#foregroundEnded;
			if (settled >= settleMs) return;
			await new Promise((r) => setTimeout(r, Math.min(settleMs - settled, left)));
		}
	}

	/** Resolves when the running units of work have ended, or after maxMs. */
	#idle(maxMs: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				resolve();
			};
			// Given up: no longer waiting, so the next quiet moment has nothing to wake here.
			const timer = setTimeout(() => {
				this.#quietWaiters = this.#quietWaiters.filter((w) => w !== wake);
				resolve();
			}, maxMs);
			this.#quietWaiters.push(wake);
		});
	}

	async #connected<T>(fn: (conn: Tx) => Promise<T>): Promise<T> {
		const conn = await this.instance.connect();
		try {
			return await fn(asTx(conn));
		} catch (err) {
			throw toDbError(err);
		} finally {
			conn.closeSync();
		}
	}

	/** BEGIN … COMMIT on one connection; any error rolls the whole unit back. */
	async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		return this.withConnection(async (conn) => {
			await conn.run('BEGIN TRANSACTION');
			try {
				const result = await fn(conn);
				await conn.run('COMMIT');
				return result;
			} catch (err) {
				await conn.run('ROLLBACK');
				throw err;
			}
		});
	}

	async all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
		return this.withConnection((conn) => all<T>(conn, sql, params));
	}

	async one<T extends object = Row>(sql: string, params?: Params): Promise<T | null> {
		const rows = await this.all<T>(sql, params);
		return rows[0] ?? null;
	}

	async run(sql: string, params?: Params): Promise<void> {
		await this.withConnection(async (conn) => {
			await conn.run(sql, params);
		});
	}

	async append(table: string, rows: Cell[][]): Promise<void> {
		await this.withConnection((conn) => appendRows(conn, table, rows));
	}

	async close(): Promise<void> {
		await this.#settingChange;
		if (this.path !== ':memory:') {
			await this.run('CHECKPOINT');
		}
		this.instance.closeSync();
	}
}

/**
 * Runs an UPDATE or DELETE and returns how many rows it changed. A guarded write (WHERE version =
 * seen, WHERE owner = seen) must count its rows this way, never with RETURNING: DuckDB 1.5 skips
 * its write-conflict check for UPDATE … RETURNING, so a concurrent transaction's committed change
 * to the row is silently lost (returning.test.ts reproduces it).
 */
export async function changed(
	conn: DuckDBConnection,
	sql: string,
	params?: Params
): Promise<number> {
	return Number((await conn.run(sql, params)).rowsChanged);
}

/** Rows as plain objects: BIGINT → number (counts fit), everything else as the client gives it. */
export async function all<T extends object = Row>(
	conn: DuckDBConnection,
	sql: string,
	params?: Params
): Promise<T[]> {
	const reader = await conn.runAndReadAll(sql, params);
	return reader.getRowObjectsJS().map((row) => {
		const out: Row = {};
		for (const [key, value] of Object.entries(row)) {
			out[key] = typeof value === 'bigint' ? Number(value) : value;
		}
		return out as T;
	});
}

export function resolveDbPath(env: NodeJS.ProcessEnv = process.env): string {
	const configured = env.CARELOOP_DB?.trim();
	if (configured === ':memory:') return ':memory:';
	return resolve(configured || 'data/careloop.duckdb');
}

/** Opens (creating if needed) the database and applies pending migrations. */
export async function openDb(path: string = resolveDbPath()): Promise<Db> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(path, {
			autoinstall_known_extensions: 'false',
			autoload_known_extensions: 'false'
		});
	} catch (err) {
		throw describeOpenError(path, err);
	}
	const db = new Db(path, instance);
	// Opening is nobody's traffic (Db.asBackground). Calendar buckets are UTC days unless a site
	// time zone setting says otherwise.
	await db.asBackground(async () => {
		await db.run("SET GLOBAL TimeZone = 'UTC'");
		await migrate(db);
	});
	return db;
}

function describeOpenError(path: string, err: unknown): Error {
	const message = err instanceof Error ? err.message : String(err);
	if (/lock/i.test(message)) {
		const pid = /PID (\d+)/.exec(message)?.[1];
		const holder = pid ? `process ${pid}` : 'another process';
		return new DatabaseLockedError(
			`The database ${path} is in use by ${holder} (probably the CareLoop server): stop it first, or use the web app's Import page, or set CARELOOP_DB to another file.`
		);
	}
	return new Error(`Could not open the database ${path}: ${message.split('\n')[0]}`);
}

let current: Promise<Db> | null = null;

/** The process-wide database, opened on first use. */
export function getDb(): Promise<Db> {
	current ??= openDb();
	return current;
}

export async function closeDb(): Promise<void> {
	if (!current) return;
	const db = await current;
	current = null;
	await db.close();
}
