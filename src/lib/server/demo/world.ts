// The cast of the demo contact centre: teams, agents with a latent skill, the patient pool, and
// the catalogue of reasons and drugs. Everything else is a consequence of these draws.
import { Rng, Weighted } from './random.ts';

export const TEAMS = ['refills', 'benefits', 'clinical', 'delivery', 'general'] as const;
export type Team = (typeof TEAMS)[number];

/** Head count per team, roughly matching the inbound demand each team's reasons bring. */
const TEAM_SIZES: Record<Team, number> = {
	refills: 12,
	benefits: 9,
	clinical: 4,
	delivery: 5,
	general: 10
};

/** The delivery team is a bit worse on satisfaction and resolution (a story for the dashboards). */
export const TEAM_SKILL_OFFSET: Record<Team, number> = {
	refills: 0,
	benefits: 0,
	clinical: 0.3,
	delivery: -0.45,
	general: 0
};

export type Reason =
	| 'refill'
	| 'insurance'
	| 'billing'
	| 'delivery'
	| 'side_effects'
	| 'prior_auth'
	| 'transfer_rx'
	| 'complaint'
	| 'medication_error'
	| 'general'
	| 'other';

export const INBOUND_REASONS = new Weighted<Reason>([
	['refill', 26],
	['insurance', 13],
	['billing', 9],
	['delivery', 12],
	['side_effects', 5],
	['prior_auth', 8],
	['transfer_rx', 6],
	['complaint', 4],
	['medication_error', 0.6],
	['general', 12],
	['other', 4.4]
]);

/** Front-line queues per reason. Side effects and medication errors reach the general line first
 * and a good agent escalates them to a pharmacist; prior authorisations need the clinical team. */
export const ROUTING: Record<Reason, Team> = {
	refill: 'refills',
	transfer_rx: 'refills',
	insurance: 'benefits',
	billing: 'benefits',
	prior_auth: 'clinical',
	side_effects: 'general',
	medication_error: 'general',
	delivery: 'delivery',
	complaint: 'general',
	general: 'general',
	other: 'general'
};

/** How often a contact of this reason is resolved by an average agent. */
export const BASE_RESOLVE: Record<Reason, number> = {
	refill: 0.88,
	transfer_rx: 0.84,
	insurance: 0.64,
	billing: 0.74,
	prior_auth: 0.45,
	side_effects: 0.62,
	medication_error: 0.35,
	delivery: 0.72,
	complaint: 0.55,
	general: 0.9,
	other: 0.78
};

const FIRST_NAMES = [
	'Dana Luis Priya Marcus Elena Tom Aisha Kevin Sofia Jamal Grace Omar Hannah Diego Mei',
	'Brian Fatima Carlos Julia Andre Rosa Ethan Nadia Victor Lena Sam Beatriz Noah Keisha',
	'Pablo Irene Raj Chloe Mateo Yuki Derek Amara Felipe Olga Tyler'
]
	.join(' ')
	.split(' ');
const LAST_NAMES = [
	'Garcia Smith Nguyen Johnson Lopez Brown Patel Williams Martinez Davis Hernandez Wilson',
	'Kim Moore Rodriguez Taylor Chen Thomas Gonzalez Jackson Rivera White Flores Harris',
	'Torres Clark'
]
	.join(' ')
	.split(' ');

export interface Agent {
	id: string;
	name: string;
	team: Team;
	/** Latent skill, about N(0, 0.7); a few strugglers near −2 and stars near +1.8. */
	skill: number;
	/** Personal handle-time factor, independent of skill (some good agents are thorough). */
	pace: number;
}

export function createAgents(seed: number): Agent[] {
	const rng = new Rng(seed, 'agents');
	const agents: Agent[] = [];
	for (const team of TEAMS) {
		for (let i = 0; i < TEAM_SIZES[team]; i++) {
			const n = agents.length + 1;
			agents.push({
				id: `A${String(n).padStart(3, '0')}`,
				name: FIRST_NAMES[(n - 1) % FIRST_NAMES.length],
				team,
				skill: rng.normal(0, 0.7) + TEAM_SKILL_OFFSET[team],
				pace: rng.lognormal(1, 0.12)
			});
		}
	}
	// Three who clearly struggle and three who excel, spread over the big teams.
	const order = agents.map((_, i) => i).filter((i) => agents[i].team !== 'clinical');
	for (let k = 0; k < 6; k++) {
		const j = k + rng.int(0, order.length - 1 - k);
		[order[k], order[j]] = [order[j], order[k]];
		agents[order[k]].skill = k < 3 ? rng.uniform(-2.2, -1.6) : rng.uniform(1.5, 2.0);
	}
	return agents;
}

export interface Patient {
	id: string;
	name: string;
	born: string;
	spanish: boolean;
}

export const PATIENT_POOL = 12_000;
/** Patients P00001…P03000 also have a year of fills (see fills.ts). */
export const FILL_PATIENTS = 3_000;

export function patientId(index: number): string {
	return `P${String(index + 1).padStart(5, '0')}`;
}

const SPANISH_FIRST = 'Rosa Carlos Lucia Diego Carmen Jose Elena Miguel Sofia Pablo'.split(' ');
const SPANISH_LAST =
	'Garcia Lopez Martinez Hernandez Rodriguez Gonzalez Rivera Flores Torres'.split(' ');

const MONTHS = [
	'January February March April May June July August September October November December'
]
	.join(' ')
	.split(' ');

export function createPatients(seed: number): Patient[] {
	const rng = new Rng(seed, 'patients');
	const out: Patient[] = [];
	for (let i = 0; i < PATIENT_POOL; i++) {
		const spanish = rng.chance(0.1);
		const first = rng.pick(spanish ? SPANISH_FIRST : FIRST_NAMES);
		const last = rng.pick(spanish ? SPANISH_LAST : LAST_NAMES);
		const year = rng.int(1938, 1998);
		out.push({
			id: patientId(i),
			name: `${first} ${last}`,
			born: `${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${year}`,
			spanish
		});
	}
	return out;
}

/** Drugs per class with market-share-like weights (generic names, lower-case, in the contract's table). */
export const CLASS_DRUGS = {
	statin: new Weighted<string>([
		['atorvastatin', 45],
		['rosuvastatin', 25],
		['simvastatin', 17],
		['pravastatin', 8],
		['lovastatin', 4],
		['pitavastatin', 1]
	]),
	ras: new Weighted<string>([
		['lisinopril', 38],
		['losartan', 30],
		['valsartan', 9],
		['olmesartan', 6],
		['ramipril', 5],
		['benazepril', 5],
		['irbesartan', 3],
		['telmisartan', 3],
		['enalapril', 1]
	]),
	diabetes: new Weighted<string>([
		['metformin', 55],
		['glipizide', 12],
		['sitagliptin', 8],
		['empagliflozin', 7],
		['semaglutide', 6],
		['glimepiride', 5],
		['pioglitazone', 3],
		['dulaglutide', 2],
		['linagliptin', 2]
	])
} as const;

export type DrugClass = keyof typeof CLASS_DRUGS;

export const OTHER_DRUGS = new Weighted<string>([
	['levothyroxine', 30],
	['amlodipine', 25],
	['omeprazole', 20],
	['sertraline', 10],
	['gabapentin', 8],
	['albuterol', 7]
]);
