// `careloop user add|list|disable|enable|passwd|unlock`: account administration from the terminal, over
// the same server functions (and audit trail) as the web admin page. Passwords come from a
// no-echo prompt on a terminal, or as one line on stdin with --password-stdin (scripts, e2e).
import { userInfo } from 'node:os';
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { addUser, changeUser, resetPassword, type Actor } from '../../src/lib/server/auth/admin.ts';
import { passwordProblem } from '../../src/lib/server/auth/password.ts';
import { AccountError, findUserByEmail, listUsers } from '../../src/lib/server/auth/users.ts';
import { unlockAccount, unlockAddress } from '../../src/lib/server/auth/lockouts.ts';

const USAGE = `careloop user add --email E --role admin|manager|qa_lead|staff [--name N] [--agent A] [--password-stdin]
       careloop user list [--format table|json]
       careloop user disable --email E
       careloop user enable --email E
       careloop user passwd --email E [--password-stdin]
       careloop user unlock --email E | --address A`;

function actor(): Actor {
	let name = 'unknown';
	try {
		name = userInfo().username;
	} catch {
		// No passwd entry for this uid (some containers): the audit still records "cli".
	}
	return { actor: `cli:${name}` };
}

/** First line of stdin, without its line ending. */
async function readStdinLine(): Promise<string> {
	if (process.stdin.isTTY)
		throw new CliError(
			'--password-stdin expects the password piped in, e.g. printf %s "$PW" | careloop user add ….'
		);
	let data = '';
	for await (const chunk of process.stdin) {
		data += String(chunk);
		if (data.includes('\n')) break;
	}
	const line = data.split(/\r?\n/)[0];
	if (!line) throw new CliError('No password arrived on stdin: pipe one line in.');
	return line;
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const stdin = process.stdin;
		process.stderr.write(question);
		stdin.setRawMode(true);
		stdin.resume();
		stdin.setEncoding('utf8');
		let value = '';
		const done = (err: Error | null) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stderr.write('\n');
			if (err) reject(err);
			else resolve(value);
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n') return done(null);
				if (ch === '\u0003') return done(new CliError('Cancelled.', 130));
				if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
				else if (ch >= ' ') value += ch;
			}
		};
		stdin.on('data', onData);
	});
}

async function readPassword(fromStdin: boolean): Promise<string> {
	const password = fromStdin ? await readStdinLine() : await promptTwice();
	const problem = passwordProblem(password);
	if (problem) throw new CliError(`Password refused: ${problem}`);
	return password;
}

async function promptTwice(): Promise<string> {
	if (!process.stdin.isTTY)
		throw new CliError(
			'No terminal to ask for a password on: pass --password-stdin and pipe the password in.'
		);
	const first = await promptHidden('New password: ');
	const second = await promptHidden('Repeat it: ');
	if (first !== second) throw new CliError('The two passwords differ: run the command again.');
	return first;
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
	const db = await openDb();
	try {
		return await fn(db);
	} catch (err) {
		if (err instanceof AccountError) throw new CliError(err.message, 1);
		throw err;
	} finally {
		await db.close();
	}
}

function requireEmail(email: string | undefined): string {
	if (!email) throw new CliError(`--email is required. Usage: ${USAGE}`);
	return email;
}

async function existing(db: Db, email: string) {
	const user = await findUserByEmail(db, email);
	if (!user) throw new CliError(`No account for ${email}: careloop user list shows them.`, 1);
	return user;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = {
	async add(args) {
		const { values } = parse(
			args,
			{
				email: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				agent: { type: 'string' },
				'password-stdin': { type: 'boolean' }
			},
			USAGE
		);
		const email = requireEmail(values.email);
		if (!values.role) throw new CliError(`--role is required. Usage: ${USAGE}`);
		const password = await readPassword(values['password-stdin'] === true);
		const user = await withDb((db) =>
			addUser(db, actor(), {
				email,
				role: values.role!,
				name: values.name,
				agentId: values.agent,
				password
			})
		);
		console.log(
			`Added ${user.email} (${user.role}${user.agentId ? `, agent ${user.agentId}` : ''}).`
		);
		return 0;
	},
	async list(args) {
		const { values } = parse(args, { format: { type: 'string' } }, USAGE);
		const format = parseFormat(values.format, ['table', 'json'], 'table');
		const users = await withDb(listUsers);
		if (format === 'json') {
			console.log(JSON.stringify(users, null, 2));
			return 0;
		}
		if (users.length === 0)
			console.log('No accounts yet: careloop user add --email E --role admin.');
		for (const u of users)
			console.log(
				[
					u.email.padEnd(32),
					u.role.padEnd(8),
					(u.agentId ?? '-').padEnd(10),
					u.disabled ? 'disabled' : 'active',
					u.name
				].join(' ')
			);
		return 0;
	},
	async disable(args) {
		return setDisabled(args, true);
	},
	async enable(args) {
		return setDisabled(args, false);
	},
	async passwd(args) {
		const { values } = parse(
			args,
			{ email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
			USAGE
		);
		const email = requireEmail(values.email);
		// Check the account first, so nobody types a password twice for a typo.
		await withDb((db) => existing(db, email));
		const password = await readPassword(values['password-stdin'] === true);
		await withDb(async (db) => resetPassword(db, actor(), await existing(db, email), password));
		console.log(`Password changed for ${email}; their sessions were signed out.`);
		return 0;
	},
	async unlock(args) {
		const { values } = parse(
			args,
			{ email: { type: 'string' }, address: { type: 'string' } },
			USAGE
		);
		if (values.address) {
			const n = await withDb((db) => unlockAddress(db, actor(), values.address!));
			console.log(`Cleared ${n} sign-in counter${n === 1 ? '' : 's'} of ${values.address}.`);
			return 0;
		}
		const email = requireEmail(values.email);
		const n = await withDb(async (db) =>
			unlockAccount(db, actor(), (await existing(db, email)).email)
		);
		console.log(
			`Cleared ${n} sign-in counter${n === 1 ? '' : 's'} of ${email}: it can sign in again.`
		);
		return 0;
	}
};

async function setDisabled(args: string[], disabled: boolean): Promise<number> {
	const { values } = parse(args, { email: { type: 'string' } }, USAGE);
	const email = requireEmail(values.email);
	await withDb(async (db) => changeUser(db, actor(), (await existing(db, email)).id, { disabled }));
	console.log(disabled ? `Disabled ${email} and signed them out.` : `Enabled ${email}.`);
	return 0;
}

export default {
	summary: 'add, list, disable, enable accounts, set a password or lift a sign-in lock',
	async run([sub, ...rest]) {
		const fn = sub ? subcommands[sub] : undefined;
		if (!fn) {
			if (sub === '--help' || sub === '-h') {
				console.log(`Usage: ${USAGE}`);
				return 0;
			}
			throw new CliError(
				`Name a user command: add, list, disable, enable, passwd or unlock. Usage: ${USAGE}`
			);
		}
		return fn(rest);
	}
} satisfies Command;
