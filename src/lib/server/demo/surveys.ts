// Post-contact surveys for about a fifth of handled inbound contacts, plus a few with no link.
// Scores follow one latent satisfaction built from what happened (resolution, agent skill and
// manner, waits, wrong doses, late deliveries, denials, a pharmacist's time); the comment is
// written from the same facts, so scores, comment and transcript tell one story.
import { Rng, clamp } from './random.ts';
import { writeComment, type Lang, type Topic } from './comments.ts';
import { formatInstant } from './format.ts';
import { patientId, type Patient } from './world.ts';
import type { Contact } from './story.ts';

export interface Survey {
	id: string;
	interactionId: string | null;
	patientId: string | null;
	at: number;
	csat: number | null;
	nps: number | null;
	ces: number | null;
	resolved: boolean | null;
	comment: string | null;
}

const RESPONSE: Record<string, number> = {
	voice: 0.18,
	chat: 0.22,
	sms: 0.24,
	app: 0.25,
	email: 0.14
};
const COMMON_DRUGS = [
	'atorvastatin',
	'lisinopril',
	'metformin',
	'amoxicillin',
	'levothyroxine',
	'omeprazole'
];

export function generateSurveys(
	seed: number,
	contacts: Contact[],
	patients: Patient[],
	drugsOf: Map<string, string[]>,
	lastInstant: number
): Survey[] {
	const rng = new Rng(seed, 'surveys');
	const out: Survey[] = [];
	for (const c of contacts) {
		if (c.direction !== 'inbound' || c.disposition === 'abandoned') continue;
		const s = satisfaction(rng, c);
		// Very happy and very unhappy patients answer a little more often.
		if (!rng.chance(RESPONSE[c.channel] * (Math.abs(s) > 1.2 ? 1.1 : 0.9))) continue;
		const end = c.at + ((c.queue ?? 0) + (c.talk ?? 0) + (c.hold ?? 0)) * 1000;
		const at = end + Math.round(rng.lognormal(50, 1.3) * 60_000);
		if (at > lastInstant) continue;
		const patient = c.patient === null ? null : patients[c.patient];
		out.push(scoreSurvey(rng, s, c, patient, drugsOf, at));
	}
	// Feedback from the website form and the odd survey whose link is stale: no resolvable contact.
	const unlinked = Math.max(2, Math.round(out.length * 0.015));
	const first = out.length ? out[0].at : lastInstant - 86_400_000;
	for (let i = 0; i < unlinked; i++) {
		const at = first + Math.floor(rng.next() * (lastInstant - first));
		const p = rng.chance(0.6) ? patients[rng.int(0, patients.length - 1)] : null;
		const s = rng.normal(0, 1.2);
		const survey = scoreSurvey(rng, s, null, p, drugsOf, at);
		survey.interactionId = rng.chance(0.3)
			? `I9${String(rng.int(0, 999_999)).padStart(6, '0')}`
			: null;
		out.push(survey);
	}
	out.sort((a, b) => a.at - b.at || cmp(a.interactionId ?? '', b.interactionId ?? ''));
	out.forEach((s, i) => (s.id = `S${String(i + 1).padStart(7, '0')}`));
	return out;
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Latent satisfaction: positive means a good experience; about 1 on average, sd about 1. */
function satisfaction(rng: Rng, c: Contact): number {
	const st = c.story;
	let z = 0.75 + (c.disposition === 'resolved' ? 0.9 : c.disposition === 'escalated' ? 0.2 : -0.9);
	z += 0.22 * st.skill - 1.4 * +st.rude + 0.8 * +st.kind - 0.8 * +st.longHold - 0.6 * +st.longQueue;
	z +=
		-0.45 * +st.lateDelivery -
		0.5 * +st.denial -
		1.3 * +st.wrongDose +
		0.7 * +st.pharmacist -
		0.4 * +st.repeat;
	return z + rng.normal(0, 0.7);
}

function scoreSurvey(
	rng: Rng,
	z: number,
	c: Contact | null,
	patient: Patient | null,
	drugsOf: Map<string, string[]>,
	at: number
): Survey {
	const csat = z < -1.1 ? 1 : z < -0.45 ? 2 : z < 0.05 ? 3 : z < 0.85 ? 4 : 5;
	const nps = clamp(Math.round(7 + 1.9 * z + rng.normal(0, 0.9)), 0, 10);
	const ces = clamp(Math.round(5 + 1.1 * z + rng.normal(0, 0.7)), 1, 7);
	const wantsComment = rng.chance(csat <= 2 || csat === 5 ? 0.55 : 0.33);
	let comment: string | null = null;
	if (wantsComment) {
		const drugs = patient ? drugsOf.get(patient.id) : undefined;
		comment = writeComment(rng, topicsFor(rng, c, csat), language(rng, patient), {
			drug: drugs?.length ? rng.pick(drugs) : rng.pick(COMMON_DRUGS),
			staff: c?.agent && rng.chance(0.6) ? c.agent.name : null,
			waitMinutes: c
				? Math.max(3, Math.round(((c.story.longHold ? c.hold : c.queue) ?? 0) / 60))
				: rng.int(5, 30),
			lateDays: rng.int(2, 6)
		});
	}
	const has = (p: number) => rng.chance(p);
	return {
		id: '',
		interactionId: c?.id ?? null,
		patientId: c ? (c.patient === null ? null : patientId(c.patient)) : (patient?.id ?? null),
		at,
		csat: has(0.96) || !comment ? csat : null,
		nps: has(0.7) ? nps : null,
		ces: has(0.55) ? ces : null,
		resolved: c && has(0.8) ? feltResolved(rng, c) : null,
		comment
	};
}

/** The patient's view: a pharmacist's call usually settles it; one in twenty disagrees with the record. */
function feltResolved(rng: Rng, c: Contact): boolean {
	const settled =
		c.disposition === 'resolved' || (c.disposition === 'escalated' && rng.chance(0.7));
	return settled !== rng.chance(0.05);
}

/** What the patient writes about: the salient facts first, then how it ended. */
function topicsFor(rng: Rng, c: Contact | null, csat: number): Topic[] {
	// Complaints only from the unhappy and praise only from the happy, so the text agrees with the score.
	const found: Topic[] = [];
	if (c) {
		const st = c.story;
		const unhappy = csat <= 3;
		if (st.wrongDose) found.push('wrongDose');
		if (st.rude && unhappy) found.push('rude');
		if (st.lateDelivery && unhappy) found.push('lateDelivery');
		if (st.denial && unhappy) found.push('denial');
		if (st.longHold && unhappy) found.push('longHold');
		else if (st.longQueue && unhappy) found.push('longQueue');
		if (st.pharmacist && csat >= 3) found.push('pharmacist');
		if (st.kind && !unhappy) found.push('kind');
		if (st.repeat && unhappy) found.push('repeat');
	}
	const ending: Topic =
		csat >= 4
			? c?.disposition === 'resolved'
				? 'quickFix'
				: 'neutral'
			: csat === 3
				? 'neutral'
				: 'notFixed';
	const picked = found.slice(0, rng.chance(0.5) ? 1 : 2);
	if (picked.length === 0 || rng.chance(0.3)) picked.push(ending);
	return picked;
}

function language(rng: Rng, patient: Patient | null): Lang {
	const spanish = patient ? patient.spanish : rng.chance(0.1);
	if (spanish) return rng.chance(0.85) ? 'es' : 'mix';
	return rng.chance(0.01) ? 'mix' : 'en';
}

export const SURVEY_COLUMNS = [
	'survey_id',
	'interaction_id',
	'patient_id',
	'submitted_at',
	'csat',
	'nps',
	'ces',
	'resolved',
	'comment'
] as const;

export function surveyRecord(s: Survey) {
	return {
		survey_id: s.id,
		interaction_id: s.interactionId,
		patient_id: s.patientId,
		submitted_at: formatInstant(s.at),
		csat: s.csat,
		nps: s.nps,
		ces: s.ces,
		resolved: s.resolved,
		comment: s.comment
	};
}
