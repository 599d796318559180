import { describe, expect, it } from 'vitest';
import { safeNext } from './redirect.ts';

describe('safeNext', () => {
	it.each([
		['/agents?period=30d#top', '/agents?period=30d#top'],
		['/complaints/C-1', '/complaints/C-1'],
		[null, '/'],
		['', '/'],
		['agents', '/'],
		['//evil.example/x', '/'],
		['/\\evil.example', '/'],
		['https://evil.example/', '/'],
		['/\t/evil.example', '/'],
		['/login?next=/x', '/'],
		['/logout', '/'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		// Dot segments that normalise to a protocol-relative "//host" (found in security review).
		['/.//evil.example/phish', '/'],
		['/a/..//evil.example', '/'],
		['/./\\evil.example', '/']
	])('%s → %s', (next, expected) => {
		expect(safeNext(next)).toBe(expected);
	});
});
