// The mapping step's form: one row per contract column (source, unit, date format, value map,
// default) over the mapping the preview used. Source text: a field name, an expression such as
// sum(TALK TIME, HOLD TIME), or "=value" for a constant. A value map is "from=to; from=to".
import type { ColumnRule, Mapping } from './mapping.ts';
import { parseMapping } from './mapping.ts';
import { SPECS } from '../spec.ts';

export interface ColumnForm {
	column: string;
	source: string;
	unit: string;
	date: string;
	map: string;
	default: string;
	/** Rules the form does not edit (when, lookup, divide), described for the reader. */
	note: string;
}

export function sourceText(rule: ColumnRule | undefined): string {
	if (!rule) return '';
	if (rule.const !== undefined) return `=${rule.const}`;
	return rule.expr ?? rule.from ?? '';
}

export function mapText(map: Record<string, string> | undefined): string {
	return Object.entries(map ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join('; ');
}

function note(rule: ColumnRule | undefined): string {
	const parts: string[] = [];
	for (const w of rule?.when ?? [])
		parts.push(`${w.column} = ${w.in.map((x) => x || '(empty)').join(' or ')} → ${w.value}`);
	if (rule?.lookup) parts.push(`looked up in the NDC table (${rule.lookup.split('.')[1]})`);
	if (rule?.divide) parts.push(`divided by ${rule.divide}`);
	return parts.join('; ');
}

export function columnForms(mapping: Mapping): ColumnForm[] {
	return SPECS[mapping.kind].columns.map((c) => {
		const rule = mapping.columns[c.name];
		return {
			column: c.name,
			source: sourceText(rule),
			unit: rule?.unit ?? '',
			date: rule?.date ?? '',
			map: mapText(rule?.map),
			default: rule?.default ?? '',
			note: note(rule)
		};
	});
}

const get = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? v.trim() : '';
};

/** The base mapping with the form's edits applied; throws one sentence when it is not valid. */
export function mappingFromForm(base: Mapping, form: FormData): Mapping {
	const columns: Record<string, ColumnRule> = {};
	for (const c of SPECS[base.kind].columns) {
		const old = base.columns[c.name] ?? {};
		const {
			from: _f,
			expr: _e,
			const: _c,
			unit: _u,
			date: _d,
			map: _m,
			default: _x,
			...kept
		} = old;
		const rule: ColumnRule = { ...kept };
		const source = get(form, `c.${c.name}.source`);
		if (source.startsWith('=')) rule.const = source.slice(1).trim();
		else if (source.includes('(')) rule.expr = source;
		else if (source) rule.from = source;
		const unit = get(form, `c.${c.name}.unit`);
		if (unit) rule.unit = unit as ColumnRule['unit'];
		const date = get(form, `c.${c.name}.date`);
		if (date) rule.date = date;
		const map = get(form, `c.${c.name}.map`);
		if (map) {
			rule.map = {};
			for (const pair of map.split(';')) {
				const at = pair.indexOf('=');
				if (at < 0) {
					if (pair.trim()) throw new Error(`The value map of ${c.name} needs from=to pairs.`);
					continue;
				}
				rule.map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
			}
		}
		const dflt = get(form, `c.${c.name}.default`);
		if (dflt) rule.default = dflt;
		if (Object.keys(rule).length > 0) columns[c.name] = rule;
	}
	const zone = get(form, 'sourceTimeZone');
	const name = get(form, 'name');
	return parseMapping({
		...base,
		name: name || base.name,
		sourceTimeZone: zone || undefined,
		columns
	});
}
