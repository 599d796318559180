// "An agent's team" for a period: the team of most of their interactions in it (ties to the first
// team name, so the answer is stable). Agents move between teams; a period's figures compare them
// with the team they mostly worked in then. One function for the scorecards, the agent page, QA
// coaching's team comparison and anything else that asks.
import type { Db } from '../db/index.ts';
import { scopeParams, scopeSql, type InteractionScope } from './scope.ts';

const AGENT_TEAMS = `-- each agent's usual team in the scope: the team of most of their interactions
SELECT agent_id, team FROM (
	SELECT i.agent_id, i.team,
		row_number() OVER (PARTITION BY i.agent_id ORDER BY count(*) DESC, i.team) AS rank
	FROM interactions i
	WHERE i.agent_id IS NOT NULL AND i.team IS NOT NULL AND ${scopeSql('i')}
	GROUP BY i.agent_id, i.team
) WHERE rank = 1`;

export async function agentTeams(db: Db, scope: InteractionScope): Promise<Map<string, string>> {
	const rows = await db.all<{ agent_id: string; team: string }>(AGENT_TEAMS, scopeParams(scope));
	return new Map(rows.map((r) => [r.agent_id, r.team]));
}
