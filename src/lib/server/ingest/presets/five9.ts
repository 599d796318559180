// Five9 Call Log report (CSV). Times are the domain's local time without a zone ("Thu, 27 Oct
// 2016 14:51:34"), durations are HH:MM:SS, and a call's legs repeat its CALL ID: legs combine
// into one contact (earliest start, summed times, the last leg's agent and disposition).
import type { Preset } from './types.ts';

export const five9: Preset = {
	name: 'five9',
	label: 'Five9 call log',
	formats: ['csv', 'xlsx'],
	signature: ['CALL ID', 'TIMESTAMP', 'CALL TYPE', 'TALK TIME'],
	expects:
		'a Five9 Call Log report with the columns CALL ID, TIMESTAMP, CALL TYPE, AGENT, DISPOSITION and the HH:MM:SS times',
	mapping: {
		preset: 'five9',
		kind: 'interactions',
		groupBy: 'CALL ID',
		optional: ['CAMPAIGN', 'ABANDONED', 'QUEUE WAIT TIME', 'HOLD TIME', 'AFTER CALL WORK TIME'],
		columns: {
			interaction_id: { from: 'CALL ID' },
			started_at: { from: 'TIMESTAMP', date: 'ddd, DD MMM YYYY HH:mm:ss' },
			channel: { const: 'voice' },
			direction: {
				from: 'CALL TYPE',
				map: {
					inbound: 'inbound',
					outbound: 'outbound',
					autodial: 'outbound',
					manual: 'outbound',
					preview: 'outbound'
				}
			},
			agent_id: { from: 'AGENT' },
			reason: { from: 'CAMPAIGN', default: 'general' },
			queue_seconds: { from: 'QUEUE WAIT TIME', unit: 'hms' },
			talk_seconds: { from: 'TALK TIME', unit: 'hms' },
			hold_seconds: { from: 'HOLD TIME', unit: 'hms' },
			wrap_seconds: { from: 'AFTER CALL WORK TIME', unit: 'hms' },
			disposition: {
				when: [{ column: 'ABANDONED', in: ['1'], value: 'abandoned' }],
				from: 'DISPOSITION',
				map: {
					abandon: 'abandoned',
					transferred: 'transferred',
					'transferred to 3rd party': 'transferred',
					callback: 'callback',
					'no answer': 'unresolved',
					'no disposition': 'unresolved',
					'operator intercept': 'unresolved',
					'*': 'resolved'
				},
				default: 'resolved'
			}
		}
	}
};
