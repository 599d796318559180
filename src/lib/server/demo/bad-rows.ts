// Deliberately bad rows, 18 in all, so the Import page's rejects have something to show. Each
// breaks exactly one rule of the data contract and is built from a valid row of its file:
//   interactions.csv           channel "fax" (invalid channel); a handled call with no agent
//                              (missing agent_id); started_at on 30 February (invalid started_at);
//                              talk_seconds −42 (out of range talk_seconds); disposition "hung_up"
//                              (invalid disposition); an existing interaction_id with other
//                              content (duplicate id); an empty reason (missing reason)
//   interactions-outbound.json outcome "maybe" (invalid outcome)
//   surveys.ndjson             csat 9 (out of range csat); no csat, nps, ces or comment (empty
//                              survey); nps "ten" (invalid nps); a line that is not JSON
//                              (malformed record)
//   transcripts.csv            speaker "bot" (invalid speaker); turn −1 (out of range turn);
//                              a record with too few fields (malformed record)
//   fills.csv                  days_supply 0 (out of range days_supply); fill_date in month 13
//                              (invalid fill_date); an empty patient_id (missing patient_id)
import { RawLine, type Record_, type Row } from './format.ts';

export interface BadRowSets {
	interactions: Row[];
	outbound: Row[];
	surveys: Row[];
	transcripts: Row[];
	fills: Row[];
}

/** Returns bad rows per file, each derived from a template row of that file; year is the end's year. */
export function buildBadRows(
	t: { interaction: Record_; outbound: Record_; survey: Record_; turn: Record_; fill: Record_ },
	year: number
): BadRowSets {
	const i = (n: number, patch: Record_) => ({
		...t.interaction,
		interaction_id: `IX${String(n).padStart(6, '0')}`,
		...patch
	});
	const interactions: Row[] = [
		i(1, { channel: 'fax' }),
		i(2, { agent_id: null, disposition: 'resolved' }),
		i(3, { started_at: `${year}-02-30T10:15:00Z` }),
		i(4, { talk_seconds: -42 }),
		i(5, { disposition: 'hung_up' }),
		{
			...t.interaction,
			talk_seconds: Number(t.interaction.talk_seconds ?? 0) + 61,
			wrap_seconds: 5
		},
		i(7, { reason: null })
	];
	const outbound: Row[] = [{ ...t.outbound, interaction_id: 'OX000001', outcome: 'maybe' }];
	const s = (n: number, patch: Record_) => ({
		...t.survey,
		survey_id: `SX${String(n).padStart(6, '0')}`,
		...patch
	});
	const surveys: Row[] = [
		s(1, { csat: 9 }),
		s(2, { csat: null, nps: null, ces: null, comment: null }),
		s(3, { nps: 'ten' }),
		new RawLine(`{"survey_id": "SX000004", "submitted_at": "${year}-01-05T10:00:00Z", "csat": 4,`)
	];
	const turn = (patch: Record_) => ({ ...t.turn, ...patch });
	const transcripts: Row[] = [
		turn({ turn: 98, speaker: 'bot' }),
		turn({ turn: -1 }),
		new RawLine(`${t.turn.interaction_id},99,agent`)
	];
	const f = (n: number, patch: Record_) => ({
		...t.fill,
		fill_id: `FX${String(n).padStart(6, '0')}`,
		...patch
	});
	const fills: Row[] = [
		f(1, { days_supply: 0 }),
		f(2, { fill_date: `${year}-13-01` }),
		f(3, { patient_id: null })
	];
	return { interactions, outbound, surveys, transcripts, fills };
}

/** Spreads the bad rows evenly through the good ones, at positions fixed by the counts alone. */
export function interleave(good: Row[], bad: Row[]): Row[] {
	const out = good.slice();
	for (let k = bad.length - 1; k >= 0; k--) {
		out.splice(Math.floor((good.length * (k + 1)) / (bad.length + 1)), 0, bad[k]);
	}
	return out;
}
