// The kinds a setting can be (whole number, number, yes/no, time zone), each with its valibot
// schema and range; definitions.ts lists the settings themselves.
import * as v from 'valibot';

export type SettingGroup = 'kpi' | 'followups' | 'qa' | 'privacy';
export type SettingKind = 'int' | 'number' | 'boolean' | 'timezone';

export interface SettingDef<T extends number | boolean | string = number | boolean | string> {
	/** Stored and posted name (snake_case). */
	key: string;
	group: SettingGroup;
	kind: SettingKind;
	label: string;
	help: string;
	unit: string | null;
	min: number | null;
	max: number | null;
	default: T;
	schema: v.GenericSchema<unknown, T>;
}

interface Text {
	label: string;
	help: string;
	unit?: string;
}

function range(kind: 'int' | 'number', label: string, min: number, max: number) {
	const outside = `${label} must be between ${min} and ${max}.`;
	const number = v.pipe(
		v.number(`${label} must be a number.`),
		v.finite(`${label} must be a number.`)
	);
	const whole =
		kind === 'int' ? v.pipe(number, v.integer(`${label} must be a whole number.`)) : number;
	return v.pipe(whole, v.minValue(min, outside), v.maxValue(max, outside)) as v.GenericSchema<
		unknown,
		number
	>;
}

export function int(
	key: string,
	group: SettingGroup,
	min: number,
	max: number,
	dflt: number,
	t: Text
) {
	return {
		key,
		group,
		kind: 'int',
		min,
		max,
		default: dflt,
		unit: t.unit ?? null,
		label: t.label,
		help: t.help,
		schema: range('int', t.label, min, max)
	} satisfies SettingDef<number>;
}

export function num(
	key: string,
	group: SettingGroup,
	min: number,
	max: number,
	dflt: number,
	t: Text
) {
	return {
		key,
		group,
		kind: 'number',
		min,
		max,
		default: dflt,
		unit: t.unit ?? null,
		label: t.label,
		help: t.help,
		schema: range('number', t.label, min, max)
	} satisfies SettingDef<number>;
}

export function bool(key: string, group: SettingGroup, dflt: boolean, t: Text) {
	const schema = v.boolean(`${t.label} must be yes or no.`) as v.GenericSchema<unknown, boolean>;
	return {
		key,
		group,
		kind: 'boolean',
		min: null,
		max: null,
		default: dflt,
		unit: null,
		label: t.label,
		help: t.help,
		schema
	} satisfies SettingDef<boolean>;
}

export function zone(key: string, group: SettingGroup, dflt: string, t: Text) {
	const message = `${t.label} must be an IANA time zone such as Europe/Paris or UTC.`;
	const schema = v.pipe(
		v.string(message),
		v.trim(),
		v.nonEmpty(message),
		v.maxLength(64, message)
	) as v.GenericSchema<unknown, string>;
	return {
		key,
		group,
		kind: 'timezone',
		min: null,
		max: null,
		default: dflt,
		unit: null,
		label: t.label,
		help: t.help,
		schema
	} satisfies SettingDef<string>;
}
