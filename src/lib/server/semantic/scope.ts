// The slice of interactions a figure covers — a period on started_at and the optional team,
// channel, reason and agent — as one bound WHERE clause, so every module that reads per-agent
// figures (QA, sentiment, the dashboards) cuts the data the same way.
import { tsParam } from '../time/index.ts';

export interface InteractionScope {
	/** Half-open [from, to) on the interaction's start. */
	from: Date;
	to: Date;
	team?: string | null;
	channel?: string | null;
	reason?: string | null;
	agent?: string | null;
}

/** SQL over alias `i` (interactions); pair it with scopeParams. */
export function scopeSql(alias = 'i'): string {
	return `${alias}.started_at >= $from AND ${alias}.started_at < $to
	AND ($team IS NULL OR ${alias}.team = $team) AND ($channel IS NULL OR ${alias}.channel = $channel)
	AND ($reason IS NULL OR ${alias}.reason = $reason) AND ($agent IS NULL OR ${alias}.agent_id = $agent)`;
}

export function scopeParams(s: InteractionScope) {
	return {
		from: tsParam(s.from),
		to: tsParam(s.to),
		team: s.team ?? null,
		channel: s.channel ?? null,
		reason: s.reason ?? null,
		agent: s.agent ?? null
	};
}
