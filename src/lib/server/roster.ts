// The agent roster (the `agents` input kind): "agent id → name, team" for pages, CSV exports and
// the CLI. A staff account's agent id links it to its roster entry. Ids not in the roster show as
// themselves; a roster never changes which rows count in a figure.
import type { Db } from './db/index.ts';

export interface RosterEntry {
	agentId: string;
	name: string;
	team: string | null;
	site: string | null;
	/** Null means active. */
	active: boolean | null;
}

/** id → display name, for the ids a page shows. */
export type AgentNames = Record<string, string>;

const LIST_SQL = `-- the roster, by name
SELECT agent_id AS "agentId", name, team, site, active FROM agents ORDER BY name, agent_id`;

const NAMES_SQL = `-- names of the given agent ids (all when none are given)
SELECT agent_id AS id, name FROM agents WHERE $all OR list_contains(from_json($ids, '["VARCHAR"]'), agent_id)`;

export const listRoster = (db: Db) => db.all<RosterEntry>(LIST_SQL);

/** Names for the given ids (or the whole roster). Never throws for an id the roster lacks. */
export async function agentNames(db: Db, ids?: Iterable<string | null>): Promise<AgentNames> {
	const wanted = ids ? [...new Set([...ids].filter((x): x is string => x !== null))] : [];
	if (ids && wanted.length === 0) return {};
	const rows = await db.all<{ id: string; name: string }>(NAMES_SQL, {
		all: !ids,
		ids: JSON.stringify(wanted)
	});
	return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
