// The Import page's action, load and CSV endpoint through a real (in-memory) database, as a
// manager uses them without JavaScript: a multipart post in, the report and rejects out.
import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('CARELOOP_DB', ':memory:');
const { load, actions } = await import('./+page.server.ts');
const { GET } = await import('./rejects.csv/+server.ts');

const manager = {
	id: 'u1',
	email: 'm@example.test',
	name: 'M',
	role: 'manager' as const,
	agentId: null
};

function event(routeId: string, opts: { form?: FormData; search?: string } = {}) {
	const url = `http://localhost${routeId}${opts.search ?? ''}`;
	return {
		locals: { user: manager, session: null },
		route: { id: routeId },
		url: new URL(url),
		request: new Request(url, { method: opts.form ? 'POST' : 'GET', body: opts.form }),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

const HEADER = 'survey_id,submitted_at,csat,comment';

type Report = {
	files: { file: string; read: number; accepted: number; rejected: number; importId: number }[];
	rejects: {
		importId: number;
		total: number;
		rows: { line: number; reasons: string[]; raw: string }[];
	}[];
};

describe('/import', () => {
	it('imports uploaded files under their own names and lists the rejects', async () => {
		const form = new FormData();
		// Line 3 has csat 9 (out of range 1–5); line 4 has no score and no comment (empty survey).
		const csv = `${HEADER}\nS1,2025-01-06,5,Kind pharmacist\nS2,2025-01-06,9,\nS3,2025-01-06,,\n`;
		form.append('files', new File([csv], 'Surveys-week1.csv', { type: 'text/csv' }));
		form.append('files', new File(['hello'], 'notes.txt'));
		form.append('kind', '');
		const result = (await actions.upload(event('/import', { form }))) as Report;
		// Files in code-point order of their names: "Surveys…" (S) before "notes…" (n).
		expect(result.files.map((f) => [f.file, f.read, f.accepted, f.rejected])).toEqual([
			['Surveys-week1.csv', 3, 1, 2],
			['notes.txt', 0, 0, 0]
		]);
		expect(result.rejects[0].rows).toEqual([
			{ line: 3, reasons: ['out of range csat'], raw: 'S2,2025-01-06,9,' },
			{ line: 4, reasons: ['empty survey'], raw: 'S3,2025-01-06,,' }
		]);

		const importId = result.files[0].importId;
		const page = (await load(event('/import', { search: `?import=${importId}` }))) as {
			imports: { importId: number; importedBy: string }[];
			selected: { rejects: { total: number } };
		};
		expect(page.imports[0]).toMatchObject({ importId, importedBy: 'm@example.test' });
		expect(page.selected.rejects.total).toBe(2);

		const res = await GET(event('/import/rejects.csv', { search: `?import=${importId}` }));
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(await res.text()).toBe(
			'file,line,reasons,raw\r\n' +
				'Surveys-week1.csv,3,out of range csat,"S2,2025-01-06,9,"\r\n' +
				'Surveys-week1.csv,4,empty survey,"S3,2025-01-06,,"\r\n'
		);
	});

	it('asks for a file when none was chosen, and refuses a bad import id', async () => {
		const form = new FormData();
		form.append('kind', '');
		expect(await actions.upload(event('/import', { form }))).toMatchObject({ status: 400 });
		await expect(load(event('/import', { search: '?import=abc' }))).rejects.toMatchObject({
			status: 400
		});
	});
});
