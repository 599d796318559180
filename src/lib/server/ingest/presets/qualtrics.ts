// Qualtrics survey responses (CSV with three header rows: field ids, question texts, import
// ids). ExternalReference carries the interaction id the survey was sent for. Which question is
// CSAT, NPS or the comment is the survey designer's choice: Q1 (1–5), Q2 (0–10) and Q3 (text) by
// default, to be checked in the mapping step.
import type { Preset } from './types.ts';

export const qualtrics: Preset = {
	name: 'qualtrics',
	label: 'Qualtrics survey responses',
	formats: ['csv', 'xlsx'],
	signature: ['ResponseId', 'RecordedDate', 'ExternalReference', 'Finished'],
	expects:
		'a Qualtrics responses CSV with three header rows and the columns ResponseId, RecordedDate, ExternalReference and Q1…',
	mapping: {
		preset: 'qualtrics',
		kind: 'surveys',
		headerRows: 3,
		optional: ['Q1', 'Q2', 'Q3', 'Q4'],
		columns: {
			survey_id: { from: 'ResponseId' },
			interaction_id: { from: 'ExternalReference' },
			submitted_at: { from: 'RecordedDate', date: 'YYYY-MM-DD HH:mm:ss' },
			csat: { from: 'Q1' },
			nps: { from: 'Q2' },
			comment: { from: 'Q3' }
		}
	}
};
