// Which QA lead looks after which agent: active qa_lead accounts, each taking agents in turn
// (agents ordered by id, leads by id). Review-queue items and coaching tasks take this owner.
import type { Db } from '../db/index.ts';

/** SQL for a CTE body with columns (agent_id, owner_id, owner_name); reused by sampling. */
export const AGENT_LEADS_CTE = `
	leads AS (
		SELECT id, name, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS idx,
			count(*) OVER () AS n
		FROM users WHERE role = 'qa_lead' AND NOT disabled
	),
	agents AS (
		SELECT agent_id, (row_number() OVER (ORDER BY agent_id) - 1)::INTEGER AS idx
		FROM (SELECT DISTINCT agent_id FROM interactions WHERE agent_id IS NOT NULL)
	),
	agent_leads AS (
		SELECT a.agent_id, l.id AS owner_id, l.name AS owner_name
		FROM agents a LEFT JOIN leads l ON l.idx = a.idx % l.n
	)`;

const SELECT_AGENT_LEADS = `-- every agent with their QA lead (null when there is no QA lead account)
	WITH ${AGENT_LEADS_CTE}
	SELECT agent_id, owner_id, owner_name FROM agent_leads ORDER BY agent_id`;

const SELECT_LEADS = `-- active QA lead accounts
	SELECT id, name FROM users WHERE role = 'qa_lead' AND NOT disabled ORDER BY id`;

export interface Owner {
	id: string;
	name: string;
}

export async function listAgentLeads(db: Db): Promise<Map<string, Owner | null>> {
	const rows = await db.all<{
		agent_id: string;
		owner_id: string | null;
		owner_name: string | null;
	}>(SELECT_AGENT_LEADS);
	return new Map(
		rows.map((r) => [
			r.agent_id,
			r.owner_id ? { id: r.owner_id, name: r.owner_name ?? r.owner_id } : null
		])
	);
}

export async function listQaLeads(db: Db): Promise<Owner[]> {
	return db.all<{ id: string; name: string }>(SELECT_LEADS);
}
