import { describe, expect, it } from 'vitest';
import { drillHref, hrefWith } from './links.ts';

describe('links', () => {
	it('merges params left to right, dropping empty values', () => {
		expect(
			hrefWith('/agents', { period: 'last7', team: 'north' }, { team: null, sort: 'csat' })
		).toBe('/agents?period=last7&sort=csat');
		expect(hrefWith('/agents', { q: '' })).toBe('/agents');
	});

	it('builds drill-down links to the interaction list', () => {
		expect(
			drillHref({ from: '2026-03-01', to: '2026-03-31' }, { view: 'surveys', csat: 'low' })
		).toBe('/interactions?from=2026-03-01&to=2026-03-31&view=surveys&csat=low');
	});
});
