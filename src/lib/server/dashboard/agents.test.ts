import { describe, expect, it } from 'vitest';
import { readSort, sortScorecards, type ScorecardRow } from './agents.ts';

const row = (
	agentId: string,
	contacts: number,
	csat: number | null,
	tooFew = false
): ScorecardRow => ({
	agentId,
	team: 't',
	contacts,
	href: '',
	listHref: '',
	cells: { csat: { value: csat, text: '', n: tooFew ? 3 : 40, status: null, tooFew, href: '' } },
	qa: null,
	negative: null
});

describe('sortScorecards', () => {
	const rows = [row('A1', 10, 90), row('A2', 30, 95, true), row('A3', 20, 70), row('A4', 20, null)];

	it('never ranks a too-few figure: it sorts last in both directions, with missing figures', () => {
		expect(sortScorecards(rows, 'csat', 'desc').map((r) => r.agentId)).toEqual([
			'A1',
			'A3',
			'A2',
			'A4'
		]);
		expect(sortScorecards(rows, 'csat', 'asc').map((r) => r.agentId)).toEqual([
			'A3',
			'A1',
			'A2',
			'A4'
		]);
	});

	it('never ranks a negative-sentiment share or QA score from too few calls above real ones', () => {
		// B1: 55.6 % of 9 scored calls (too few); B2: 20 % of 40; B3: 10 % of 50.
		const neg = (id: string, share: number, n: number, tooFew: boolean): ScorecardRow => ({
			...row(id, 1, null),
			negative: { share, n, href: '', tooFew },
			qa: { score: share, n, tooFew }
		});
		const agents = [neg('B1', 55.6, 9, true), neg('B2', 20, 40, false), neg('B3', 10, 50, false)];
		expect(sortScorecards(agents, 'negative', 'desc').map((r) => r.agentId)).toEqual([
			'B2',
			'B3',
			'B1'
		]);
		expect(sortScorecards(agents, 'qa', 'desc').map((r) => r.agentId)).toEqual(['B2', 'B3', 'B1']);
	});

	it('breaks ties by agent id', () => {
		expect(sortScorecards(rows, 'contacts', 'desc').map((r) => r.agentId)).toEqual([
			'A2',
			'A3',
			'A4',
			'A1'
		]);
	});

	it('reads only whitelisted sorts from the URL', () => {
		expect(readSort(new URL('http://x/agents?sort=csat&dir=asc'))).toEqual({
			sort: 'csat',
			dir: 'asc'
		});
		expect(readSort(new URL('http://x/agents?sort=password&dir=up'))).toEqual({
			sort: 'contacts',
			dir: 'desc'
		});
	});
});
