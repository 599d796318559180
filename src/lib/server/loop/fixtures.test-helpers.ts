// Small factories for hand-made fixture rows (tests only): one multi-row INSERT per call, every
// value bound. Columns not given take the contract's usual defaults.
import type { Db } from '../db/index.ts';

type Value = string | number | boolean | null;

async function insert(db: Db, table: string, columns: string[], rows: Value[][]): Promise<void> {
	if (rows.length === 0) return;
	const params: Value[] = [];
	const tuples = rows.map(
		(row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`
	);
	await db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

export interface InteractionFixture {
	id: string;
	at: string;
	patient?: string | null;
	reason?: string;
	channel?: string;
	direction?: string;
	campaign?: string | null;
	outcome?: string | null;
}

export function addInteractions(db: Db, rows: InteractionFixture[]) {
	return insert(
		db,
		'interactions',
		[
			'interaction_id',
			'started_at',
			'channel',
			'direction',
			'patient_id',
			'agent_id',
			'reason',
			'disposition',
			'campaign',
			'outcome',
			'import_id'
		],
		rows.map((r) => [
			r.id,
			r.at,
			r.channel ?? 'voice',
			r.direction ?? 'inbound',
			r.patient === undefined ? 'P1' : r.patient,
			'A001',
			r.reason ?? 'general',
			'resolved',
			r.campaign ?? null,
			r.outcome ?? null,
			1
		])
	);
}

export interface SurveyFixture {
	id: string;
	at: string;
	patient?: string | null;
	interaction?: string | null;
	csat?: number | null;
	nps?: number | null;
	comment?: string | null;
}

export function addSurveys(db: Db, rows: SurveyFixture[]) {
	return insert(
		db,
		'surveys',
		[
			'survey_id',
			'interaction_id',
			'patient_id',
			'submitted_at',
			'csat',
			'nps',
			'comment',
			'import_id'
		],
		rows.map((r) => [
			r.id,
			r.interaction ?? null,
			r.patient ?? null,
			r.at,
			r.csat ?? null,
			r.nps ?? null,
			r.comment ?? null,
			1
		])
	);
}

export function addTurns(
	db: Db,
	rows: { interaction: string; turn: number; speaker: string; text: string }[]
) {
	return insert(
		db,
		'transcripts',
		['interaction_id', 'turn', 'speaker', 'text', 'import_id'],
		rows.map((r) => [r.interaction, r.turn, r.speaker, r.text, 1])
	);
}

export function addFills(
	db: Db,
	rows: {
		id: string;
		patient: string;
		drug: string;
		date: string;
		days: number;
		drugClass?: string | null;
	}[]
) {
	return insert(
		db,
		'fills',
		['fill_id', 'patient_id', 'drug_name', 'drug_class', 'fill_date', 'days_supply', 'import_id'],
		rows.map((r) => [r.id, r.patient, r.drug, r.drugClass ?? null, r.date, r.days, 1])
	);
}
