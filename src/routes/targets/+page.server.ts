// Targets per KPI (optionally per team and/or channel) that every figure's met/near/missed status
// is judged against. Managers edit them inline; each change is audited by the KPI module.
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { optionalText, parseForm } from '$lib/server/auth/forms.ts';
import {
	deleteTarget,
	getSettings,
	KPI_LABELS,
	kpiDef,
	listTargets,
	targetComparison,
	TARGET_KPIS,
	TargetError,
	upsertTarget
} from '$lib/server/kpi/index.ts';

const Scope = {
	kpi: v.picklist(TARGET_KPIS, 'Choose a KPI.'),
	team: optionalText('Team', 100),
	channel: optionalText('Channel', 20)
};
// The direction is not asked: the registry says which way each KPI is better.
const Save = v.object({
	...Scope,
	value: v.pipe(
		v.string('Give a target value.'),
		v.trim(),
		v.nonEmpty('Give a target value.'),
		v.transform(Number),
		v.number('The target value must be a number.'),
		v.finite('The target value must be a number.')
	)
});
const Remove = v.object(Scope);

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const [targets, settings] = await Promise.all([listTargets(db), getSettings(db)]);
	const describe = (k: (typeof TARGET_KPIS)[number]) => {
		const def = kpiDef(k)!;
		return {
			label: def.label,
			unit: def.unit,
			comparison: targetComparison(def),
			range: def.targetRange,
			definition: def.definition
		};
	};
	return {
		targets: targets.map((t) => ({ ...t, ...describe(t.kpi) })),
		kpis: TARGET_KPIS.map((k) => ({ value: k, ...describe(k) })),
		nearPct: settings.targetNearPct
	};
}) satisfies PageServerLoad;

type Result = { ok: boolean; message: string };

export const actions = {
	save: async (event) => {
		const user = guard(event);
		const form = await parseForm(event.request, Save);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		try {
			const t = await upsertTarget(await getDb(), form.data, user.email);
			const scope = [t.team && `team ${t.team}`, t.channel && `channel ${t.channel}`]
				.filter(Boolean)
				.join(', ');
			return {
				ok: true,
				message: `Saved: ${KPI_LABELS[t.kpi]}${scope ? ` (${scope})` : ''} ${t.comparison === 'min' ? '≥' : '≤'} ${t.value}.`
			} satisfies Result;
		} catch (err) {
			if (err instanceof TargetError)
				return fail(400, { ok: false, message: err.message } satisfies Result);
			throw err;
		}
	},
	remove: async (event) => {
		const user = guard(event);
		const form = await parseForm(event.request, Remove);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		await deleteTarget(await getDb(), form.data, user.email);
		return {
			ok: true,
			message: `Removed the ${KPI_LABELS[form.data.kpi]} target.`
		} satisfies Result;
	}
} satisfies Actions;
