// The KPI settings page: every setting listed with its default, a save that validates and applies,
// and the drug-class table's set/remove — through a real (in-memory) database.
import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('CARELOOP_DB', ':memory:');
const { load, actions } = await import('./+page.server.ts');

const manager = {
	id: 'u1',
	email: 'm@example.test',
	name: 'M',
	role: 'manager' as const,
	agentId: null
};

function event(form?: Record<string, string>) {
	return {
		locals: { user: manager, session: null },
		route: { id: '/settings/kpi' },
		url: new URL('http://localhost/settings/kpi'),
		request: new Request('http://localhost/settings/kpi', {
			method: form ? 'POST' : 'GET',
			body: form ? new URLSearchParams(form) : undefined
		}),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

type Loaded = {
	settings: { key: string; value: string; default: string }[];
	drugs: { drugName: string; drugClass: string }[];
};

async function current(): Promise<Loaded> {
	return (await load(event())) as Loaded;
}

describe('/settings/kpi', () => {
	it('lists every setting with the contract defaults', async () => {
		const data = await current();
		const value = (key: string) => data.settings.find((s) => s.key === key)?.value;
		expect(value('fcr_repeat_window_hours')).toBe('168');
		expect(value('pdc_adherent_threshold')).toBe('0.8');
		expect(value('site_time_zone')).toBe('UTC');
		expect(value('pdc_exclude_insulin')).toBe('false');
		expect(data.drugs.filter((d) => d.drugClass === 'statin')).toHaveLength(7);
	});

	it('saves the whole form, and refuses an unknown time zone without changing anything', async () => {
		const form = Object.fromEntries((await current()).settings.map((s) => [s.key, s.value]));
		const ok = await actions.save(
			event({ ...form, min_sample: '50', pdc_exclude_insulin: 'true' })
		);
		expect(ok).toMatchObject({ ok: true });
		let data = await current();
		expect(data.settings.find((s) => s.key === 'min_sample')?.value).toBe('50');
		expect(data.settings.find((s) => s.key === 'pdc_exclude_insulin')?.value).toBe('true');
		const bad = await actions.save(
			event({ ...form, site_time_zone: 'Mars/Olympus', min_sample: '70' })
		);
		expect(bad).toMatchObject({ status: 400, data: { ok: false, section: 'settings' } });
		data = await current();
		expect(data.settings.find((s) => s.key === 'min_sample')?.value).toBe('50');
	});

	it('sets and removes a drug class', async () => {
		await actions.setDrug(event({ drug: 'Amlodipine', drugClass: 'ras' }));
		expect((await current()).drugs).toContainEqual({ drugName: 'amlodipine', drugClass: 'ras' });
		await actions.removeDrug(event({ drug: 'amlodipine' }));
		expect((await current()).drugs.some((d) => d.drugName === 'amlodipine')).toBe(false);
	});
});
