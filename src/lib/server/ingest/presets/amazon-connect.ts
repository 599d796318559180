// Amazon Connect contact records (CTR), JSON array or NDJSON. Records arrive at least once: per
// ContactId the copy with the greatest LastUpdateTimestamp wins. A transfer creates a new
// ContactId whose InitialContactId names the first: the legs combine into one contact. Talk
// (AgentInteractionDuration) excludes hold (CustomerHoldDuration); both are whole seconds.
// Abandoned = queued (EnqueueTimestamp) and never connected to an agent.
import type { SourceTable } from './source.ts';
import type { Preset } from './types.ts';

const CONTACT = 'coalesce(InitialContactId, ContactId)';

export const amazonConnect: Preset = {
	name: 'amazon-connect',
	label: 'Amazon Connect contact records',
	formats: ['json', 'ndjson'],
	signature: ['ContactId', 'InitiationTimestamp', 'Channel', 'InitiationMethod'],
	expects:
		'Amazon Connect contact records (JSON or NDJSON) with ContactId, InitiationTimestamp, Channel, InitiationMethod and LastUpdateTimestamp',
	mapping: {
		preset: 'amazon-connect',
		kind: 'interactions',
		latest: { key: 'ContactId', by: 'LastUpdateTimestamp' },
		groupBy: CONTACT,
		combine: { direction: 'first', reason: 'first' },
		optional: [
			'InitialContactId',
			'Agent.Username',
			'Agent.HierarchyGroups.Level1.GroupName',
			'Agent.AgentInteractionDuration',
			'Agent.CustomerHoldDuration',
			'Agent.AfterContactWorkDuration',
			'Queue.Duration',
			'Attributes.reason',
			'Attributes.patient_id'
		],
		columns: {
			interaction_id: { expr: CONTACT },
			started_at: { from: 'InitiationTimestamp' },
			channel: { from: 'Channel', map: { voice: 'voice', chat: 'chat', email: 'email' } },
			direction: {
				from: 'InitiationMethod',
				map: {
					inbound: 'inbound',
					transfer: 'inbound',
					queue_transfer: 'inbound',
					outbound: 'outbound',
					callback: 'outbound',
					api: 'outbound'
				}
			},
			patient_id: { from: 'Attributes.patient_id' },
			agent_id: { from: 'Agent.Username' },
			team: { from: 'Agent.HierarchyGroups.Level1.GroupName' },
			reason: { from: 'Attributes.reason', default: 'general' },
			queue_seconds: { from: 'Queue.Duration', unit: 's' },
			talk_seconds: { from: 'Agent.AgentInteractionDuration', unit: 's' },
			hold_seconds: { from: 'Agent.CustomerHoldDuration', unit: 's' },
			wrap_seconds: { from: 'Agent.AfterContactWorkDuration', unit: 's' },
			disposition: {
				when: [{ column: 'CareLoop.Abandoned', in: ['Y'], value: 'abandoned' }],
				const: 'resolved'
			}
		}
	},
	prepare(table: SourceTable): SourceTable {
		// Derived: queued but never connected to an agent.
		for (const r of table.records) {
			const queued = r.values.get('Queue.EnqueueTimestamp') ?? null;
			const agent = r.values.get('Agent.ConnectedToAgentTimestamp') ?? null;
			r.values.set('CareLoop.Abandoned', queued !== null && agent === null ? 'Y' : 'N');
		}
		return { ...table, fields: [...table.fields, 'CareLoop.Abandoned'] };
	}
};
