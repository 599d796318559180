// Inbound contacts, day by day. Volume follows the week (Mondays busy, weekends quiet) and the
// business day; queues grow with load against staffing, and callers whose patience runs out
// before an agent answers abandon. Each handled contact gets an agent whose skill drives the
// outcome, the handle times and the behaviour the comments and transcripts will reflect; an
// unresolved contact often brings the same patient back on the same reason within days (FCR).
import { Rng, Weighted, clamp, logistic } from './random.ts';
import {
	BASE_RESOLVE,
	FILL_PATIENTS,
	INBOUND_REASONS,
	PATIENT_POOL,
	ROUTING,
	TEAMS,
	type Agent,
	type Reason,
	type Team
} from './world.ts';
import { weekday } from './format.ts';
import { NO_STORY, type Channel, type Contact, type Disposition } from './story.ts';

const DAY = 86_400_000;
const FRONT_LINE = TEAMS.filter((t) => t !== 'clinical');

/** Sunday … Saturday: arrivals relative to an average day, and the staffing planned for them. */
const DAY_VOLUME = [0.25, 1.4, 1.15, 1.05, 1.0, 0.95, 0.5];
const DAY_STAFF = [0.3, 1.3, 1.12, 1.05, 1.0, 0.95, 0.55];
/** UTC hours 7…20: arrivals, and staffing that follows them only roughly (shift blocks). */
const HOURS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const HOUR_VOLUME = [0.3, 0.8, 1.2, 1.45, 1.3, 1.0, 1.1, 1.3, 1.2, 1.0, 0.8, 0.5, 0.3, 0.15];
const HOUR_STAFF = [0.45, 0.9, 1.2, 1.3, 1.3, 1.0, 1.1, 1.25, 1.2, 1.0, 0.85, 0.6, 0.4, 0.25];
const HOUR_PICK = new Weighted(HOURS.map((h, i) => [i, HOUR_VOLUME[i]] as const));

const CHANNEL_PICK = new Weighted<Channel>([
	['voice', 52],
	['chat', 20],
	['app', 14],
	['sms', 11],
	['email', 3]
]);

interface HandleProfile {
	talk: number;
	talkSigma: number;
	holdShare: number;
	hold: number;
	wrap: number;
}

/** Medians in seconds: voice AHT lands near 5 minutes, chat runs longer, sms and app are short. */
const HANDLE: Record<Channel, HandleProfile> = {
	voice: { talk: 195, talkSigma: 0.5, holdShare: 0.3, hold: 50, wrap: 40 },
	chat: { talk: 420, talkSigma: 0.55, holdShare: 0.1, hold: 60, wrap: 45 },
	sms: { talk: 75, talkSigma: 0.6, holdShare: 0, hold: 0, wrap: 20 },
	app: { talk: 60, talkSigma: 0.6, holdShare: 0, hold: 0, wrap: 20 },
	email: { talk: 240, talkSigma: 0.5, holdShare: 0, hold: 0, wrap: 60 }
};

const REASON_EFFORT: Partial<Record<Reason, number>> = {
	insurance: 1.25,
	prior_auth: 1.3,
	billing: 1.15,
	medication_error: 1.5,
	side_effects: 1.3,
	complaint: 1.2,
	refill: 0.9,
	general: 0.8
};

/** Primary (non-repeat) arrivals on an average day; repeats add roughly a tenth on top. */
const PRIMARY_PER_DAY = 455;

interface Pending {
	at: number;
	patient: number;
	reason: Reason;
	channel: Channel;
	repeat: boolean;
}

export interface InboundWindow {
	start: number;
	days: number;
}

