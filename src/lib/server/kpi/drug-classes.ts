// The editable generic-name → class table behind PDC (seeded with the contract's built-in list).
// A fill's own drug_class overrides it; names not listed are "other".
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { now, tsParam } from '../time/index.ts';

export const DRUG_CLASSES = ['diabetes', 'ras', 'statin', 'other'] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

export interface DrugClassRow {
	drugName: string;
	drugClass: DrugClass;
}

const LIST_DRUG_CLASSES = `-- the class table, by class then name
SELECT drug_name, drug_class FROM drug_classes ORDER BY drug_class, drug_name`;
const DELETE_DRUG = `-- forget one drug name's class
DELETE FROM drug_classes WHERE drug_name = $drug`;
const INSERT_DRUG = `-- set one drug name's class
INSERT INTO drug_classes (drug_name, drug_class, updated_at, updated_by) VALUES ($drug, $class, $at, $actor)`;

export class DrugClassError extends Error {}

export async function listDrugClasses(db: Db): Promise<DrugClassRow[]> {
	const rows = await db.all<{ drug_name: string; drug_class: DrugClass }>(LIST_DRUG_CLASSES);
	return rows.map((r) => ({ drugName: r.drug_name, drugClass: r.drug_class }));
}

function normaliseName(name: string): string {
	const drug = name.trim().toLowerCase();
	if (!drug || drug.length > 100)
		throw new DrugClassError('Give a generic drug name (up to 100 characters).');
	return drug;
}

/** Sets a drug name's class (lower-cased like fills' drug_name); replaces any earlier entry. */
export async function setDrugClass(
	db: Db,
	name: string,
	drugClass: string,
	actor: string
): Promise<void> {
	const drug = normaliseName(name);
	if (!(DRUG_CLASSES as readonly string[]).includes(drugClass)) {
		throw new DrugClassError(`A class is one of ${DRUG_CLASSES.join(', ')}.`);
	}
	await db.transaction(async (conn) => {
		await conn.run(DELETE_DRUG, { drug });
		await conn.run(INSERT_DRUG, { drug, class: drugClass, actor, at: tsParam(now()) });
		await audit(conn, {
			actor,
			action: 'kpi.drug_class_set',
			subjectType: 'drug',
			subjectId: drug,
			detail: { drugClass }
		});
	});
}

export async function removeDrugClass(db: Db, name: string, actor: string): Promise<void> {
	const drug = normaliseName(name);
	await db.transaction(async (conn) => {
		await conn.run(DELETE_DRUG, { drug });
		await audit(conn, {
			actor,
			action: 'kpi.drug_class_remove',
			subjectType: 'drug',
			subjectId: drug
		});
	});
}
