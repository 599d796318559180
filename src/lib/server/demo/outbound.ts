// Outbound outreach: the refill reminders decided with the fills (so a reached reminder is
// followed by a refill more often), plus medication-synchronisation calls and post-dispense
// check-ins by the clinical team. Each has an outcome; talk time follows the outcome.
import { Rng, Weighted } from './random.ts';
import { FILL_PATIENTS, TEAMS, type Agent, type Team } from './world.ts';
import { weekday } from './format.ts';
import type { Outcome, Reminder } from './fills.ts';
import { NO_STORY, type Channel, type Contact, type Disposition } from './story.ts';

const DAY = 86_400_000;

const CALL_OUTCOMES = new Weighted<Outcome>([
	['reached', 45],
	['voicemail', 28],
	['no_answer', 20],
	['declined', 7]
]);

const DISPOSITION: Record<Outcome, Disposition> = {
	reached: 'resolved',
	refill_requested: 'resolved',
	declined: 'resolved',
	voicemail: 'callback',
	no_answer: 'unresolved'
};

interface Planned {
	at: number;
	patient: number;
	channel: Channel;
	outcome: Outcome;
	campaign: 'refill_reminder' | 'med_sync' | 'post_dispense';
}

export function generateOutbound(
	seed: number,
	win: { start: number; days: number },
	agents: Agent[],
	reminders: Reminder[]
): Contact[] {
	const rng = new Rng(seed, 'outbound');
	const byTeam = new Map<Team, Agent[]>(TEAMS.map((t) => [t, agents.filter((a) => a.team === t)]));
	const planned: Planned[] = reminders.map((r) => ({
		at: r.at,
		patient: Number(r.patientId.slice(1)) - 1,
		channel: r.channel,
		outcome: r.outcome,
		campaign: 'refill_reminder'
	}));
	for (let d = 0; d < win.days; d++) {
		const day = win.start + d;
		const wd = weekday(day);
		if (wd === 0 || wd === 6) continue; // outreach runs on weekdays
		for (const [campaign, mean] of [
			['med_sync', 5],
			['post_dispense', 7]
		] as const) {
			const n = rng.poisson(mean);
			for (let i = 0; i < n; i++) {
				const at = day * DAY + rng.int(10 * 3600, 18 * 3600) * 1000;
				let outcome = CALL_OUTCOMES.draw(rng);
				if (campaign === 'med_sync' && outcome === 'reached' && rng.chance(0.4))
					outcome = 'refill_requested';
				planned.push({
					at,
					patient: rng.int(0, FILL_PATIENTS - 1),
					channel: 'voice',
					outcome,
					campaign
				});
			}
		}
	}
	planned.sort((a, b) => a.at - b.at || a.patient - b.patient);

	return planned.map((p, i) => {
		const team: Team = p.campaign === 'post_dispense' ? 'clinical' : 'refills';
		const agent = rng.pick(byTeam.get(team) ?? []);
		const spoke =
			p.outcome === 'reached' || p.outcome === 'refill_requested' || p.outcome === 'declined';
		const talk =
			p.channel === 'sms'
				? spoke
					? Math.round(rng.lognormal(40, 0.5))
					: null
				: spoke
					? Math.round(rng.lognormal(p.campaign === 'post_dispense' ? 240 : 120, 0.45))
					: p.outcome === 'voicemail'
						? Math.round(rng.lognormal(28, 0.3))
						: 0;
		return {
			id: `O${String(i + 1).padStart(6, '0')}`,
			at: p.at,
			channel: p.channel,
			direction: 'outbound' as const,
			patient: p.patient,
			agent,
			team,
			reason: p.campaign === 'post_dispense' ? ('general' as const) : ('refill' as const),
			queue: null,
			talk,
			hold: 0,
			wrap: Math.round(rng.lognormal(spoke ? 30 : 10, 0.4)),
			disposition: DISPOSITION[p.outcome],
			campaign: p.campaign,
			outcome: p.outcome,
			story: { ...NO_STORY, skill: agent.skill }
		};
	});
}
