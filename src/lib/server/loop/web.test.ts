import { describe, expect, it } from 'vitest';
import { TaskConflictError, TaskRuleError } from './actions.ts';
import type { TaskSummary } from './queue.ts';
import { describeFailure, filterFromUrl, parseSelection, tasksToCsv } from './web.ts';

describe('queue web helpers', () => {
	it('reads filters from the URL; unknown values mean "any"', () => {
		const ok = filterFromUrl(
			new URL('http://x/complaints?category=delivery&severity=high&assignee=me&status=closed')
		);
		expect(ok.filter).toEqual({
			kind: null,
			category: 'delivery',
			severity: 'high',
			assignee: 'me',
			status: 'closed'
		});
		const bad = filterFromUrl(new URL('http://x/complaints?category=%3Bdrop&status=nope'));
		expect(bad.filter).toEqual({
			kind: null,
			category: null,
			severity: null,
			assignee: null,
			status: 'active'
		});
	});

	it('parses ticked rows as id:version and drops junk', () => {
		expect(parseSelection(['3:1', '12:7', 'x', '4'])).toEqual([
			{ id: 3, version: 1 },
			{ id: 12, version: 7 }
		]);
	});

	it('maps expected failures to statuses', () => {
		expect(describeFailure(new TaskConflictError())).toEqual({
			status: 409,
			message: 'Someone else changed this task — reload to see their change.'
		});
		expect(describeFailure(new TaskRuleError('no'))?.status).toBe(400);
		expect(describeFailure(new Error('bug'))).toBeNull();
	});

	it('writes CSV with quoting, defused formulas and the overdue flag', () => {
		const row: TaskSummary = {
			id: 1,
			kind: 'complaint',
			patientId: 'P1',
			category: 'other',
			categoryReason: 'x',
			severity: 'medium',
			queue: 'staff',
			script: null,
			summary: '=HYPERLINK("x"), "quoted"',
			openedAt: new Date('2026-03-01T00:00:00Z'),
			dueAt: new Date('2026-03-03T00:00:00Z'),
			status: 'open',
			assigneeId: null,
			assigneeName: null,
			resolution: null,
			outcome: null,
			closedAt: null,
			version: 1,
			attempts: 0,
			locked: false
		};
		const csv = tasksToCsv([row], new Date('2026-03-04T00:00:00Z'));
		expect(csv.split('\r\n')[1]).toBe(
			`1,complaint,P1,other,medium,staff,open,,2026-03-01T00:00:00.000Z,2026-03-03T00:00:00.000Z,true,0,,,"'=HYPERLINK(""x""), ""quoted"""`
		);
	});
});
