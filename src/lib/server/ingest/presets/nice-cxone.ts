// NICE CXone Call Detail data download (CSV). Start_Date (MM/DD/YYYY) and Start_Time are local
// times of the report's zone; talk is Active_Talk_Time, because CXone's "Talk Time" includes
// hold and conference; transferred legs share Master_Contact_ID and combine into one contact.
import type { Preset } from './types.ts';

export const niceCxone: Preset = {
	name: 'nice-cxone',
	label: 'NICE CXone call detail',
	formats: ['csv', 'xlsx'],
	signature: ['Contact_ID', 'Master_Contact_ID', 'Start_Date', 'Start_Time'],
	expects:
		'a NICE CXone Call Detail download with Contact_ID, Master_Contact_ID, Start_Date, Start_Time, Agent_No, Skill_Name, Active_Talk_Time and Abandon',
	mapping: {
		preset: 'nice-cxone',
		kind: 'interactions',
		groupBy: 'coalesce(Master_Contact_ID, Contact_ID)',
		optional: ['Direction', 'Team_Name', 'Hold_Time', 'Disposition_Code', 'InQueue', 'ACW_Seconds'],
		columns: {
			interaction_id: { expr: 'coalesce(Master_Contact_ID, Contact_ID)' },
			started_at: { expr: "concat(Start_Date, ' ', Start_Time)", date: 'MM/DD/YYYY HH:mm:ss' },
			channel: {
				from: 'Media_Name',
				map: {
					call: 'voice',
					'phone call': 'voice',
					voice: 'voice',
					chat: 'chat',
					email: 'email',
					sms: 'sms',
					text: 'sms'
				}
			},
			direction: { from: 'Direction', map: { inbound: 'inbound', outbound: 'outbound' } },
			agent_id: { from: 'Agent_No' },
			team: { from: 'Team_Name' },
			reason: { from: 'Skill_Name', default: 'general' },
			queue_seconds: { from: 'InQueue', unit: 's' },
			talk_seconds: { from: 'Active_Talk_Time', unit: 's' },
			hold_seconds: { from: 'Hold_Time', unit: 's' },
			wrap_seconds: { from: 'ACW_Seconds', unit: 's' },
			disposition: {
				when: [{ column: 'Abandon', in: ['Y'], value: 'abandoned' }],
				from: 'Disposition_Code',
				map: { '*': 'resolved' },
				default: 'resolved'
			}
		}
	}
};
