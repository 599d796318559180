// A dispensing export in NCPDP terms (CSV): one claim transaction per row, columns named by the
// NCPDP field ids (a header such as "402-D2 Prescription/Service Reference Number" counts as
// 402-D2). Rx number + fill number make the fill id; dates are CCYYMMDD; quantity carries three
// implied decimals (30000 = 30.000); B2 reversals remove the fill; the NDC gives the drug name
// (and optionally class) through the site's NDC table.
import type { SourceTable } from './source.ts';
import type { Preset } from './types.ts';

const ID = /^(\d{3}-[A-Z0-9]{2})\b/i;

export const ncpdp: Preset = {
	name: 'ncpdp',
	label: 'Dispensing claims (NCPDP fields)',
	formats: ['csv', 'json', 'ndjson', 'xlsx'],
	signature: ['402-D2', '403-D3', '401-D1', '407-D7'],
	expects:
		'a dispensing export whose columns are NCPDP fields: 103-A3 transaction code, 402-D2 Rx number, 403-D3 fill number, 401-D1 date of service, 407-D7 NDC, 405-D5 days supply, 442-E7 quantity, 332-CY patient id',
	mapping: {
		preset: 'ncpdp',
		kind: 'fills',
		reversal: { column: '103-A3', in: ['B2'], value: 'reversed' },
		optional: ['103-A3', '442-E7', '201-B1', '302-C2', '332-CY'],
		columns: {
			fill_id: { expr: "concat(402-D2, '-', 403-D3)" },
			patient_id: { expr: 'coalesce(332-CY, 302-C2)' },
			drug_name: { from: '407-D7', lookup: 'ndc.drug_name' },
			drug_class: { from: '407-D7', lookup: 'ndc.drug_class' },
			fill_date: { from: '401-D1', date: 'CCYYMMDD' },
			days_supply: { from: '405-D5' },
			quantity: { from: '442-E7', divide: 1000 },
			store: { from: '201-B1' }
		}
	},
	prepare(table: SourceTable): SourceTable {
		const rename = (f: string) => ID.exec(f)?.[1].toUpperCase() ?? f;
		const records = table.records.map((r) => ({
			...r,
			values: new Map([...r.values].map(([k, v]) => [rename(k), v]))
		}));
		return { ...table, fields: table.fields.map(rename), records };
	}
};
