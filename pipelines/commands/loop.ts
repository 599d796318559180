// `careloop loop run|figures|pharmacist`: the follow-up and outreach rules on demand, the loop's
// figures, and who is in the pharmacist queue. Thin over src/lib/server/loop.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { parseTimestamp } from '../../src/lib/server/time/index.ts';
import { findUserByEmail } from '../../src/lib/server/auth/users.ts';
import {
	followUpFigures,
	listQueueMembers,
	runFollowUpRules,
	setQueueMember
} from '../../src/lib/server/loop/index.ts';

const USAGE = `careloop loop run [--now T] [--format table|json]
       careloop loop figures [--from T] [--to T] [--now T] [--format table|json]   (default: the 30 days before now)
       careloop loop pharmacist add|remove --email E
       careloop loop pharmacist list [--format table|json]`;

function time(value: string | undefined, name: string): Date | undefined {
	if (value === undefined) return undefined;
	const t = parseTimestamp(value);
	if (!t)
		throw new CliError(
			`--${name} must be a timestamp such as 2026-03-10T12:00:00Z, not "${value}".`
		);
	return t;
}

async function run(args: string[]): Promise<number> {
	const { values } = parse(args, { now: { type: 'string' }, format: { type: 'string' } }, USAGE);
	const format = parseFormat(values.format, ['table', 'json'], 'table');
	const db = await openDb();
	try {
		const summary = await runFollowUpRules(db, { now: time(values.now, 'now') });
		if (format === 'json') console.log(JSON.stringify(summary));
		else
			console.log(
				`Follow-ups: ${summary.opened} opened, ${summary.attached} attached to open ones; outreach: ${summary.outreachOpened} opened.`
			);
		return 0;
	} finally {
		await db.close();
	}
}

async function figures(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			from: { type: 'string' },
			to: { type: 'string' },
			now: { type: 'string' },
			format: { type: 'string' }
		},
		USAGE
	);
	const format = parseFormat(values.format, ['table', 'json'], 'table');
	const now = time(values.now, 'now') ?? new Date();
	const to = time(values.to, 'to') ?? now;
	const from = time(values.from, 'from') ?? new Date(to.getTime() - 30 * 86_400_000);
	if (!(from < to)) throw new CliError('--from must be before --to.');
	const db = await openDb();
	try {
		const f = await followUpFigures(db, { from, to, now });
		if (format === 'json') {
			console.log(JSON.stringify(f));
			return 0;
		}
		const pct = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} %`);
		console.log(`Follow-ups opened ${f.from} to ${f.to} (as of ${f.now})`);
		console.log(`  SLA compliance       ${pct(f.sla.rate)} (${f.sla.met} of ${f.sla.total})`);
		console.log(
			`  First contact        ${f.firstContact.medianHours === null ? 'n/a' : `${f.firstContact.medianHours.toFixed(1)} h median`} (${f.firstContact.tasks} tasks)`
		);
		console.log(
			`  Backlog              ${f.backlog.complaints} complaints (${f.backlog.overdue} overdue), ${f.backlog.outreach} outreach (${f.backlog.outreachOverdue} overdue)`
		);
		console.log(
			`  Reopen rate          ${pct(f.reopen.rate)} (${f.reopen.reopened} of ${f.reopen.closed})`
		);
		console.log(
			`  Recovery             ${pct(f.recovery.rate)} improved (${f.recovery.improved} of ${f.recovery.pairs}; CSAT ${f.recovery.csatBefore?.toFixed(2) ?? 'n/a'} → ${f.recovery.csatAfter?.toFixed(2) ?? 'n/a'})`
		);
		console.log(
			`  Repeat complaints    ${pct(f.repeat.rate)} (${f.repeat.repeated} of ${f.repeat.closed})`
		);
		console.log(
			`  Outreach             ${f.outreach.tasks} tasks, ${f.outreach.reached} reached, ${f.outreach.refilled} refilled → conversion ${pct(f.outreach.conversion)}`
		);
		return 0;
	} finally {
		await db.close();
	}
}

async function pharmacist(args: string[]): Promise<number> {
	const [verb, ...rest] = args;
	const { values } = parse(rest, { email: { type: 'string' }, format: { type: 'string' } }, USAGE);
	const db = await openDb();
	try {
		if (verb === 'list') {
			const members = await listQueueMembers(db, 'pharmacist');
			if (parseFormat(values.format, ['table', 'json'], 'table') === 'json')
				console.log(JSON.stringify(members));
			else if (members.length === 0)
				console.log(
					'Nobody is in the pharmacist queue yet: careloop loop pharmacist add --email E.'
				);
			else
				for (const m of members) console.log(`${m.email ?? m.userId}\t${m.name ?? '(no account)'}`);
			return 0;
		}
		if (verb !== 'add' && verb !== 'remove') throw new CliError(`Usage: ${USAGE}`);
		if (!values.email) throw new CliError(`--email is required. Usage: ${USAGE}`);
		const user = await findUserByEmail(db, values.email);
		if (!user)
			throw new CliError(
				`There is no account with e-mail ${values.email}: add it with careloop user add first.`
			);
		await setQueueMember(db, user.id, 'pharmacist', verb === 'add');
		console.log(
			`${user.email} ${verb === 'add' ? 'is now in' : 'is no longer in'} the pharmacist queue.`
		);
		return 0;
	} finally {
		await db.close();
	}
}

export default {
	summary: 'follow-up and outreach rules, their figures, and the pharmacist queue',
	async run([sub, ...rest]) {
		if (sub === 'run') return run(rest);
		if (sub === 'figures') return figures(rest);
		if (sub === 'pharmacist') return pharmacist(rest);
		throw new CliError(`Usage: ${USAGE}`);
	}
} satisfies Command;
