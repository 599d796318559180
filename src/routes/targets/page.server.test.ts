// The Targets page's load, actions and CSV endpoint through a real (in-memory) database, as a
// manager would use them without JavaScript: form posts in, plain data out.
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.stubEnv('CARELOOP_DB', ':memory:');
const { load, actions } = await import('./+page.server.ts');
const { GET } = await import('./export.csv/+server.ts');

const manager = {
	id: 'u1',
	email: 'm@example.test',
	name: 'M',
	role: 'manager' as const,
	agentId: null
};

function event(routeId: string, form?: Record<string, string>) {
	const body = form ? new URLSearchParams(form) : undefined;
	return {
		locals: { user: manager, session: null },
		route: { id: routeId },
		url: new URL(`http://localhost${routeId}`),
		request: new Request(`http://localhost${routeId}`, { method: form ? 'POST' : 'GET', body }),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

type Loaded = { targets: { kpi: string; channel: string | null; value: number }[] };

describe('/targets', () => {
	beforeAll(async () => {
		await load(event('/targets'));
	});

	it('lists the seeded targets and saves an edit', async () => {
		const before = (await load(event('/targets'))) as Loaded;
		expect(before.targets.find((t) => t.kpi === 'csat')?.value).toBe(80);
		const result = await actions.save(
			event('/targets', { kpi: 'csat', team: '', channel: '', comparison: 'min', value: '85' })
		);
		expect(result).toMatchObject({ ok: true });
		const after = (await load(event('/targets'))) as Loaded;
		expect(after.targets.filter((t) => t.kpi === 'csat').map((t) => t.value)).toEqual([85]);
	});

	it('refuses a bad value with one sentence, and removes a target', async () => {
		const bad = await actions.save(
			event('/targets', { kpi: 'csat', comparison: 'min', value: 'lots' })
		);
		expect(bad).toMatchObject({ status: 400, data: { ok: false } });
		await actions.remove(event('/targets', { kpi: 'aht', team: '', channel: 'email' }));
		const after = (await load(event('/targets'))) as Loaded;
		expect(after.targets.some((t) => t.kpi === 'aht' && t.channel === 'email')).toBe(false);
	});

	it('refuses an impossible target and never asks for a direction', async () => {
		const impossible = await actions.save(event('/targets', { kpi: 'csat', value: '250' }));
		expect(impossible).toMatchObject({
			status: 400,
			data: { ok: false, message: 'CSAT targets lie between 0 and 100 %.' }
		});
		// The add form has no direction: AHT is saved as a maximum because lower is better.
		const aht = await actions.save(event('/targets', { kpi: 'aht', team: 'west', value: '280' }));
		expect(aht).toMatchObject({
			ok: true,
			message: 'Saved: Average handle time (team west) ≤ 280.'
		});
	});

	it('exports CSV', async () => {
		const res = await GET(event('/targets/export.csv'));
		expect(res.headers.get('content-type')).toContain('text/csv');
		const text = await res.text();
		expect(text.split('\r\n')[0]).toBe('kpi,team,channel,comparison,value,updated_at,updated_by');
		expect(text).toContain('csat,,,>=,85,');
	});
});
