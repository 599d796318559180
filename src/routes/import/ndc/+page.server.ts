// Import → NDC table: the product codes that give dispensing claims their drug name. List, set
// one entry, remove one, or import a CSV (ndc, drug_name, drug_class) that lands whole or not at
// all. Every change is audited. A claim rejected for an unknown NDC lands once its product is here
// and the file is imported again.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { audit } from '$lib/server/auth/audit.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	formatNdc,
	listNdc,
	ndcEntry,
	NdcError,
	removeNdc,
	setNdc,
	type NdcRow
} from '$lib/server/ingest/presets/ndc.ts';
import { readCsv } from '$lib/server/ingest/presets/source.ts';
import { FileError } from '$lib/server/ingest/read.ts';

const shown = (ndc: string) =>
	ndc.length === 11 ? formatNdc(ndc) : `${ndc.slice(0, 5)}-${ndc.slice(5)}`;

export const load = (async (event) => {
	guard(event);
	const rows = await listNdc(await getDb());
	return { rows: rows.map((r) => ({ ...r, shown: shown(r.ndc) })) };
}) satisfies PageServerLoad;

const text = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? v : '';
};

function rowsOfCsv(content: string): NdcRow[] {
	const table = readCsv(content);
	const have = new Set(table.fields.map((f) => f.toLowerCase()));
	if (!have.has('ndc') || !have.has('drug_name'))
		throw new NdcError('The file needs the columns ndc and drug_name (and optionally drug_class).');
	return table.records.map((r) => {
		const get = (k: string) => [...r.values].find(([f]) => f.toLowerCase() === k)?.[1] ?? null;
		try {
			if (r.malformed) throw new NdcError('the record has the wrong number of fields');
			return ndcEntry(get('ndc') ?? '', get('drug_name') ?? '', get('drug_class'));
		} catch (err) {
			throw new NdcError(`Nothing was imported: line ${r.line}: ${(err as Error).message}`);
		}
	});
}

async function change(
	event: Parameters<Actions[string]>[0],
	what: (form: FormData, actor: string) => Promise<string>
) {
	const user = guard(event);
	const form = await event.request.formData();
	try {
		const message = await what(form, user.email);
		await audit(await getDb(), {
			actor: user.email,
			action: 'ndc.change',
			subjectType: 'ndc',
			subjectId: message,
			ip: event.getClientAddress()
		});
		return { ok: message };
	} catch (err) {
		if (err instanceof NdcError || err instanceof FileError)
			return fail(400, { message: err.message });
		throw err;
	}
}

export const actions = {
	set: (event) =>
		change(event, async (form, actor) => {
			const row = ndcEntry(text(form, 'ndc'), text(form, 'drugName'), text(form, 'drugClass'));
			await setNdc(await getDb(), [row], actor);
			return `Set ${shown(row.ndc)} → ${row.drugName}.`;
		}),
	remove: (event) =>
		change(event, async (form) => {
			const code = text(form, 'ndc');
			if (!(await removeNdc(await getDb(), code)))
				throw new NdcError(`The NDC table has no entry ${code}.`);
			return `Removed ${code}.`;
		}),
	import: (event) =>
		change(event, async (form, actor) => {
			const file = form.get('file');
			if (!(file instanceof File) || file.name === '')
				throw new NdcError('Choose a CSV file to import.');
			const rows = rowsOfCsv(await file.text());
			await setNdc(await getDb(), rows, actor);
			return `Set ${rows.length} NDC ${rows.length === 1 ? 'entry' : 'entries'} from ${file.name}.`;
		})
} satisfies Actions;
