// The generator end to end on a small run (7 days; fills always span a year): determinism, the
// contract's shapes, and the story the data must tell. Files are read back with DuckDB's readers.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { DEMO_FILES, generateDemo, type DemoResult } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'careloop-demo-'));
const END = '2026-11-23'; // a Monday
const out = join(root, 'a');
let result: DemoResult;
let db: Db;

type Obj = Record<string, unknown>;
const file = (name: string) => join(out, name);
const hashes = (dir: string) =>
	Object.values(DEMO_FILES).map((name) =>
		createHash('sha256')
			.update(readFileSync(join(dir, name)))
			.digest('hex')
	);
const ndjson = (name: string): Obj[] =>
	readFileSync(file(name), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.flatMap((line) => {
			try {
				return [JSON.parse(line) as Obj];
			} catch {
				return []; // the one deliberately malformed line
			}
		});

// -- every contract CSV read as text by DuckDB's RFC 4180 reader (null_padding keeps the short record)
const READ_CSV = (path: string) =>
	`read_csv('${path}', header = true, all_varchar = true, null_padding = true)`;

beforeAll(async () => {
	result = await generateDemo({ days: 7, seed: 7, out, end: END });
	db = await createTestDb();
	await db.run(`CREATE TABLE i AS SELECT * FROM ${READ_CSV(file(DEMO_FILES.interactions))}`);
	await db.run(`CREATE TABLE t AS SELECT * FROM ${READ_CSV(file(DEMO_FILES.transcripts))}`);
	await db.run(`CREATE TABLE f AS SELECT * FROM ${READ_CSV(file(DEMO_FILES.fills))}`);
	await db.run(`CREATE TABLE m AS SELECT * FROM ${READ_CSV(file(DEMO_FILES.messages))}`);
	await db.run(`CREATE TABLE p AS SELECT * FROM ${READ_CSV(file(DEMO_FILES.patients))}`);
});

afterAll(async () => {
	await db?.close();
	rmSync(root, { recursive: true, force: true });
});

describe('determinism', () => {
	it('writes byte-identical files for the same seed and end date, and different ones for another seed', async () => {
		const same = join(root, 'b');
		const other = join(root, 'c');
		await generateDemo({ days: 7, seed: 7, out: same, end: END });
		await generateDemo({ days: 7, seed: 8, out: other, end: END });
		expect(hashes(same)).toEqual(hashes(out));
		const differing = hashes(other).filter((h, i) => h !== hashes(out)[i]);
		expect(differing).toHaveLength(Object.keys(DEMO_FILES).length);
	});

	it('reports the files it wrote with their row counts', () => {
		expect(result.files.map((f) => f.split(/[\\/]/).pop()).sort()).toEqual(
			Object.values(DEMO_FILES).sort()
		);
		expect(result.counts.bad_rows).toBe(18);
		expect(result.counts[DEMO_FILES.surveys]).toBe(ndjson(DEMO_FILES.surveys).length + 1); // + the malformed line
	});

	it('rejects an impossible end date', async () => {
		await expect(
			generateDemo({ days: 1, seed: 1, out: join(root, 'x'), end: '2026-02-30' })
		).rejects.toThrow(/end must be/);
	});
});

describe('interactions', () => {
	it('covers the seven days up to the end date across all channels, busiest on Monday', async () => {
		const days = await db.all<{ day: string; n: number }>(
			// -- contacts per UTC day of the good rows
			`SELECT started_at[1:10] AS day, count(*)::INTEGER AS n FROM i WHERE interaction_id LIKE 'I0%' GROUP BY 1 ORDER BY 1`
		);
		expect(days.map((d) => d.day)).toEqual([
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22',
			'2026-11-23'
		]);
		// Sunday (22nd) carries 0.25 of an average day, Monday (23rd) 1.4 (inbound.ts): far apart.
		const byDay = Object.fromEntries(days.map((d) => [d.day, d.n]));
		expect(byDay['2026-11-23']).toBeGreaterThan(3 * byDay['2026-11-22']);
		const channels = await db.all<{ channel: string }>(
			`SELECT DISTINCT channel FROM i WHERE channel <> 'fax' ORDER BY 1`
		);
		expect(channels.map((c) => c.channel)).toEqual(['app', 'chat', 'email', 'sms', 'voice']);
	});

	it('has abandons with no agent and no talk, and handled contacts with an agent', async () => {
		const row = await db.one<{
			abandoned: number;
			with_agent: number;
			with_talk: number;
			handled_no_agent: number;
			inbound: number;
		}>(
			// -- abandon shape on the good rows
			`SELECT count(*) FILTER (disposition = 'abandoned')::INTEGER AS abandoned,
				count(*) FILTER (disposition = 'abandoned' AND agent_id IS NOT NULL)::INTEGER AS with_agent,
				count(*) FILTER (disposition = 'abandoned' AND talk_seconds IS NOT NULL)::INTEGER AS with_talk,
				count(*) FILTER (disposition <> 'abandoned' AND agent_id IS NULL)::INTEGER AS handled_no_agent,
				count(*)::INTEGER AS inbound
			FROM i WHERE interaction_id LIKE 'I0%'`
		);
		// Abandon rate about 5 % (tuned in inbound.ts): anything from 1 % to 15 % of a week is plausible.
		expect(row!.abandoned / row!.inbound).toBeGreaterThan(0.01);
		expect(row!.abandoned / row!.inbound).toBeLessThan(0.15);
		expect([row!.with_agent, row!.with_talk, row!.handled_no_agent]).toEqual([0, 0, 0]);
	});

	it('has about 40 agents in 5 teams and repeat contacts within 7 days', async () => {
		const row = await db.one<{ agents: number; teams: number; repeats: number }>(
			// -- agents, teams, and handled contacts followed by the same patient and reason within 168 h
			`SELECT (SELECT count(DISTINCT agent_id) FROM i)::INTEGER AS agents,
				(SELECT count(DISTINCT team) FROM i)::INTEGER AS teams,
				(SELECT count(*) FROM i a WHERE a.patient_id IS NOT NULL AND EXISTS (
					SELECT 1 FROM i b WHERE b.patient_id = a.patient_id AND b.reason = a.reason
					AND try_cast(b.started_at AS TIMESTAMP) > try_cast(a.started_at AS TIMESTAMP)
					AND try_cast(b.started_at AS TIMESTAMP) <= try_cast(a.started_at AS TIMESTAMP) + INTERVAL 168 HOUR))::INTEGER AS repeats
			FROM i WHERE interaction_id = 'I0000001'`
		);
		expect(row!.agents).toBe(40);
		expect(row!.teams).toBe(5);
		expect(row!.repeats).toBeGreaterThan(100);
	});

	it('lets agents differ: the best resolve far more than the worst', async () => {
		const rates = await db.all<{ rate: number }>(
			// -- share resolved per agent over handled inbound contacts, agents with 30+ contacts
			`SELECT avg((disposition = 'resolved')::INTEGER) AS rate FROM i
			WHERE interaction_id LIKE 'I0%' AND disposition <> 'abandoned' GROUP BY agent_id HAVING count(*) >= 30`
		);
		// Latent skill ranges from about −2 to +2 and moves the log-odds of resolving by 0.55 per
		// unit (inbound.ts): at a 75 % base that is about 45 % vs 93 %. A week's noise per agent is
		// a few points, so a 20-point gap between best and worst is a safe floor.
		const sorted = rates.map((r) => r.rate).sort((a, b) => a - b);
		expect(sorted.at(-1)! - sorted[0]).toBeGreaterThan(0.2);
	});

	it('sends outbound refill reminders with outcomes to patients who have fills', async () => {
		const rows = JSON.parse(readFileSync(file(DEMO_FILES.outbound), 'utf8')) as Obj[];
		const reminders = rows.filter((r) => r.campaign === 'refill_reminder');
		expect(reminders.length).toBeGreaterThan(100);
		expect(new Set(rows.map((r) => r.outcome))).toEqual(
			new Set(['reached', 'voicemail', 'no_answer', 'refill_requested', 'declined', 'maybe'])
		);
		const filled = new Set(
			(await db.all<{ p: string }>(`SELECT DISTINCT patient_id AS p FROM f`)).map((r) => r.p)
		);
		expect(reminders.every((r) => filled.has(r.patient_id as string))).toBe(true);
	});
});

describe('surveys', () => {
	const surveys = () => ndjson(DEMO_FILES.surveys);

	it('answer about a fifth of handled inbound contacts, a few without a link', async () => {
		const handled = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM i WHERE interaction_id LIKE 'I0%' AND disposition <> 'abandoned'`
		);
		const linked = surveys().filter(
			(s) => typeof s.interaction_id === 'string' && (s.interaction_id as string).startsWith('I0')
		);
		// Response by channel × channel mix: .52×.18 + .20×.22 + .14×.25 + .11×.24 + .03×.14 ≈ 0.203,
		// less the surveys that would arrive after the end date.
		const share = linked.length / handled!.n;
		expect(share).toBeGreaterThan(0.15);
		expect(share).toBeLessThan(0.25);
		expect(surveys().some((s) => s.interaction_id === null)).toBe(true);
	});

	it('score in range, and comments agree with scores', () => {
		const good = surveys().filter((s) => String(s.survey_id).startsWith('S0'));
		const inRange = (v: unknown, lo: number, hi: number) =>
			v === null || (Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi);
		expect(
			good.every((s) => inRange(s.csat, 1, 5) && inRange(s.nps, 0, 10) && inRange(s.ces, 1, 7))
		).toBe(true);
		const comments = good.filter((s) => typeof s.comment === 'string');
		expect(comments.length / good.length).toBeGreaterThan(0.3);
		expect(comments.length / good.length).toBeLessThan(0.7);
		// A comment praising kindness never comes with a CSAT of 1 or 2; "rude" never with 4 or 5.
		expect(
			comments.filter(
				(s) =>
					/so kind|muy amable/.test(s.comment as string) &&
					s.csat !== null &&
					(s.csat as number) <= 2
			)
		).toEqual([]);
		expect(
			comments.filter((s) => /rude|grosero/.test(s.comment as string) && (s.csat as number) >= 4)
		).toEqual([]);
		expect(comments.some((s) => /[áéíóúñ]/.test(s.comment as string))).toBe(true); // some Spanish
	});
});

describe('transcripts', () => {
	it('link to existing handled voice or chat interactions, 6–24 turns, offsets rising within talk time', async () => {
		const row = await db.one<{
			calls: number;
			orphans: number;
			short: number;
			long: number;
			late: number;
			unordered: number;
		}>(
			// -- per transcript: its interaction, its turn count, and offsets against talk time
			`WITH good AS (SELECT interaction_id, turn::INTEGER AS turn, offset_seconds::DOUBLE AS off
					FROM t WHERE speaker IN ('agent', 'patient', 'system') AND turn::INTEGER >= 0 AND text IS NOT NULL),
				calls AS (SELECT g.interaction_id, count(*) AS turns, max(off) AS last_off,
					bool_and(i.channel IN ('voice', 'chat') AND i.disposition <> 'abandoned') AS ok,
					max(i.talk_seconds::DOUBLE) AS talk
					FROM good g LEFT JOIN i USING (interaction_id) GROUP BY 1),
				steps AS (SELECT off - lag(off) OVER (PARTITION BY interaction_id ORDER BY turn) AS step FROM good)
			SELECT count(*)::INTEGER AS calls,
				count(*) FILTER (talk IS NULL OR NOT ok)::INTEGER AS orphans,
				count(*) FILTER (turns < 6)::INTEGER AS short,
				count(*) FILTER (turns > 24)::INTEGER AS long,
				count(*) FILTER (last_off >= talk)::INTEGER AS late,
				(SELECT count(*) FROM steps WHERE step <= 0)::INTEGER AS unordered
			FROM calls`
		);
		// 2,500 transcripts per 90 days → 2500 × 7 / 90 ≈ 194 for a week.
		expect(row!.calls).toBeGreaterThan(120);
		expect(row!.calls).toBeLessThan(280);
		expect([row!.orphans, row!.short, row!.long, row!.late, row!.unordered]).toEqual([
			0, 0, 0, 0, 0
		]);
	});

	it('verify identity in most calls but not all', async () => {
		const row = await db.one<{ calls: number; verified: number }>(
			`SELECT count(DISTINCT interaction_id)::INTEGER AS calls,
				count(DISTINCT interaction_id) FILTER (text LIKE '%date of birth%')::INTEGER AS verified FROM t`
		);
		expect(row!.verified / row!.calls).toBeGreaterThan(0.7);
		expect(row!.verified).toBeLessThan(row!.calls);
	});
});

describe('fills', () => {
	it('carry the deliberate bad rows', async () => {
		const bad = await db.all<{ fill_id: string }>(
			`SELECT fill_id FROM f WHERE fill_id LIKE 'FX%' ORDER BY 1`
		);
		expect(bad.map((b) => b.fill_id)).toEqual(['FX000001', 'FX000002', 'FX000003']);
	});
});

describe('message threads', () => {
	it('give every handled email, SMS and app contact with an agent and a patient its thread, in order', async () => {
		const row = await db.one<{
			contacts: number;
			threads: number;
			orphans: number;
			short: number;
			unordered: number;
			patient_first: number;
		}>(
			// -- written contacts that should have a thread, and the threads' shape
			`WITH written AS (SELECT interaction_id FROM i WHERE channel IN ('email', 'sms', 'app')
					AND coalesce(direction, 'inbound') = 'inbound' AND disposition <> 'abandoned' AND agent_id IS NOT NULL
					AND patient_id IS NOT NULL),
				threads AS (SELECT interaction_id, count(*) AS turns,
					arg_min(speaker, turn::INTEGER) AS first_speaker FROM m GROUP BY 1),
				steps AS (SELECT offset_seconds::DOUBLE - lag(offset_seconds::DOUBLE) OVER (PARTITION BY interaction_id ORDER BY turn::INTEGER) AS step FROM m)
			SELECT (SELECT count(*) FROM written)::INTEGER AS contacts,
				count(*)::INTEGER AS threads,
				count(*) FILTER (interaction_id NOT IN (SELECT interaction_id FROM written))::INTEGER AS orphans,
				count(*) FILTER (turns < 2)::INTEGER AS short,
				(SELECT count(*) FROM steps WHERE step < 0)::INTEGER AS unordered,
				count(*) FILTER (first_speaker = 'patient')::INTEGER AS patient_first
			FROM threads`
		);
		expect(row!.contacts).toBeGreaterThan(0);
		// One thread per written contact, none for anything else; the patient writes first.
		expect([row!.threads, row!.orphans, row!.short, row!.unordered]).toEqual([
			row!.contacts,
			0,
			0,
			0
		]);
		expect(row!.patient_first).toBe(row!.threads);
	});

	it("open the agent's first message with their name and the pharmacy, as calls do", async () => {
		const row = await db.one<{ threads: number; greeted: number; rude: number }>(
			// -- each thread's first agent message: a full greeting, or the rude answer (no greeting)
			`WITH first AS (SELECT interaction_id, arg_min(text, turn::INTEGER) AS text
					FROM m WHERE speaker = 'agent' GROUP BY 1)
			SELECT count(*)::INTEGER AS threads,
				count(*) FILTER (regexp_matches(text, '^(Hi, this is|Hello,) [A-Z][a-z]+ (at|here from) CareLoop Pharmacy\\. '))::INTEGER AS greeted,
				count(*) FILTER (text = 'You need to call the store for that.')::INTEGER AS rude
			FROM first`
		);
		// Most greet in full (AutoQA's greeting rule passes them); the rest are sloppy or rude.
		expect(row!.greeted / row!.threads).toBeGreaterThan(0.75);
		expect(row!.greeted + row!.rude).toBeLessThan(row!.threads);
	});

	it('name a drug even for a patient with no fills on record', async () => {
		const bad = await db.one<{ n: number }>(
			// -- the placeholder phrase that once read "my your medicine"
			`SELECT count(*)::INTEGER AS n FROM m WHERE text ILIKE '%your medicine%'`
		);
		expect(bad!.n).toBe(0);
	});
});

describe('patients', () => {
	it('list every patient once with a name, a fictional 555-01xx phone and an ISO birth date', async () => {
		const row = await db.one<{ n: number; ids: number; bad_phone: number; bad_dob: number }>(
			`SELECT count(*)::INTEGER AS n, count(DISTINCT patient_id)::INTEGER AS ids,
				count(*) FILTER (NOT regexp_full_match(phone, '\\(\\d{3}\\) 555-01\\d{2}'))::INTEGER AS bad_phone,
				count(*) FILTER (try_cast(date_of_birth AS DATE) IS NULL)::INTEGER AS bad_dob
			FROM p`
		);
		// The pool is 12,000 patients (world.ts).
		expect(row).toEqual({ n: 12_000, ids: 12_000, bad_phone: 0, bad_dob: 0 });
	});
});

describe('until', () => {
	it('stops the data at the given moment of the last day', async () => {
		const dir = join(root, 'until');
		// 14:30 UTC on the last day: nothing later, something earlier that day.
		const until = Date.parse(`${END}T14:30:00Z`);
		await generateDemo({ days: 2, seed: 7, out: dir, end: END, until });
		const cut = await createTestDb();
		const last = await cut.one<{ last: string; today: number }>(
			`SELECT max(started_at) AS last, count(*) FILTER (started_at >= '${END}')::INTEGER AS today
			FROM ${READ_CSV(join(dir, DEMO_FILES.interactions))} WHERE try_cast(started_at AS TIMESTAMP) IS NOT NULL`
		);
		await cut.close();
		expect(last!.last <= `${END}T14:30:00Z`).toBe(true);
		expect(last!.today).toBeGreaterThan(0);
	});
});
