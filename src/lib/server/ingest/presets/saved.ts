// Named mappings a site saves from the Import page (or reads with --mapping as a file), and the
// uploads waiting between the preview and the import (kept in a temp folder for an hour).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../db/index.ts';
import { now, tsParam } from '../../time/index.ts';
import { parseMapping, type Mapping } from './mapping.ts';

const LIST_SQL = `-- saved mappings by name
SELECT name, kind, mapping, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS "updatedAt", updated_by AS "updatedBy"
FROM saved_mappings ORDER BY name`;
const DELETE_SQL = `-- a saved mapping is replaced whole
DELETE FROM saved_mappings WHERE name = $name`;
const INSERT_SQL = `INSERT INTO saved_mappings (name, kind, mapping, updated_at, updated_by)
VALUES ($name, $kind, $mapping, $at, $actor)`;

export interface SavedMapping {
	name: string;
	kind: string;
	mapping: Mapping;
	updatedAt: string;
	updatedBy: string;
}

export async function listMappings(db: Db): Promise<SavedMapping[]> {
	const rows = await db.all<Omit<SavedMapping, 'mapping'> & { mapping: string }>(LIST_SQL);
	return rows.map((r) => ({ ...r, mapping: parseMapping(JSON.parse(r.mapping)) }));
}

export async function saveMapping(db: Db, mapping: Mapping, actor: string): Promise<void> {
	if (!mapping.name) throw new Error('Give the mapping a name to save it under.');
	await db.transaction(async (conn) => {
		await conn.run(DELETE_SQL, { name: mapping.name as string });
		await conn.run(INSERT_SQL, {
			name: mapping.name as string,
			kind: mapping.kind,
			mapping: JSON.stringify(mapping),
			actor,
			at: tsParam(now())
		});
	});
}

const PENDING = join(tmpdir(), 'careloop-pending');
const HOUR = 3600_000;

/** Keeps an upload for the import that follows its preview; returns its token. */
export async function keepUpload(name: string, bytes: Uint8Array): Promise<string> {
	await sweep();
	const token = randomBytes(16).toString('hex');
	await mkdir(join(PENDING, token), { recursive: true });
	await writeFile(join(PENDING, token, name), bytes);
	return token;
}

/** The kept upload's path, or null when the token is unknown or expired. */
export async function pendingUpload(token: string): Promise<{ path: string; name: string } | null> {
	if (!/^[0-9a-f]{32}$/.test(token)) return null;
	try {
		const [name] = await readdir(join(PENDING, token));
		return name ? { path: join(PENDING, token, name), name } : null;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
}

export const dropUpload = (token: string) =>
	/^[0-9a-f]{32}$/.test(token)
		? rm(join(PENDING, token), { recursive: true, force: true })
		: Promise.resolve();

async function sweep(): Promise<void> {
	let entries: string[];
	try {
		entries = await readdir(PENDING);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw err;
	}
	for (const e of entries) {
		let info;
		try {
			info = await stat(join(PENDING, e));
		} catch (err) {
			// Another request swept it meanwhile.
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
			throw err;
		}
		if (Date.now() - info.mtimeMs > HOUR) await dropUpload(e);
	}
}
