// The route × role matrix. Routes are discovered from src/routes, so a new route fails here until
// it has a rule in access.ts (routeAccess) and an expectation below. Then every route is walked
// for every role and for an anonymous visitor through the real guard(). A second test reads every
// server file and checks that each load, action and endpoint handler calls guard() itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { accessFor, routeAccess } from '../../src/lib/server/auth/access.ts';
import { guard } from '../../src/lib/server/auth/guard.ts';
import { ROLES, type Role } from '../../src/lib/server/auth/roles.ts';
import { landingFor, navFor } from '../../src/lib/server/nav.ts';

const ROUTES = 'src/routes';
type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];

// The policy (roles in README and design/ui.md), written out by hand. A key covers its sub-routes unless
// a longer key says otherwise: "/interactions" also decides "/interactions/[id]" and its CSV.
const SIGNED_IN: Who[] = ['admin', 'manager', 'qa_lead', 'staff'];
const EVERYONE: Who[] = ['anonymous', ...SIGNED_IN];
const ANALYSTS: Who[] = ['admin', 'manager', 'qa_lead'];
const MANAGERS: Who[] = ['admin', 'manager'];
const EXPECTED: Record<string, Who[]> = {
	'/': SIGNED_IN,
	'/health': EVERYONE,
	'/login': EVERYONE,
	'/logout': SIGNED_IN,
	'/account': SIGNED_IN,
	// Managers: all dashboards, targets, import.
	'/overview': MANAGERS,
	'/adherence': MANAGERS,
	'/targets': MANAGERS,
	'/import': MANAGERS,
	'/settings/kpi': MANAGERS,
	// QA leads: agents, interactions, QA evaluations, coaching (managers see all queues too).
	'/agents': ANALYSTS,
	'/interactions': ANALYSTS,
	'/interactions/[id]/label': ['admin', 'qa_lead'],
	'/qa': ANALYSTS,
	'/coaching': ANALYSTS,
	// Staff: the follow-up queue (row-level filtering happens inside it), and, through the agent
	// link on their account, their own evaluations and coaching tasks (the loads check ownership).
	'/complaints': SIGNED_IN,
	'/qa/mine': SIGNED_IN,
	'/qa/evaluations/[id]': SIGNED_IN,
	'/coaching/[id]': SIGNED_IN,
	// Admin only: users, audit log, the settings landing page.
	'/settings': ['admin'],
	'/settings/users': ['admin'],
	'/settings/audit': ['admin']
};

const ROUTE_FILE = /^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/;
const SERVER_FILE = /^\+(page\.server\.ts|server\.ts|layout\.server\.ts)$/;

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) walk(path, out);
		else out.push(path);
	}
	return out;
}

/** SvelteKit's route id for a folder under src/routes: "/agents/[agentId]", "/(app)/x", "/". */
function routeIdOf(dir: string): string {
	const rel = relative(ROUTES, dir).split(sep).filter(Boolean);
	return '/' + rel.join('/');
}

/** The URL-visible path a route id stands for (groups dropped): the key routeAccess uses. */
function keyOf(routeId: string): string {
	return routeId.replace(/\/\([^)/]+\)/g, '') || '/';
}

/** A concrete URL for a route id: params filled in, groups dropped. */
function samplePath(routeId: string): string {
	return keyOf(routeId)
		.replace(/\/\[\[[^\]]+\]\]/g, '')
		.replace(/\[\.\.\.[^\]]+\]/g, 'a/b')
		.replace(/\[[^\]]+\]/g, 'x1');
}

const files = walk(ROUTES);
const routeIds = [
	...new Set(
		files.filter((f) => ROUTE_FILE.test(f.split(sep).pop()!)).map((f) => routeIdOf(join(f, '..')))
	)
].sort();

function expectedFor(key: string): Who[] | undefined {
	const segments = key.split('/').filter(Boolean);
	for (let n = segments.length; n >= 0; n--) {
		const prefix = '/' + segments.slice(0, n).join('/');
		if (prefix in EXPECTED && (n === segments.length || prefix !== '/')) return EXPECTED[prefix];
	}
	return undefined;
}

