import { describe, expect, it } from 'vitest';
import {
	generatePassword,
	hashPassword,
	passwordProblem,
	PRODUCTION_ARGON2,
	useFastHashingForTests,
	verifyPassword
} from './password.ts';

describe('passwords', () => {
	it('production cost is OWASP argon2id: m = 19456 KiB, t = 2, p = 1', async () => {
		expect(PRODUCTION_ARGON2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
		// One real production-cost hash, to prove the default really is argon2id with those numbers.
		const hashed = await hashPassword('a production cost check');
		expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('hashes with argon2id, verifies the right password and rejects a wrong one', async () => {
		useFastHashingForTests();
		const hashed = await hashPassword('correct horse battery staple');
		expect(hashed.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(hashed, 'correct horse battery staple')).toBe(true);
		expect(await verifyPassword(hashed, 'correct horse battery stapl')).toBe(false);
		// Salted: the same password hashes differently each time.
		expect(await hashPassword('correct horse battery staple')).not.toBe(hashed);
	});

	it('a broken stored hash is an error, not a wrong password', async () => {
		await expect(verifyPassword('not-a-hash', 'whatever password')).rejects.toThrow(
			/could not be read/
		);
	});

	it('asks only for length: 12 characters, no composition rules', () => {
		expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
		expect(passwordProblem('twelve chars')).toBeNull();
		expect(passwordProblem('aaaaaaaaaaaa')).toBeNull();
		// Twelve code points of a non-Latin script count as twelve.
		expect(passwordProblem('пароль пароль'.slice(0, 12))).toBeNull();
		expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
	});

	it('generated passwords are 20 characters and pass the policy', () => {
		const p = generatePassword();
		expect(p).toMatch(/^[a-z2-9]{20}$/);
		expect(passwordProblem(p)).toBeNull();
		expect(generatePassword()).not.toBe(p);
	});
});
