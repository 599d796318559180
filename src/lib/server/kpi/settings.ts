// The KPI engine's settings are the registry's (src/lib/server/settings): every window, threshold
// and grace period of the contract, the minimum sample, the "near" band and the site time zone.
// KpiSettings is the registry's typed object, so a caller can pass getSettings(db) straight on.
import type { Settings } from '../settings/index.ts';

export {
	getSettings,
	updateSettings,
	DEFAULT_SETTINGS,
	SettingsError,
	onSettingsChanged
} from '../settings/index.ts';

export type KpiSettings = Settings;
