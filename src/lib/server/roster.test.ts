// The roster lands through the contract path (every format, rejects and all) and answers names.
import { describe, expect, it } from 'vitest';
import { agentLabel } from '$lib/agent-label.ts';
import { createBench } from './ingest/test-helpers.ts';
import { agentNames, listRoster } from './roster.ts';

describe('agent roster', () => {
	it('imports agents* files and answers id → name', async () => {
		const bench = await createBench();
		const f = await bench.load(
			'agents.ndjson',
			[
				'{"agent_id":"A1","name":"Ana Diaz","team":"Team A","site":"Leeds","active":true}',
				'{"agent_id":"A2","name":"Ben Okafor","active":"no"}',
				'{"agent_id":"A3"}'
			].join('\n')
		);
		expect([f.kind, f.read, f.accepted, f.rejected]).toEqual(['agents', 3, 2, 1]);
		expect((await bench.rejects())[0]).toMatchObject({ line: 3, reasons: ['missing name'] });
		expect(await listRoster(bench.db)).toEqual([
			{ agentId: 'A1', name: 'Ana Diaz', team: 'Team A', site: 'Leeds', active: true },
			{ agentId: 'A2', name: 'Ben Okafor', team: null, site: null, active: false }
		]);
		const names = await agentNames(bench.db, ['A1', 'A9', null]);
		expect(names).toEqual({ A1: 'Ana Diaz' });
		expect(agentLabel('A1', names)).toBe('Ana Diaz (A1)');
		expect(agentLabel('A9', names)).toBe('A9');
		expect(await agentNames(bench.db)).toEqual({ A1: 'Ana Diaz', A2: 'Ben Okafor' });
	});
});
