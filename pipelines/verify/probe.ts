// Scratch: ingest the given paths into an in-memory DB and print the reports and rejects.
// Usage: npx tsx pipelines/verify/probe.ts [--replace] <path>... [-- <path>...]  (`--` = next batch)
import { createTestDb } from '../../src/lib/server/db/testing.ts';
import { ingestPaths, listRejects } from '../../src/lib/server/ingest/index.ts';

const args = process.argv.slice(2);
const db = await createTestDb();
let batch: string[] = [];
let replace = false;
const flush = async () => {
	if (!batch.length) return;
	const { files } = await ingestPaths(db, batch, { importedBy: 'probe', replace });
	for (const f of files) {
		const { sha256: _s, ...rest } = f;
		console.log(JSON.stringify(rest));
	}
	batch = [];
	replace = false;
};
for (const a of args) {
	if (a === '--') await flush();
	else if (a === '--replace') replace = true;
	else batch.push(a);
}
await flush();
console.log(JSON.stringify(await listRejects(db, {} as never), null, 0));
for (const t of ['interactions', 'surveys', 'fills', 'transcripts'])
	console.log(t, JSON.stringify(await db.all(`SELECT * FROM ${t}`)));
await db.close();
