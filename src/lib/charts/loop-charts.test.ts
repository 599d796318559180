import { describe, expect, it } from 'vitest';
import { loopTrendChart } from './loop-charts.ts';

describe('loopTrendChart', () => {
	it('stacks each bucket by state and keeps SLA compliance in the table', () => {
		const spec = loopTrendChart(
			[
				// 3 on time of 3 + 1 + 0 counted → 75 %; the pending one does not count yet.
				{ bucket: '2026-03-09', opened: 5, onTime: 3, late: 1, overdue: 0, pending: 1, sla: 75 },
				{ bucket: '2026-03-10', opened: 2, onTime: 0, late: 0, overdue: 0, pending: 2, sla: null }
			],
			'day'
		);
		expect(spec.title).toBe('Complaint follow-ups opened per day, by where they stand now (tasks)');
		expect(spec.table.rows).toEqual([
			['2026-03-09', 5, 3, 1, 0, 1, 75],
			['2026-03-10', 2, 0, 0, 0, 2, null]
		]);
		expect(spec.summary).toContain('7 follow-ups over 2 days');
	});
});
