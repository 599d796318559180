// Genesys Cloud conversation details (JSON: an array of conversations, or the API's page
// {"conversations": [...]}). One conversation is one contact; its times live in participants →
// sessions → segments and metrics, in milliseconds. The flattening step adds per conversation:
// CareLoop.TalkMs / HoldMs / AcwMs (agent sessions: metrics tTalkComplete, tHeldComplete, tAcw,
// else the interact / hold / wrapup segment durations), CareLoop.QueueMs (acd sessions: tAcd,
// else their segments), CareLoop.Agent (the last agent participant's userId), CareLoop.Media,
// CareLoop.WrapUpCode (the last agent wrap-up code) and CareLoop.Abandoned (tAbandon, or queued
// with no agent talk). The mapping divides the milliseconds by 1000.
import type { SourceTable } from './source.ts';
import type { Preset } from './types.ts';

interface Segment {
	segmentStart?: string;
	segmentEnd?: string;
	segmentType?: string;
	wrapUpCode?: string;
}
interface Session {
	mediaType?: string;
	metrics?: { name?: string; value?: number }[];
	segments?: Segment[];
}
interface Participant {
	purpose?: string;
	userId?: string;
	teamId?: string;
	sessions?: Session[];
}

const segMs = (s: Session, type: string) =>
	(s.segments ?? [])
		.filter((g) => type === '*' || g.segmentType === type)
		.reduce((n, g) => {
			const a = Date.parse(g.segmentStart ?? '');
			const b = Date.parse(g.segmentEnd ?? '');
			return Number.isFinite(a) && Number.isFinite(b) ? n + (b - a) : n;
		}, 0);

const metric = (s: Session, ...names: string[]) => {
	for (const name of names) {
		const m = (s.metrics ?? []).filter((x) => x.name === name && typeof x.value === 'number');
		if (m.length) return m.reduce((n, x) => n + (x.value as number), 0);
	}
	return null;
};

function derive(conv: Record<string, unknown>): Map<string, string | null> {
	const parts = (Array.isArray(conv.participants) ? conv.participants : []) as Participant[];
	let talk = 0;
	let hold = 0;
	let acw = 0;
	let queue: number | null = null;
	let abandoned = false;
	let agent: string | null = null;
	let team: string | null = null;
	let wrapUp: string | null = null;
	let media: string | null = null;
	for (const p of parts) {
		for (const s of p.sessions ?? []) {
			media ??= s.mediaType ?? null;
			if (p.purpose === 'agent') {
				talk += metric(s, 'tTalkComplete', 'tTalk') ?? segMs(s, 'interact');
				hold += metric(s, 'tHeldComplete', 'tHeld') ?? segMs(s, 'hold');
				acw += metric(s, 'tAcw') ?? segMs(s, 'wrapup');
				for (const g of s.segments ?? []) if (g.wrapUpCode) wrapUp = g.wrapUpCode;
			} else if (p.purpose === 'acd') {
				queue = (queue ?? 0) + (metric(s, 'tAcd') ?? segMs(s, '*'));
				if (metric(s, 'tAbandon') !== null) abandoned = true;
			}
		}
		if (p.purpose === 'agent' && p.userId) {
			agent = p.userId;
			team = p.teamId ?? team;
		}
	}
	if (queue !== null && talk === 0 && agent === null) abandoned = true;
	return new Map([
		['CareLoop.TalkMs', agent ? String(talk) : null],
		['CareLoop.HoldMs', agent ? String(hold) : null],
		['CareLoop.AcwMs', agent ? String(acw) : null],
		['CareLoop.QueueMs', queue === null ? null : String(queue)],
		['CareLoop.Agent', abandoned ? null : agent],
		['CareLoop.Team', team],
		['CareLoop.Media', media],
		['CareLoop.WrapUpCode', wrapUp],
		['CareLoop.Abandoned', abandoned ? 'Y' : 'N']
	]);
}

export const genesys: Preset = {
	name: 'genesys',
	label: 'Genesys Cloud conversation details',
	formats: ['json', 'ndjson'],
	signature: ['conversationId', 'conversationStart', 'participants'],
	expects:
		'Genesys Cloud conversation details (JSON) with conversationId, conversationStart, originatingDirection and participants',
	mapping: {
		preset: 'genesys',
		kind: 'interactions',
		wrapper: 'conversations',
		optional: ['CareLoop.Team'],
		columns: {
			interaction_id: { from: 'conversationId' },
			started_at: { from: 'conversationStart' },
			channel: {
				from: 'CareLoop.Media',
				map: { voice: 'voice', callback: 'voice', chat: 'chat', message: 'sms', email: 'email' }
			},
			direction: { from: 'originatingDirection' },
			agent_id: { from: 'CareLoop.Agent' },
			team: { from: 'CareLoop.Team' },
			reason: { from: 'CareLoop.WrapUpCode', default: 'general' },
			queue_seconds: { from: 'CareLoop.QueueMs', unit: 'ms' },
			talk_seconds: { from: 'CareLoop.TalkMs', unit: 'ms' },
			hold_seconds: { from: 'CareLoop.HoldMs', unit: 'ms' },
			wrap_seconds: { from: 'CareLoop.AcwMs', unit: 'ms' },
			disposition: {
				when: [{ column: 'CareLoop.Abandoned', in: ['Y'], value: 'abandoned' }],
				const: 'resolved'
			}
		}
	},
	prepare(table: SourceTable): SourceTable {
		const added = new Set<string>();
		for (const r of table.records) {
			if (r.malformed || !r.json) continue;
			for (const [k, v] of derive(r.json as Record<string, unknown>)) {
				r.values.set(k, v);
				added.add(k);
			}
		}
		return { ...table, fields: [...table.fields, ...added] };
	}
};