function userFor(who: Who) {
	if (who === 'anonymous') return null;
	return { id: `u-${who}`, email: `${who}@example.com`, name: who, role: who, agentId: null };
}

/** 'allowed', or how guard() refused: 'login' (redirect to sign-in) or 403. */
function outcome(routeId: string, who: Who): 'allowed' | 'login' | 403 | string {
	const url = new URL(`http://localhost${samplePath(routeId)}?q=1`);
	try {
		guard({ locals: { user: userFor(who), session: null }, route: { id: routeId }, url });
		return 'allowed';
	} catch (thrown) {
		if (isRedirect(thrown)) {
			const next = encodeURIComponent(url.pathname + url.search);
			return thrown.status === 303 && thrown.location === `/login?next=${next}`
				? 'login'
				: thrown.location;
		}
		if (isHttpError(thrown) && thrown.status === 403) return 403;
		throw thrown;
	}
}

describe('route access', () => {
	it('finds the routes on disk', () => {
		expect(routeIds).toContain('/');
		expect(routeIds).toContain('/login');
		expect(routeIds).toContain('/settings/users');
	});

	it('every route has a rule in routeAccess', () => {
		const missing = routeIds.filter((id) => accessFor(id) === undefined);
		expect(missing, 'add these route ids to routeAccess in src/lib/server/auth/access.ts').toEqual(
			[]
		);
	});

	it('every route has an expectation in this test', () => {
		const missing = routeIds.filter((id) => expectedFor(keyOf(id)) === undefined);
		expect(missing, 'add the expected roles for these routes to EXPECTED above').toEqual([]);
	});

	// Walk what exists on disk and every rule in the table (routes being built count too).
	const walked = [...new Set([...routeIds, ...Object.keys(routeAccess)])].sort();
	const cases = walked.flatMap((id) => WHO.map((who) => [id, who] as const));

	it.each(cases)('%s as %s', (routeId, who) => {
		const expected = expectedFor(keyOf(routeId));
		if (expected === undefined) return; // reported once by the test above
		const result = outcome(routeId, who);
		if (expected.includes(who)) expect(result).toBe('allowed');
		else expect(result).toBe(who === 'anonymous' ? 'login' : 403);
	});

	it('an unknown route id is refused to everyone', () => {
		expect(outcome('/no-rule-for-this', 'admin')).toBe(403);
		expect(outcome('/no-rule-for-this', 'anonymous')).toBe('login');
	});

	it('layout groups do not change the rule: /(app)/overview is /overview', () => {
		expect(outcome('/(app)/overview', 'manager')).toBe('allowed');
		expect(outcome('/(app)/overview', 'staff')).toBe(403);
	});

	it.each(ROLES)('%s: lands on a page it may open and sees only navigation it may open', (role) => {
		const landing = landingFor(role);
		expect(expectedFor(landing)).toContain(role);
		for (const item of navFor({ role, agentId: 'A001' }))
			expect(expectedFor(item.href), item.href).toContain(role);
	});

	it('staff never see another agent’s performance pages', () => {
		const hrefs = navFor({ role: 'staff', agentId: 'A001' }).map((i) => i.href);
		for (const page of ['/agents', '/overview', '/qa', '/coaching', '/settings'])
			expect(hrefs).not.toContain(page);
	});
});

// ---- every protected server handler calls guard() ----------------------------------------

/** Exempt files, each with the reason. */
const NO_GUARD_NEEDED: Record<string, string> = {
	// Runs for every page, public ones (login) and error pages included; it only turns locals.user
	// into navigation and returns no data of its own.
	'src/routes/+layout.server.ts': 'root layout'
};

const HTTP_VERBS = new Set([
	'GET',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'OPTIONS',
	'HEAD',
	'fallback'
]);

function unwrap(node: ts.Expression): ts.Expression {
	let n = node;
	while (ts.isParenthesizedExpression(n) || ts.isSatisfiesExpression(n) || ts.isAsExpression(n))
		n = n.expression;
	return n;
}

/**
 * True when the code calls guard(), directly or through a function of the same file that it
 * calls (a shared action wrapper such as `act('claim', …)` whose returned handler guards).
 */