export function generateInbound(seed: number, win: InboundWindow, agents: Agent[]): Contact[] {
	const rng = new Rng(seed, 'inbound');
	const byTeam = new Map<Team, Agent[]>(TEAMS.map((t) => [t, agents.filter((a) => a.team === t)]));
	const later: Pending[][] = Array.from({ length: win.days }, () => []);
	const out: Contact[] = [];

	for (let d = 0; d < win.days; d++) {
		const day = win.start + d;
		const wd = weekday(day);
		const queue: Pending[] = later[d];
		const n = rng.poisson(PRIMARY_PER_DAY * DAY_VOLUME[wd]);
		for (let i = 0; i < n; i++) {
			const at = day * DAY + HOURS[HOUR_PICK.draw(rng)] * 3_600_000 + rng.int(0, 3_599_999);
			queue.push({
				at,
				patient: drawPatient(rng),
				reason: INBOUND_REASONS.draw(rng),
				channel: CHANNEL_PICK.draw(rng),
				repeat: false
			});
		}
		queue.sort((a, b) => a.at - b.at || a.patient - b.patient);
		const trend = 0.35 * (d / Math.max(1, win.days - 1));
		for (let i = 0; i < queue.length; i++) {
			const p = queue[i];
			const contact = handle(rng, p, wd, trend, byTeam);
			out.push(contact);
			const back = scheduleRepeat(rng, contact);
			if (!back) continue;
			const bd = Math.floor(back.at / DAY) - win.start;
			if (bd === d) insertSorted(queue, back, i + 1);
			else if (bd < win.days) later[bd].push(back);
		}
	}
	out.forEach((c, i) => (c.id = `I${String(i + 1).padStart(7, '0')}`));
	return out;
}

function drawPatient(rng: Rng): number {
	if (rng.chance(0.3)) return rng.int(0, FILL_PATIENTS - 1);
	return rng.int(FILL_PATIENTS, PATIENT_POOL - 1);
}

function insertSorted(queue: Pending[], item: Pending, from: number): void {
	let k = from;
	while (k < queue.length && queue[k].at <= item.at) k++;
	queue.splice(k, 0, item);
}

function occupancy(wd: number, hour: number): number {
	// Callbacks after hours meet the thin evening shift.
	const h = clamp(hour - HOURS[0], 0, HOURS.length - 1);
	return clamp(
		0.8 * (DAY_VOLUME[wd] / DAY_STAFF[wd]) * (HOUR_VOLUME[h] / HOUR_STAFF[h]),
		0.3,
		0.95
	);
}

