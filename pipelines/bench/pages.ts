// `npm run bench:pages`: server time of every dashboard page, measured two ways.
// - Default: opens the database file (CARELOOP_DB or --db; no server may hold it) and runs each
//   page's server work (the same modules its load calls) --runs times after one warm-up.
// - `--url http://host:port --cookie careloop_session=…`: requests each page from a running built
//   server (`node build`) and times the whole response, server rendering included.
// Prints median and max per page against the 300 ms budget (design/ui.md); in the direct mode also
// the cold median: the first load after an import or settings change, before figures are cached.
import { parse, CliError } from '../lib/args.ts';
import { openDb, resolveDbPath, type Db } from '../../src/lib/server/db/index.ts';
import { filterChoices, lastDataDay } from '../../src/lib/server/dashboard/context.ts';
import { parseDrill, parseFilter } from '../../src/lib/server/dashboard/filters.ts';
import { loadOverview } from '../../src/lib/server/dashboard/overview.ts';
import { listAgentScorecards } from '../../src/lib/server/dashboard/agents.ts';
import { loadAgent } from '../../src/lib/server/dashboard/agent-page.ts';
import { runList } from '../../src/lib/server/dashboard/lists.ts';
import { getInteractionDetail } from '../../src/lib/server/dashboard/detail.ts';
import { loadAdherence } from '../../src/lib/server/dashboard/adherence.ts';
import { clearCache } from '../../src/lib/server/dashboard/cache.ts';
import { followUpFigures, listTasks } from '../../src/lib/server/loop/index.ts';
import {
	defaultWeekStart,
	listCoachingTasks,
	listEvaluations,
	listQueueWeeks,
	listReviewQueue
} from '../../src/lib/server/qa/index.ts';
import { getSettings } from '../../src/lib/server/settings/index.ts';
import { listImports } from '../../src/lib/server/ingest/index.ts';
import { listNdc } from '../../src/lib/server/ingest/presets/ndc.ts';
import { listMappings } from '../../src/lib/server/ingest/presets/saved.ts';
import { listJobViews } from '../../src/lib/server/jobs/index.ts';
import { addLocalDays, now } from '../../src/lib/server/time/index.ts';

const USAGE =
	'npm run bench:pages -- [--db FILE] [--runs 5] | --url http://localhost:3000 --cookie careloop_session=TOKEN';
const BUDGET_MS = 300;

interface Page {
	name: string;
	path: string;
	/** The page's server work against the database, as its load runs it. */
	work: (db: Db) => Promise<unknown>;
}

const SAMPLE = `-- a recent handled interaction with a transcript, and its agent, to open their pages
SELECT i.interaction_id, i.agent_id FROM interactions i
WHERE i.agent_id IS NOT NULL AND EXISTS (SELECT 1 FROM transcripts t WHERE t.interaction_id = i.interaction_id)
ORDER BY i.started_at DESC LIMIT 1`;

/** The follow-up queue as a manager sees it: every task. */
const MANAGER = {
	id: 'bench',
	name: 'Bench',
	email: 'bench@careloop.local',
	role: 'manager',
	seesAll: true,
	pharmacist: false
} as const;

function pages(asOf: string, id: string, agent: string): Page[] {
	const at = (path: string) => new URL(`http://bench${path}`);
	const filtered = (path: string) => {
		const url = at(path);
		return { filter: parseFilter(url, asOf), drill: parseDrill(url) };
	};
	const list = (path: string) => async (d: Db) => {
		const { filter, drill } = filtered(path);
		return Promise.all([filterChoices(d), runList(d, filter, drill)]);
	};
	return [
		{
			name: 'Overview (last 30 days)',
			path: '/overview',
			work: (d) => Promise.all([filterChoices(d), loadOverview(d, filtered('/overview').filter)])
		},
		{
			name: 'Overview (last 90 days)',
			path: '/overview?period=last90',
			work: (d) => loadOverview(d, filtered('/overview?period=last90').filter)
		},
		{
			name: 'Agents scorecard',
			path: '/agents',
			work: (d) =>
				Promise.all([filterChoices(d), listAgentScorecards(d, filtered('/agents').filter)])
		},
		{
			name: `Agent page (${agent})`,
			path: `/agents/${agent}`,
			work: (d) => loadAgent(d, filtered('/agents/x').filter, agent)
		},
		{ name: 'Interactions list', path: '/interactions', work: list('/interactions') },
		{
			name: 'Interactions search',
			path: '/interactions?q=refill',
			work: list('/interactions?q=refill')
		},
		{
			name: 'Surveys, CSAT low',
			path: '/interactions?kpi=csat&part=rest',
			work: list('/interactions?kpi=csat&part=rest')
		},
		{
			name: 'FCR misses',
			path: '/interactions?kpi=fcr&part=rest',
			work: list('/interactions?kpi=fcr&part=rest')
		},
		{
			name: `Interaction detail (${id})`,
			path: `/interactions/${id}`,
			work: (d) => getInteractionDetail(d, id)
		},
		{
			name: 'Follow-ups (manager)',
			path: '/complaints',
			work: async (d) => {
				const at = now();
				const tz = (await getSettings(d)).siteTimeZone;
				return Promise.all([
					listTasks(d, MANAGER, { limit: 200 }),
					followUpFigures(d, { from: addLocalDays(at, -30, tz), to: at, now: at })
				]);
			}
		},
		{
			name: 'QA review queue (all)',
			path: '/qa?owner=all',
			work: async (d) => {
				const weeks = await listQueueWeeks(d);
				const week = weeks[0]?.weekStart ?? (await defaultWeekStart(d));
				return Promise.all([
					listReviewQueue(d, { weekStart: week, ownerId: null }),
					listEvaluations(d, { status: 'disputed' }),
					listEvaluations(d, { status: 'submitted', limit: 50 })
				]);
			}
		},
		{
			name: 'Coaching tasks (all)',
			path: '/coaching?owner=all',
			work: (d) => listCoachingTasks(d, { state: null, ownerId: null })
		},
		{
			name: 'Import (recent imports and jobs)',
			path: '/import',
			work: (d) => Promise.all([listImports(d, 20), listJobViews(d, null, 10)])
		},
		{ name: 'Import mapping', path: '/import/mapping', work: (d) => listMappings(d) },
		{ name: 'NDC table', path: '/import/ndc', work: (d) => listNdc(d) },
		{
			name: 'Adherence (year to date)',
			path: `/adherence?from=${asOf.slice(0, 4)}-01-01&to=${asOf}`,
			work: (d) =>
				loadAdherence(d, parseFilter(at(`/x?from=${asOf.slice(0, 4)}-01-01&to=${asOf}`), asOf), {})
		}
	];
}

