import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { createTestDb } from '../../db/testing.ts';
import { identifiersText, parseRulesForm } from './form.ts';
import { canonicalJson, type AutoQaRule } from './rules.ts';
import { getCurrentRules } from './versions.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

/** The form the rules editor (RuleFields.svelte) posts for these rules, field by field. */
function formFor(rules: AutoQaRule[]): FormData {
	const f = new FormData();
	rules.forEach((r, i) => {
		const set = (k: string, v: unknown) => f.set(`${i}:${k}`, v === null ? '' : String(v));
		set('label', r.label);
		if (r.enabled) set('enabled', '1');
		if (r.sampling) set('sampling', '1');
		set('speaker', r.speaker);
		for (const c of r.channels ?? []) f.append(`${i}:channels`, c);
		const p = r.params as Record<string, unknown>;
		for (const [k, v] of Object.entries(p)) {
			if (k === 'kind') continue;
			if (k === 'window') {
				const w = v as { from: string; seconds: number | null; turns: number | null };
				set('window.from', w.from);
				set('window.seconds', w.seconds);
				set('window.turns', w.turns);
			} else if (k === 'identifiers') set(k, identifiersText(v as Record<string, string[]>));
			else if (k === 'drugNames') {
				if (v) set(k, '1');
			} else if (Array.isArray(v)) set(k, v.join('\n'));
			else set(k, v);
		}
	});
	return f;
}

describe('parseRulesForm', () => {
	it('reads back exactly the rules the editor showed', async () => {
		const rules = (await getCurrentRules(db)).rules;
		expect(canonicalJson(parseRulesForm(formFor(rules), rules))).toBe(canonicalJson(rules));
	});

	it('reads edits, and keeps keys and kinds from the current rules whatever the form says', async () => {
		const rules = (await getCurrentRules(db)).rules;
		const f = formFor(rules);
		const silence = rules.findIndex((r) => r.key === 'silence');
		f.set(`${silence}:maxGapSeconds`, '45');
		f.set(`${silence}:speaker`, 'root');
		f.set(`${silence}:key`, 'evil');
		const identity = rules.findIndex((r) => r.key === 'identity');
		f.set(`${identity}:identifiers`, 'Member ID: member id, member number\n\ndate of birth: DOB');
		const parsed = parseRulesForm(f, rules);
		expect(parsed[silence]).toMatchObject({
			key: 'silence',
			speaker: 'agent',
			params: { kind: 'silence', maxGapSeconds: 45, minGapSeconds: 2 }
		});
		expect(parsed[identity].params).toMatchObject({
			identifiers: { member_id: ['member id', 'member number'], date_of_birth: ['DOB'] }
		});
	});
});