function handle(
	rng: Rng,
	p: Pending,
	wd: number,
	trend: number,
	byTeam: Map<Team, Agent[]>
): Contact {
	const hour = new Date(p.at).getUTCHours();
	// A tenth overflows to another front-line queue when its own is busy.
	const team: Team = rng.chance(0.1) ? rng.pick(FRONT_LINE) : ROUTING[p.reason];
	// Unknown callers: blocked numbers on the phone, guests on chat and e-mail.
	const patient = rng.chance(p.channel === 'voice' ? 0.12 : 0.04) && !p.repeat ? null : p.patient;
	const contact = (
		fields: Pick<Contact, 'agent' | 'queue' | 'talk' | 'hold' | 'wrap' | 'disposition' | 'story'>
	): Contact => ({
		id: '',
		at: p.at,
		channel: p.channel,
		direction: 'inbound',
		patient,
		agent: fields.agent,
		team,
		reason: p.reason,
		queue: fields.queue,
		talk: fields.talk,
		hold: fields.hold,
		wrap: fields.wrap,
		disposition: fields.disposition,
		campaign: null,
		outcome: null,
		story: fields.story
	});

	let queue: number | null;
	if (p.channel === 'voice' || p.channel === 'chat') {
		const rho = occupancy(wd, hour);
		const wait = rng.exponential((p.channel === 'voice' ? 9 : 20) * (rho / (1 - rho)));
		const patience = rng.lognormal(p.channel === 'voice' ? 210 : 320, 0.9);
		if (patience < wait) {
			const story = { ...NO_STORY, longQueue: true, repeat: p.repeat };
			return contact({
				agent: null,
				queue: Math.round(patience),
				talk: null,
				hold: null,
				wrap: null,
				disposition: 'abandoned',
				story
			});
		}
		queue = Math.round(wait);
	} else {
		// Messages wait for an agent to pick them up; e-mail has no live queue, so no ASA to report.
		queue = p.channel === 'email' ? null : Math.round(rng.lognormal(45, 0.8));
	}

	const agent = rng.pick(byTeam.get(team) ?? []);
	const skill = agent.skill + trend;
	const rude = rng.chance(0.012 + 0.07 * Math.max(0, -skill));
	const kind = !rude && rng.chance(0.07 + 0.1 * Math.max(0, skill));
	const verified =
		p.channel === 'voice' || p.channel === 'chat' ? rng.chance(logistic(2.8 + 1.6 * skill)) : true;

	let disposition: Disposition;
	let pharmacist = false;
	const escalate =
		p.reason === 'medication_error'
			? logistic(1.0 + 1.2 * skill)
			: p.reason === 'side_effects'
				? logistic(-0.3 + skill)
				: 0;
	if (rng.chance(escalate)) {
		disposition = 'escalated';
		pharmacist = true;
	} else {
		const prior = BASE_RESOLVE[p.reason];
		const pResolve = logistic(
			Math.log(prior / (1 - prior)) + 0.55 * skill - (p.repeat ? 0.25 : 0) - (rude ? 0.8 : 0)
		);
		disposition = rng.chance(pResolve) ? 'resolved' : notResolved(rng, p.reason);
	}

	const h = HANDLE[p.channel];
	const effort =
		agent.pace *
		Math.exp(-0.12 * skill) *
		(REASON_EFFORT[p.reason] ?? 1) *
		(disposition === 'resolved' ? 1 : 1.1);
	const talk = Math.max(15, Math.round(rng.lognormal(h.talk * effort, h.talkSigma)));
	const holdShare = h.holdShare * (1 + 0.5 * Math.max(0, -skill)) * (team === 'delivery' ? 1.4 : 1);
	const hold = rng.chance(holdShare)
		? Math.round(rng.lognormal(h.hold * (1 + 0.35 * Math.max(0, -skill)), 0.8))
		: 0;
	const wrap = Math.round(
		rng.lognormal(h.wrap * agent.pace * (team === 'delivery' ? 1.25 : 1), 0.5)
	);

	const story = {
		skill,
		rude,
		kind,
		verified,
		longHold: hold > 180,
		longQueue:
			queue !== null && queue > (p.channel === 'voice' ? 240 : p.channel === 'chat' ? 420 : 300),
		repeat: p.repeat,
		pharmacist,
		denial: (p.reason === 'insurance' || p.reason === 'prior_auth') && disposition !== 'resolved',
		lateDelivery: p.reason === 'delivery' && rng.chance(0.55),
		wrongDose: p.reason === 'medication_error'
	};
	return contact({ agent, queue, talk, hold, wrap, disposition, story });
}

function notResolved(rng: Rng, reason: Reason): Disposition {
	const r = rng.next();
	if (reason === 'prior_auth') return r < 0.6 ? 'callback' : 'unresolved';
	if (reason === 'insurance') return r < 0.3 ? 'callback' : r < 0.45 ? 'transferred' : 'unresolved';
	return r < 0.2 ? 'transferred' : r < 0.35 ? 'callback' : 'unresolved';
}

/** The same patient, same reason, coming back: often after an unresolved contact, rarely after a fix. */
function scheduleRepeat(rng: Rng, c: Contact): Pending | null {
	if (c.patient === null) return null;
	const chance =
		c.disposition === 'abandoned'
			? 0.55
			: c.disposition === 'resolved'
				? 0.06
				: c.disposition === 'escalated'
					? 0.15
					: 0.42;
	if (!rng.chance(chance)) return null;
	let at: number;
	if (c.disposition === 'abandoned' && rng.chance(0.6)) {
		at = c.at + Math.round(rng.lognormal(45, 0.7) * 60_000);
	} else {
		const dayStart = Math.floor(c.at / DAY) * DAY;
		const hop =
			c.disposition === 'resolved'
				? rng.int(1, 6)
				: Math.min(6, 1 + Math.floor(rng.exponential(1.2)));
		at = dayStart + hop * DAY + HOURS[HOUR_PICK.draw(rng)] * 3_600_000 + rng.int(0, 3_599_999);
	}
	const channel = rng.chance(0.6) ? c.channel : 'voice';
	return { at, patient: c.patient, reason: c.reason, channel, repeat: true };
}
