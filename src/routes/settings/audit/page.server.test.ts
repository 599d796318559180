// The audit search: an impossible date in the URL is a 400 with a sentence, never a 500.
import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('CARELOOP_DB', ':memory:');
const { load } = await import('./+page.server.ts');
const { getDb } = await import('$lib/server/db/index.ts');
const { audit } = await import('$lib/server/auth/audit.ts');
// One record, so the search has rows to compare its dates with (an empty log never casts them).
await audit(await getDb(), { actor: 'a@example.test', action: 'auth.sign_in' });

const admin = {
	id: 'u1',
	email: 'a@example.test',
	name: 'A',
	role: 'admin' as const,
	agentId: null
};

function event(query: string) {
	const url = new URL(`http://localhost/settings/audit?${query}`);
	return {
		locals: { user: admin, session: null },
		route: { id: '/settings/audit' },
		url,
		request: new Request(url),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

describe('/settings/audit', () => {
	it('answers 400 with a sentence for 31 February', async () => {
		const err = await Promise.resolve(load(event('from=2026-02-31'))).catch((e: unknown) => e);
		expect(err).toMatchObject({ status: 400 });
		expect((err as { body: { message: string } }).body.message).toBe(
			'Check the search: "2026-02-31" is not a real date (use YYYY-MM-DD).'
		);
	});

	it('searches real dates', async () => {
		const data = (await load(event('from=2000-02-28&to=2999-03-01'))) as { total: number };
		expect(data.total).toBe(1);
	});
});
