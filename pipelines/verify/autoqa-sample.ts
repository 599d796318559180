// Draws the transcripts of the AutoQA labelled set (tests/fixtures/autoqa/) from a demo data set:
// 110 at random (md5 order of a salted id) plus 50 more from agents the demo world makes weak
// (latent skill below −0.8), so failures are not too rare to measure. Writes the interactions
// and transcripts of the sample and, for drug names, the first fill of every drug in the data.
// Labels are written by hand afterwards (see the fixture's README); this script never labels.
// Usage: npx tsx pipelines/verify/autoqa-sample.ts <demo folder> <out folder>
import { openDb } from '../../src/lib/server/db/index.ts';
import { createAgents } from '../../src/lib/server/demo/world.ts';

const [demo, out] = process.argv.slice(2);
if (!demo || !out) throw new Error('Usage: autoqa-sample.ts <demo folder> <out folder>');
const db = await openDb(':memory:');
const weak = createAgents(42)
	.filter((a) => a.skill < -0.8)
	.map((a) => `'${a.id}'`)
	.join(', ');
const csv = (name: string) =>
	`read_csv('${demo}/${name}', all_varchar = true, header = true, ignore_errors = true)`;
await db.run(`CREATE TABLE i AS SELECT * FROM ${csv('interactions.csv')}`);
await db.run(`CREATE TABLE t AS SELECT * FROM ${csv('transcripts.csv')}
	WHERE speaker IN ('agent', 'patient', 'system') AND try_cast(turn AS INTEGER) >= 0`);
await db.run(`CREATE TABLE f AS SELECT * FROM ${csv('fills.csv')} WHERE fill_id NOT LIKE 'FX%'`);
await db.run(`CREATE TABLE calls AS
	SELECT DISTINCT t.interaction_id, i.agent_id, md5('autoqa-fixture:' || t.interaction_id) AS h
	FROM t JOIN i USING (interaction_id)`);
await db.run(`CREATE TABLE pick AS
	WITH r AS (SELECT interaction_id FROM calls ORDER BY h LIMIT 110)
	SELECT interaction_id FROM r
	UNION ALL
	SELECT interaction_id FROM (SELECT interaction_id FROM calls
		WHERE agent_id IN (${weak}) AND interaction_id NOT IN (SELECT interaction_id FROM r)
		ORDER BY h LIMIT 50)`);
await db.run(`COPY (SELECT i.* FROM i JOIN pick USING (interaction_id) ORDER BY interaction_id)
	TO '${out}/interactions.csv' (HEADER)`);
await db.run(`COPY (SELECT t.* FROM t JOIN pick USING (interaction_id)
	ORDER BY interaction_id, turn::INTEGER) TO '${out}/transcripts.csv' (HEADER)`);
await db.run(`COPY (SELECT * FROM f QUALIFY row_number() OVER (PARTITION BY drug_name ORDER BY fill_id) = 1
	ORDER BY drug_name) TO '${out}/fills.csv' (HEADER)`);
await db.close();
