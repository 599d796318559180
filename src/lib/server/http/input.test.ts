import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { boundedBody, MAX_ID, oversizedBody, parseId, pathId, readFormData } from './input.ts';

async function statusOf(fn: () => unknown): Promise<[number, string] | 'no error'> {
	try {
		await fn();
		return 'no error';
	} catch (err) {
		if (isHttpError(err)) return [err.status, err.body.message];
		throw err;
	}
}

describe('ids in paths and forms', () => {
	it.each([
		['1', 1],
		['2147483647', MAX_ID],
		['0', null],
		['2147483648', null], // INTEGER's maximum + 1
		['99999999999999999999', null], // past int64, the probe's case
		['1e3', null],
		['-5', null],
		['12abc', null],
		['', null]
	])('parseId(%j) = %j', (raw, expected) => {
		expect(parseId(raw)).toBe(expected);
	});

	it('a malformed path id is a 400 with a sentence, never a database overflow', async () => {
		expect(await statusOf(() => pathId('99999999999999999999', 'follow-up'))).toEqual([
			400,
			'"99999999999999999999" is not a valid follow-up number: use the link from the list.'
		]);
		expect(await statusOf(() => pathId('x'.repeat(40), 'evaluation'))).toEqual([
			400,
			`"${'x'.repeat(24)}…" is not a valid evaluation number: use the link from the list.`
		]);
		expect(pathId('42', 'follow-up')).toBe(42);
	});
});

describe('reading a posted form', () => {
	const post = (body: string, type: string) =>
		new Request('http://x/', { method: 'POST', body, headers: { 'content-type': type } });

	it('reads a good multipart form', async () => {
		const body = '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n';
		const form = await readFormData(post(body, 'multipart/form-data; boundary=b'));
		expect(form.get('note')).toBe('hello');
	});

	it.each([
		['a multipart body cut off mid-part', '--b\r\nContent-Disposition: form-data; name="n', 'b'],
		['a boundary that never appears', 'just some bytes', 'zzz']
	])('%s is a 400 with a sentence', async (_, body, boundary) => {
		expect(
			await statusOf(() => readFormData(post(body, `multipart/form-data; boundary=${boundary}`)))
		).toEqual([400, 'The form could not be read (it was cut off or not a form): send it again.']);
	});

	it('a JSON body where a form is expected is a 400 too', async () => {
		expect(await statusOf(() => readFormData(post('{"a":1}', 'application/json')))).toEqual([
			400,
			'The form could not be read (it was cut off or not a form): send it again.'
		]);
	});
});

describe('oversizedBody', () => {
	const post = (length: number | null, method = 'POST') =>
		new Request('http://localhost/login', {
			method,
			headers: length === null ? {} : { 'content-length': String(length) }
		});

	it('refuses a form declared over 1 MB outside the upload pages, before it is read', async () => {
		// 1 MB = 1,048,576 bytes: exactly that passes, one byte more is a 413.
		expect(oversizedBody(post(1_048_576), '/login')).toBeNull();
		const refused = oversizedBody(post(1_048_577), '/login');
		expect(refused?.status).toBe(413);
		expect(await refused?.text()).toBe(
			'This request is too large: forms take at most 1 MB (files go through Import).'
		);
		expect(oversizedBody(post(5_000_000), '/interactions/[id]/label')?.status).toBe(413);
		// A route SvelteKit does not know is refused too (the 404 would read nothing anyway).
		expect(oversizedBody(post(5_000_000), null)?.status).toBe(413);
	});

	it('leaves uploads, reads and undeclared lengths to their own limits (boundedBody below)', () => {
		for (const route of ['/import', '/import/mapping', '/import/ndc'])
			expect(oversizedBody(post(500_000_000), route)).toBeNull();
		expect(oversizedBody(post(null), '/login')).toBeNull();
		expect(oversizedBody(new Request('http://localhost/overview'), '/overview')).toBeNull();
	});
});

describe('boundedBody (a form sent without a declared length)', () => {
	/** A chunked POST: `chunks` pieces of `size` bytes of "a", no Content-Length. */
	const chunked = (chunks: number, size: number, route = 'http://localhost/login') => {
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === chunks) return controller.close();
				sent++;
				controller.enqueue(new Uint8Array(size).fill(97));
			}
		});
		const request = new Request(route, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body,
			duplex: 'half'
		} as RequestInit);
		return { request, read: () => sent };
	};

	it('passes a body of at most 1 MB on, rebuilt around the bytes read', async () => {
		// 16 chunks of 65,536 bytes = 1,048,576: exactly the limit.
		const { request } = chunked(16, 65_536);
		const out = await boundedBody(request, '/login');
		expect(out).toBeInstanceOf(Request);
		const text = await (out as Request).text();
		expect(text.length).toBe(1_048_576);
		expect((out as Request).headers.get('content-type')).toBe('application/x-www-form-urlencoded');
	});

	it('refuses a body past 1 MB, reading the rest only to drop it (so the sender gets the 413)', async () => {
		// 100 chunks of 65,536 bytes (6.5 MB): the 17th chunk takes it to 1,114,112 > 1,048,576.
		const { request, read } = chunked(100, 65_536);
		const out = await boundedBody(request, '/login');
		expect(out).toBeInstanceOf(Response);
		expect((out as Response).status).toBe(413);
		expect(read()).toBe(100);
		// One byte past the limit is enough.
		const { request: justOver } = chunked(1, 1_048_577);
		expect(((await boundedBody(justOver, '/login')) as Response).status).toBe(413);
	});

	it('answers a body cut off before the limit with a 400', async () => {
		let sent = false;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent) return controller.error(new Error('socket hang up'));
				sent = true;
				controller.enqueue(new TextEncoder().encode('email=a'));
			}
		});
		const request = new Request('http://localhost/login', {
			method: 'POST',
			body,
			duplex: 'half'
		} as RequestInit);
		const out = (await boundedBody(request, '/login')) as Response;
		expect(out.status).toBe(400);
		expect(await out.text()).toContain('The form could not be read');
	});

	it('leaves declared lengths, bodiless requests and uploads alone', async () => {
		const declared = new Request('http://localhost/login', {
			method: 'POST',
			headers: { 'content-length': '3' },
			body: 'a=b'
		});
		expect(await boundedBody(declared, '/login')).toBeNull();
		expect(
			await boundedBody(new Request('http://localhost/logout', { method: 'POST' }), '/logout')
		).toBeNull();
		expect(await boundedBody(chunked(100, 65_536).request, '/import')).toBeNull();
		expect(await boundedBody(new Request('http://localhost/overview'), '/overview')).toBeNull();
	});
});
