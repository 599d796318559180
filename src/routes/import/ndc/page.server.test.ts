// The NDC table's CSV export reads back through its own import: download, edit, import again.
import { describe, expect, it, vi } from 'vitest';

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

function event(routeId: string, body?: FormData) {
	return {
		locals: { user: manager, session: null },
		route: { id: routeId },
		url: new URL(`http://localhost${routeId}`),
		request: new Request(`http://localhost${routeId}`, { method: body ? 'POST' : 'GET', body }),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

type Loaded = { rows: { ndc: string; drugName: string; drugClass: string | null }[] };

describe('/import/ndc export', () => {
	it('downloads every entry in the columns the import reads, and imports back unchanged', async () => {
		const before = (await load(event('/import/ndc'))) as Loaded;
		const response = await GET(event('/import/ndc/export.csv'));
		expect(response.headers.get('content-type')).toContain('text/csv');
		const csv = await response.text();
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0]).toBe('ndc,drug_name,drug_class');
		// One line per entry after the header.
		expect(lines.length - 1).toBe(before.rows.length);
		expect(before.rows.length).toBeGreaterThan(0);

		// Edit one drug name (names are kept in lower case) in the downloaded file and import it: that entry changes, the count stays.
		const first = before.rows[0];
		const edited = csv.replace(`${first.ndc},${first.drugName},`, `${first.ndc},edited name,`);
		expect(edited).not.toBe(csv);
		const form = new FormData();
		form.set('file', new File([edited], 'ndc.csv', { type: 'text/csv' }));
		const result = await actions.import(event('/import/ndc', form));
		expect(result).toEqual({
			ok: `Set ${before.rows.length} NDC entries from ndc.csv.`
		});
		const after = (await load(event('/import/ndc'))) as Loaded;
		expect(after.rows.length).toBe(before.rows.length);
		expect(after.rows.find((r) => r.ndc === first.ndc)?.drugName).toBe('edited name');
	});
});
