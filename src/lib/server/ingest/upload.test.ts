// Streamed uploads: files land privately on disk, caps refuse early with a sentence naming the
// limit, a malformed body is a 400, and nothing is left behind.
import { mkdtempSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiveUpload, removeOrphanUploads, UploadError, uploadLimits } from './upload.ts';

const roots: string[] = [];
afterEach(async () => {
	for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

function root(): string {
	const dir = mkdtempSync(join(tmpdir(), 'careloop-upload-test-'));
	roots.push(dir);
	return join(dir, 'uploads');
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://localhost/import?/upload', { method: 'POST', body, headers });

function form(files: [string, string][], fields: Record<string, string> = {}): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	for (const [name, text] of files) f.append('files', new File([text], name));
	return f;
}

const limits = { maxFiles: 3, maxBytes: 2 * 1024 * 1024 };

describe('streamed uploads', () => {
	it('writes each file to a private folder in name order and removes it afterwards', async () => {
		const dir = root();
		const got = await receiveUpload(
			post(
				form(
					[
						['b.csv', 'bee'],
						['A.csv', 'a'],
						['b.csv', 'two']
					],
					{ kind: 'fills' }
				)
			),
			{
				root: dir,
				limits,
				fileField: 'files'
			}
		);
		// Code-point order: "A.csv" < "b.csv"; the two b.csv keep their arrival order.
		expect(got.files.map((f) => [f.name, f.bytes])).toEqual([
			['A.csv', 1],
			['b.csv', 3],
			['b.csv', 3]
		]);
		expect(got.fields.get('kind')).toBe('fills');
		for (const f of got.files) {
			expect(statSync(f.path).mode & 0o777).toBe(0o600);
			expect(statSync(join(f.path, '..')).mode & 0o777).toBe(0o700);
		}
		expect(statSync(join(got.files[0].path, '..', '..')).mode & 0o777).toBe(0o700);
		await got.remove();
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses a 10,000-file upload at the first file over the cap, naming the limit', async () => {
		const dir = root();
		const many = form(
			Array.from({ length: 10_000 }, (_, i) => [`fills-${i}.csv`, 'x'] as [string, string])
		);
		const err = await receiveUpload(post(many), { root: dir, limits, fileField: 'files' }).catch(
			(e) => e
		);
		expect(err).toBeInstanceOf(UploadError);
		expect(err.status).toBe(413);
		expect(err.message).toBe(
			'One upload may hold at most 3 files: import them in smaller groups, or a whole folder with careloop ingest.'
		);
		// Nothing of it stays on disk.
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses a body over the byte cap by its declared length, without reading it', async () => {
		const err = await receiveUpload(
			post('x'.repeat(10), {
				'content-type': 'multipart/form-data; boundary=abc',
				'content-length': String(5 * 1024 * 1024)
			}),
			{ root: root(), limits: { maxFiles: 3, maxBytes: 1024 * 1024 }, fileField: 'files' }
		).catch((e) => e);
		expect(err).toMatchObject({ status: 413 });
		// 1 MB cap → "1 MB" in the sentence.
		expect(err.message).toMatch(/^One upload may hold at most 1 MB:/);
	});

	it('refuses a file that grows past the byte cap while it streams', async () => {
		const dir = root();
		const big = form([['fills.csv', 'y'.repeat(3 * 1024 * 1024)]]);
		const err = await receiveUpload(post(big), { root: dir, limits, fileField: 'files' }).catch(
			(e) => e
		);
		expect(err).toMatchObject({ status: 413 });
		expect(err.message).toMatch(/^One upload may hold at most 2 MB:/);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('answers a malformed or non-multipart body with a 400 and a sentence', async () => {
		const dir = root();
		const cut = await receiveUpload(
			post('--abc\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nabc', {
				'content-type': 'multipart/form-data; boundary=abc'
			}),
			{ root: dir, limits, fileField: 'files' }
		).catch((e) => e);
		expect(cut).toMatchObject({ status: 400 });
		expect(cut.message).toMatch(/not a well-formed multipart form/);
		const plain = await receiveUpload(post('a=b', { 'content-type': 'text/plain' }), {
			root: dir,
			limits,
			fileField: 'files'
		}).catch((e) => e);
		expect(plain).toMatchObject({ status: 400 });
		expect(readdirSync(dir)).toEqual([]);
	});

	it('clears uploads a crashed process left behind, and reads its limits from the environment', async () => {
		const dir = root();
		mkdirSync(join(dir, 'upload-crashed', 'a00000'), { recursive: true });
		writeFileSync(join(dir, 'upload-crashed', 'a00000', 'fills.csv'), 'patient data');
		await removeOrphanUploads(dir);
		expect(existsSync(join(dir, 'upload-crashed'))).toBe(false);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(uploadLimits({})).toEqual({ maxFiles: 20, maxBytes: 1024 * 1024 * 1024 });
		expect(uploadLimits({ CARELOOP_UPLOAD_MAX_FILES: '5', CARELOOP_UPLOAD_MAX_MB: '10' })).toEqual({
			maxFiles: 5,
			maxBytes: 10 * 1024 * 1024
		});
	});
});
