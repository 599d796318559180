// The mapping step's server side: detection, the per-cell verdict (the contract's own rules),
// form edits, and the sentence for a file of no known shape. Nothing lands while previewing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../db/testing.ts';
import { columnForms, mappingFromForm } from './form.ts';
import { previewFile } from './preview.ts';

const five9 = new Uint8Array(
	readFileSync(new URL('../../../../../tests/fixtures/presets/five9-call-log.csv', import.meta.url))
);

describe('previewFile', () => {
	it('detects Five9, maps the first rows and judges every cell; an edit changes the result', async () => {
		const db = await createTestDb();
		try {
			const p = await previewFile(db, { name: 'calls.csv', bytes: five9 });
			expect([p.preset, p.kind, p.total, p.rows.length]).toEqual(['five9', 'interactions', 7, 7]);
			const c104 = p.rows.find((r) => r.line === 8)!;
			expect(c104.cells.talk_seconds).toEqual({
				source: '4 min',
				value: '4 min',
				problem: 'invalid talk_seconds: "4 min" is not a duration in hms'
			});
			// Without a zone the local time reads as UTC.
			expect(p.rows[0].cells.started_at.value).toBe('2025-03-08T19:30:00Z');
			expect(p.rows[1].legs).toBe(3);

			const form = new FormData();
			for (const f of columnForms(p.mapping)) {
				form.set(`c.${f.column}.source`, f.source);
				form.set(`c.${f.column}.unit`, f.unit);
				form.set(`c.${f.column}.date`, f.date);
				form.set(`c.${f.column}.map`, f.map);
				form.set(`c.${f.column}.default`, f.default);
			}
			form.set('sourceTimeZone', 'America/New_York');
			form.set('c.talk_seconds.source', 'sum(TALK TIME, PARK TIME)');
			form.set('c.team.source', '=Front desk');
			const edited = mappingFromForm(p.mapping, form);
			expect(edited.columns.disposition.when).toEqual(p.mapping.columns.disposition.when);
			const again = await previewFile(db, { name: 'calls.csv', bytes: five9 }, { mapping: edited });
			// 19:30 EST → 00:30Z; talk 4:00 + park 0:00 = 240; the constant team.
			expect(again.rows[0].cells.started_at.value).toBe('2025-03-09T00:30:00Z');
			expect(again.rows[0].cells.talk_seconds.value).toBe('240');
			expect(again.rows[0].cells.team.value).toBe('Front desk');
			expect(await db.one('SELECT count(*)::INTEGER AS n FROM interactions')).toEqual({ n: 0 });
		} finally {
			await db.close();
		}
	});

	it('names what was expected for a file of no known shape', async () => {
		const db = await createTestDb();
		try {
			await expect(
				previewFile(db, { name: 'x.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') })
			).rejects.toThrow(
				/^The file matches no preset and lacks CareLoop's own columns: expected CareLoop's columns \(for interactions: interaction_id, started_at, channel, reason, disposition\) or an export of Amazon Connect contact records, .*\.$/
			);
		} finally {
			await db.close();
		}
	});
});
