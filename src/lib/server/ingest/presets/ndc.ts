// National Drug Codes: the forms a claim or pack may carry, normalised to the 11-digit 5-4-2
// billing form, and the site's NDC table (product → generic drug name, optional class).
//   10-digit forms with hyphens: 4-4-2 → 0 + labeler, 5-3-2 → 0 + product, 5-4-1 → 0 + package.
//   11 digits (with or without hyphens) are already 5-4-2. Ten digits without hyphens are
//   ambiguous: the table decides (exactly one of the three readings must be known).
// Anything else (UPC/HRI supply codes, 12+ digits) is not an NDC the table can know.
import type { Db } from '../../db/index.ts';
import { now, tsParam } from '../../time/index.ts';
import type { NdcEntry } from './engine.ts';

const FORMS: Record<string, (p: string[]) => string> = {
	'4-4-2': ([a, b, c]) => `0${a}${b}${c}`,
	'5-3-2': ([a, b, c]) => `${a}0${b}${c}`,
	'5-4-1': ([a, b, c]) => `${a}${b}0${c}`,
	'5-4-2': ([a, b, c]) => `${a}${b}${c}`
};

/** Every 11-digit reading of an NDC text (one, or three for bare 10 digits); [] when none. */
export function ndc11Candidates(text: string): string[] {
	const t = text.trim();
	const parts = t.split('-');
	if (parts.length === 3 && parts.every((p) => /^\d+$/.test(p))) {
		const form = FORMS[parts.map((p) => p.length).join('-')];
		return form ? [form(parts)] : [];
	}
	if (/^\d{11}$/.test(t)) return [t];
	if (/^\d{10}$/.test(t))
		return [`0${t}`, `${t.slice(0, 5)}0${t.slice(5)}`, `${t.slice(0, 9)}0${t.slice(9)}`];
	return [];
}

/** `00071-0155-23` from 11 digits. */
export const formatNdc = (ndc11: string) =>
	`${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;

export interface NdcRow {
	/** 11 digits (a package) or 9 digits (every package of a product). */
	ndc: string;
	drugName: string;
	drugClass: string | null;
}

/** A key the table accepts: an NDC in any form → 11 digits, or a 5-4 product code → 9 digits. */
export function ndcKey(text: string): string | null {
	const t = text.trim();
	const product = /^(\d{4,5})-(\d{3,4})$/.exec(t);
	if (product) {
		const [a, b] = [product[1].padStart(5, '0'), product[2].padStart(4, '0')];
		return `${a}${b}`;
	}
	if (/^\d{9}$/.test(t)) return t;
	const c = ndc11Candidates(t);
	return c.length === 1 ? c[0] : null;
}

/** A lookup over the whole table (it is small): package entries win over product entries. */
export function ndcLookup(rows: NdcRow[]): (code: string) => NdcEntry | null {
	const byKey = new Map(rows.map((r) => [r.ndc, r]));
	const find = (ndc11: string) => byKey.get(ndc11) ?? byKey.get(ndc11.slice(0, 9)) ?? null;
	return (code) => {
		const hits = ndc11Candidates(code)
			.map(find)
			.filter((r): r is NdcRow => r !== null);
		const names = new Set(hits.map((h) => h.drugName));
		if (hits.length === 0 || names.size > 1) return null;
		return { drugName: hits[0].drugName, drugClass: hits[0].drugClass };
	};
}

const LIST_NDC = `-- the NDC table, by drug then code
SELECT ndc, drug_name AS "drugName", drug_class AS "drugClass" FROM ndc_products ORDER BY drug_name, ndc`;

export const listNdc = (db: Db) => db.all<NdcRow>(LIST_NDC);

export class NdcError extends Error {}

const DRUG_CLASSES = ['diabetes', 'ras', 'statin', 'other'];
const DELETE_NDC = `-- one NDC entry goes
DELETE FROM ndc_products WHERE ndc = $ndc`;
const INSERT_NDC = `-- one NDC entry: code → generic drug name (and optional class)
INSERT INTO ndc_products (ndc, drug_name, drug_class, updated_at, updated_by) VALUES ($ndc, $name, $class, $at, $actor)`;

/** A checked entry: the key normalised, the name lower-cased, the class known or null. */
export function ndcEntry(code: string, name: string, drugClass?: string | null): NdcRow {
	const ndc = ndcKey(code);
	if (!ndc)
		throw new NdcError(
			`"${code}" is not an NDC (4-4-2, 5-3-2, 5-4-1, 5-4-2 or 11 digits) or a 5-4 product code.`
		);
	const drugName = name.trim().toLowerCase();
	if (!drugName || drugName.length > 100)
		throw new NdcError('Give a generic drug name (up to 100 characters).');
	const cls = drugClass?.trim().toLowerCase() || null;
	if (cls !== null && !DRUG_CLASSES.includes(cls))
		throw new NdcError(`The class must be one of ${DRUG_CLASSES.join(', ')}, or empty.`);
	return { ndc, drugName, drugClass: cls };
}

/** Sets (or replaces) entries, all in one transaction. */
export async function setNdc(db: Db, rows: NdcRow[], actor: string): Promise<void> {
	const at = tsParam(now());
	await db.transaction(async (conn) => {
		for (const r of rows) {
			await conn.run(DELETE_NDC, { ndc: r.ndc });
			await conn.run(INSERT_NDC, { ndc: r.ndc, name: r.drugName, class: r.drugClass, actor, at });
		}
	});
}

/** Removes an entry; false when there was none. */
export async function removeNdc(db: Db, code: string): Promise<boolean> {
	const ndc = ndcKey(code);
	if (!ndc) return false;
	const row = await db.one<{ n: number }>(
		'SELECT count(*)::INTEGER AS n FROM ndc_products WHERE ndc = $ndc',
		{ ndc }
	);
	await db.run(DELETE_NDC, { ndc });
	return (row?.n ?? 0) > 0;
}
