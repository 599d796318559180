// One page pattern for every group of settings: the load shapes a group's fields for the shared
// SettingsForm component, the action reads the posted form back into a patch for updateSettings.
import {
	DEFAULT_SETTINGS,
	SETTINGS,
	groupFields,
	type SettingGroup,
	type Settings
} from './definitions.ts';
import type { SettingsFormField } from '../../components/types.ts';

export type { SettingsFormField };

export function settingsForm(group: SettingGroup, settings: Settings): SettingsFormField[] {
	return groupFields(group).map((f) => {
		const d = SETTINGS[f];
		return {
			key: d.key,
			kind: d.kind,
			label: d.label,
			help: d.help,
			unit: d.unit,
			min: d.min,
			max: d.max,
			value: String(settings[f]),
			default: String(DEFAULT_SETTINGS[f])
		};
	});
}

/**
 * Every field of the group as posted. The form always posts every input, so an absent checkbox
 * means "no" and an absent text field means the value was left out (validation says so).
 */
export function readSettingsForm(form: FormData, group: SettingGroup): Record<string, unknown> {
	const patch: Record<string, unknown> = {};
	for (const f of groupFields(group)) {
		const d = SETTINGS[f];
		const raw = form.get(d.key);
		patch[d.key] = d.kind === 'boolean' ? raw === 'true' : typeof raw === 'string' ? raw : '';
	}
	return patch;
}