function stats(ms: number[]) {
	const sorted = [...ms].sort((a, b) => a - b);
	return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

interface Row {
	name: string;
	median: number;
	max: number;
	cold?: number;
}

function report(rows: Row[]): number {
	const width = Math.max(...rows.map((r) => r.name.length));
	const withCold = rows.some((r) => r.cold !== undefined);
	console.log(
		`${'page'.padEnd(width)}  ${withCold ? 'cold ms  ' : ''}median ms  max ms  budget ${BUDGET_MS} ms (median)`
	);
	for (const r of rows) {
		const ok = r.median <= BUDGET_MS ? 'ok' : 'OVER';
		const cold = withCold ? `${(r.cold ?? 0).toFixed(0).padStart(7)}  ` : '';
		console.log(
			`${r.name.padEnd(width)}  ${cold}${r.median.toFixed(0).padStart(9)}  ${r.max.toFixed(0).padStart(6)}  ${ok}`
		);
	}
	return rows.every((r) => r.median <= BUDGET_MS) ? 0 : 1;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
	await fn();
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		out.push(performance.now() - t0);
	}
	return out;
}

export default async function bench(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			db: { type: 'string' },
			runs: { type: 'string' },
			url: { type: 'string' },
			cookie: { type: 'string' }
		},
		USAGE
	);
	const runs = Number(values.runs ?? 5);
	if (!Number.isInteger(runs) || runs < 1)
		throw new CliError(`--runs must be a positive whole number. Usage: ${USAGE}`);
	const rows: Row[] = [];
	if (values.url) {
		// The server owns the database file: find a sample interaction and agent through the pages.
		const base = values.url.replace(/\/$/, '');
		const headers = values.cookie ? { cookie: values.cookie } : undefined;
		const listing = await fetch(`${base}/interactions`, { headers, redirect: 'manual' });
		if (listing.status !== 200)
			throw new CliError(
				`${base}/interactions answered ${listing.status}: sign in as a manager and pass --cookie careloop_session=…`,
				1
			);
		const html = await listing.text();
		const id = /href="\/interactions\/([^"?]+)"/.exec(html)?.[1] ?? 'none';
		const agent = /href="\/agents\/([^"?]+)/.exec(html)?.[1] ?? 'none';
		const asOf =
			/data through (\d{4}-\d{2}-\d{2})/.exec(html)?.[1] ?? new Date().toISOString().slice(0, 10);
		for (const p of pages(asOf, decodeURIComponent(id), decodeURIComponent(agent))) {
			const ms = await time(async () => {
				const res = await fetch(base + p.path, { headers, redirect: 'manual' });
				if (res.status !== 200) throw new CliError(`${p.path} answered ${res.status}.`, 1);
				await res.text();
			}, runs);
			rows.push({ name: p.name, ...stats(ms) });
		}
		console.log(`${base}, ${runs} runs after a warm-up, whole response`);
		return report(rows);
	}
	const path = values.db ?? resolveDbPath();
	const db = await openDb(path);
	try {
		const sample = await db.one<{ interaction_id: string; agent_id: string }>(SAMPLE);
		const list = pages(
			await lastDataDay(db),
			sample?.interaction_id ?? 'none',
			sample?.agent_id ?? 'none'
		);
		for (const p of list) {
			// Cold: the first load after an import or settings change (figures not cached yet), median of runs.
			const cold = stats(await time(() => (clearCache(db), p.work(db)), runs)).median;
			rows.push({ name: p.name, cold, ...stats(await time(() => p.work(db), runs)) });
		}
	} finally {
		await db.close();
	}
	console.log(
		`${path}, ${runs} runs after a warm-up, server work of each load; cold = cache emptied before each run`
	);
	return report(rows);
}
