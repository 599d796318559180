// The loop's public surface: rules (after every import), the queue store, and the figures.
export { runFollowUpRules, type RuleRunSummary } from './rules.ts';
export { getLoopSettings, updateLoopSettings, DEFAULT_LOOP_SETTINGS, type LoopSettings } from './settings.ts';
