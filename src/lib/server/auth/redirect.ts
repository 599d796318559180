// Where to go after signing in: `?next=` is honoured only for a same-site relative path, so the
// login page cannot be turned into an open redirect ("//evil.example", "/\\evil", "https://…").
const BASE = 'http://careloop.invalid';

export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	// Control characters are never part of a path a person clicked; browsers strip some of them.
	if ([...next].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return '/';
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE) return '/';
	// Dot segments can normalise "/.//evil.example" into "//evil.example": protocol-relative.
	if (url.pathname.startsWith('//')) return '/';
	// Going back to the sign-in or sign-out page after signing in would loop or sign out again.
	if (url.pathname === '/login' || url.pathname === '/logout') return '/';
	return url.pathname + url.search + url.hash;
}
