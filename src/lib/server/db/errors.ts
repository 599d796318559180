// What went wrong in the store, as kinds callers can act on: a write conflict is worth a retry, a
// constraint means the data broke a rule, a lock means another process holds the file. The
// classifier reads DuckDB's messages (the C API gives no error codes through the Node client), so
// a second store only has to map its own errors onto the same kinds.

export type DbErrorKind = 'write_conflict' | 'constraint' | 'locked' | 'conversion' | 'other';

export class DbError extends Error {
	readonly kind: DbErrorKind;
	constructor(kind: DbErrorKind, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.kind = kind;
	}
}

/** Two transactions changed the same rows; the later one lost and was rolled back. Retry it. */
export class DbConflictError extends DbError {
	constructor(message: string, options?: { cause?: unknown }) {
		super('write_conflict', message, options);
	}
}

/** A key, NOT NULL, CHECK or foreign-key rule refused the write. */
export class DbConstraintError extends DbError {
	constructor(message: string, options?: { cause?: unknown }) {
		super('constraint', message, options);
	}
}

/** Another process holds the database file. */
export class DatabaseLockedError extends DbError {
	constructor(message: string, options?: { cause?: unknown }) {
		super('locked', message, options);
	}
}

// DuckDB 1.5 message families: optimistic MVCC conflicts ("Conflict on update!", "Conflict on
// tuple deletion!", "Transaction conflict: attempting to …", "Catalog write-write conflict …"),
// "Constraint Error: …", file locks ("Could not set lock on file …", "Conflicting lock is held …"),
// "Conversion Error: …" (a value the column type cannot hold, such as 2026-02-31).
const PATTERNS: [DbErrorKind, RegExp][] = [
	[
		'write_conflict',
		/Conflict on (update|tuple deletion)|Transaction conflict|write-write conflict/i
	],
	['constraint', /^Constraint Error/i],
	['locked', /Could not set lock on file|Conflicting lock is held/i],
	['conversion', /^Conversion Error/i]
];

/** The kind of a store error (DbError, or a raw DuckDB error read by its message). */
export function classifyDbError(err: unknown): DbErrorKind {
	if (err instanceof DbError) return err.kind;
	if (!(err instanceof Error)) return 'other';
	for (const [kind, pattern] of PATTERNS) if (pattern.test(err.message)) return kind;
	return 'other';
}

export function isWriteConflict(err: unknown): boolean {
	return classifyDbError(err) === 'write_conflict';
}

/**
 * A raw store error as its typed class (the message and the original as `cause` kept); anything
 * that is not a store error — an application's own error thrown inside a transaction — unchanged.
 */
export function toDbError(err: unknown): unknown {
	if (err instanceof DbError || !(err instanceof Error)) return err;
	const kind = classifyDbError(err);
	const message = err.message.split('\n')[0];
	if (kind === 'write_conflict') return new DbConflictError(message, { cause: err });
	if (kind === 'constraint') return new DbConstraintError(message, { cause: err });
	if (kind === 'locked') return new DatabaseLockedError(message, { cause: err });
	if (kind === 'conversion') return new DbError('conversion', message, { cause: err });
	return err;
}
