// Passwords: argon2id via @node-rs/argon2, a minimum length and no composition rules (NIST
// SP 800-63B). Production uses OWASP's first recommended argon2id setting: m = 19 MiB, t = 2,
// p = 1. Tests may lower the cost with useFastHashingForTests(); verify() reads the cost from
// the stored hash, so hashes made either way keep verifying.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane. */
export const PRODUCTION_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const FAST_ARGON2 = { memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;

let cost: { memoryCost: number; timeCost: number; parallelism: number } = PRODUCTION_ARGON2;

/** Only for unit tests: keeps the suite fast. Never called by the app or the CLI. */
export function useFastHashingForTests(): void {
	cost = FAST_ARGON2;
}

/** Null when acceptable, otherwise one sentence saying what to change. */
export function passwordProblem(password: string): string | null {
	// Count code points, not UTF-16 units, so a passphrase in any script is measured fairly.
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH)
		return `Use at least ${MIN_PASSWORD_LENGTH} characters (a few unrelated words work well).`;
	if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
	return null;
}

/** argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); @node-rs/argon2 defaults to argon2id. */
export async function hashPassword(password: string): Promise<string> {
	return hash(password, cost);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch (err) {
		// A malformed stored hash is a broken invariant, not a wrong password.
		throw new Error(`Stored password hash could not be read: ${(err as Error).message}`, {
			cause: err
		});
	}
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check when the account does not exist, so response time
 * does not reveal which e-mail addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hash('careloop-no-such-account', cost);
	await verify(await dummyHash, password);
	return false;
}

/** A random password for first start and admin resets: 20 base32 characters ≈ 100 bits. */
export function generatePassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	let out = '';
	for (const b of bytes) out += alphabet[b & 31];
	return out;
}