function callsGuard(
	node: ts.Node,
	locals: Map<string, ts.Node>,
	seen = new Set<ts.Node>()
): boolean {
	if (seen.has(node)) return false;
	seen.add(node);
	let found = false;
	const visit = (n: ts.Node) => {
		if (found) return;
		if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
			const name = n.expression.text;
			const local = locals.get(name);
			if (name === 'guard' || (local && callsGuard(local, locals, seen))) {
				found = true;
				return;
			}
		}
		ts.forEachChild(n, visit);
	};
	visit(node);
	return found;
}

/** Handler names in a server file that do not call guard(). */
function unguardedHandlers(path: string, text = readFileSync(path, 'utf8')): string[] {
	const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
	const locals = new Map<string, ts.Node>();
	const exported: [string, ts.Node | undefined][] = [];
	for (const stmt of source.statements) {
		const isExport =
			ts.canHaveModifiers(stmt) &&
			ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (ts.isFunctionDeclaration(stmt) && stmt.name) {
			locals.set(stmt.name.text, stmt);
			if (isExport) exported.push([stmt.name.text, stmt]);
		} else if (ts.isVariableStatement(stmt)) {
			for (const decl of stmt.declarationList.declarations) {
				if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
				locals.set(decl.name.text, decl.initializer);
				if (isExport) exported.push([decl.name.text, decl.initializer]);
			}
		} else if (ts.isExportDeclaration(stmt)) {
			exported.push(['(re-export)', undefined]);
		}
	}
	const resolve = (node: ts.Node | undefined): ts.Node | undefined => {
		if (node && ts.isExpression(node)) {
			const inner = unwrap(node);
			if (ts.isIdentifier(inner)) return resolve(locals.get(inner.text));
			return inner;
		}
		return node;
	};
	const problems: string[] = [];
	for (const [name, node] of exported) {
		if (name === 'actions') {
			const obj = resolve(node);
			if (!obj || !ts.isObjectLiteralExpression(obj)) {
				problems.push('actions (not an object literal this test can read)');
				continue;
			}
			for (const prop of obj.properties) {
				const label = `action ${prop.name?.getText(source) ?? '?'}`;
				const fn = ts.isPropertyAssignment(prop)
					? resolve(prop.initializer)
					: ts.isShorthandPropertyAssignment(prop)
						? resolve(prop.name)
						: prop;
				if (!fn || !callsGuard(fn, locals)) problems.push(label);
			}
		} else if (name === 'load' || HTTP_VERBS.has(name) || name === '(re-export)') {
			const fn = resolve(node);
			if (!fn || !callsGuard(fn, locals)) problems.push(name);
		}
	}
	return problems;
}

describe('guard calls', () => {
	const serverFiles = files.filter((f) => SERVER_FILE.test(f.split(sep).pop()!)).sort();

	it('finds the server files', () => {
		expect(serverFiles).toContain(join(ROUTES, 'login', '+page.server.ts'));
	});

	it.each(serverFiles)('%s calls guard() in every load, action and handler', (path) => {
		const normal = path.split(sep).join('/');
		if (NO_GUARD_NEEDED[normal]) return;
		const routeId = routeIdOf(join(path, '..'));
		// Public routes (sign-in, health) admit everyone; layouts without a page of their own
		// cover protected children, so they must guard.
		if (!path.endsWith('+layout.server.ts') && accessFor(routeId) === 'public') return;
		expect(unguardedHandlers(path), `${normal}: these handlers must call guard(event)`).toEqual([]);
	});

	it('the checker itself catches a missing guard in an action or endpoint', () => {
		const sample = `export const load = async (event) => { guard(event); };
const save = async (e) => { guard(e); };
export const actions = { save, ok: async (e) => { guard(e); }, bad: async () => {} } satisfies Actions;
export const GET = () => new Response('');
function wrap(fn) { return async (event) => { guard(event); return fn(event); }; }
export const PUT = wrap(async () => new Response(''));
export const PATCH = helper(async () => new Response(''));
export async function POST(event) { const user = guard(event); return new Response(user.id); }`;
		expect(unguardedHandlers('virtual/+page.server.ts', sample)).toEqual([
			'action bad',
			'GET',
			'PATCH'
		]);
	});
});
