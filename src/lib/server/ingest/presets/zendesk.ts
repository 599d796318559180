// Zendesk Support: tickets (interactions) and satisfaction ratings (surveys), as the API's JSON
// ({"tickets": [...]}, {"satisfaction_ratings": [...]}), NDJSON or a flat CSV of the same fields.
// A rating's score is good/bad: it is never turned into a 1–5 CSAT. It is kept as binary
// satisfaction (see binary.ts); the survey row carries the comment, so a rating without a
// comment is an empty survey by the contract.
import { storeBinarySatisfaction } from './binary.ts';
import type { Preset } from './types.ts';

export const zendeskTickets: Preset = {
	name: 'zendesk-tickets',
	label: 'Zendesk tickets',
	formats: ['json', 'ndjson', 'csv', 'xlsx'],
	signature: ['id', 'created_at', 'via.channel', 'status'],
	expects: 'Zendesk tickets with id, created_at, via.channel, status, assignee_id and requester_id',
	mapping: {
		preset: 'zendesk-tickets',
		kind: 'interactions',
		wrapper: 'tickets',
		optional: ['assignee_id', 'group_id', 'requester_id', 'subject', 'custom_reason'],
		columns: {
			interaction_id: { expr: "concat('zd-', id)" },
			started_at: { from: 'created_at' },
			channel: {
				from: 'via.channel',
				map: {
					email: 'email',
					web: 'email',
					api: 'email',
					chat: 'chat',
					native_messaging: 'chat',
					voice: 'voice',
					sms: 'sms',
					mobile_sdk: 'app',
					mobile: 'app'
				}
			},
			patient_id: { from: 'requester_id' },
			agent_id: { from: 'assignee_id' },
			team: { from: 'group_id' },
			reason: { from: 'custom_reason', default: 'general' },
			disposition: {
				from: 'status',
				map: {
					solved: 'resolved',
					closed: 'resolved',
					new: 'unresolved',
					open: 'unresolved',
					pending: 'unresolved',
					hold: 'unresolved'
				}
			}
		}
	}
};

export const zendeskSatisfaction: Preset = {
	name: 'zendesk-satisfaction',
	label: 'Zendesk satisfaction ratings',
	formats: ['json', 'ndjson', 'csv', 'xlsx'],
	signature: ['id', 'score', 'ticket_id', 'created_at'],
	expects:
		'Zendesk satisfaction ratings with id, score (good or bad), ticket_id, comment and created_at',
	mapping: {
		preset: 'zendesk-satisfaction',
		kind: 'surveys',
		wrapper: 'satisfaction_ratings',
		optional: ['comment', 'requester_id'],
		columns: {
			survey_id: { expr: "concat('zd-', id)" },
			interaction_id: { expr: "concat('zd-', ticket_id)" },
			patient_id: { from: 'requester_id' },
			submitted_at: { from: 'created_at' },
			comment: { from: 'comment' }
		}
	},
	afterApply: storeBinarySatisfaction
};
