// The rules editor's form, read back into rules. Field names are `<rule index>:<field>`; phrase
// lists are one phrase per line; identifiers are one per line as "name: phrase, phrase". Kinds
// and keys come from the current version (the form edits rules, it does not invent kinds), so a
// tampered form can only produce values that ruleProblems() then checks.
import type { AutoQaRule, CallWindow, RuleParams } from './rules.ts';

const CHANNELS = ['voice', 'chat', 'sms', 'email', 'app'];

export function lines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '');
}

function num(raw: string): number {
	return raw.trim() === '' ? Number.NaN : Number(raw);
}

function optionalNum(raw: string): number | null {
	return raw.trim() === '' ? null : Number(raw);
}

export function identifiersText(identifiers: Record<string, string[]>): string {
	return Object.entries(identifiers)
		.map(([name, phrases]) => `${name}: ${phrases.join(', ')}`)
		.join('\n');
}

function parseIdentifiers(text: string): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const line of lines(text)) {
		const at = line.indexOf(':');
		const name = (at < 0 ? line : line.slice(0, at)).trim().toLowerCase().replace(/\s+/g, '_');
		out[name] = (at < 0 ? '' : line.slice(at + 1))
			.split(',')
			.map((p) => p.trim())
			.filter(Boolean);
	}
	return out;
}

/** The rules as edited; `current` gives each row's key and kind. */
export function parseRulesForm(form: FormData, current: AutoQaRule[]): AutoQaRule[] {
	return current.map((rule, i) => {
		const get = (field: string) => String(form.get(`${i}:${field}`) ?? '');
		const window = (): CallWindow => ({
			from: get('window.from') === 'end' ? 'end' : 'start',
			seconds: optionalNum(get('window.seconds')),
			turns: optionalNum(get('window.turns'))
		});
		const channels = form
			.getAll(`${i}:channels`)
			.map(String)
			.filter((c) => CHANNELS.includes(c));
		const p = rule.params;
		let params: RuleParams;
		switch (p.kind) {
			case 'greeting':
				params = {
					kind: 'greeting',
					window: window(),
					name: lines(get('name')),
					pharmacy: lines(get('pharmacy'))
				};
				break;
			case 'identity':
				params = {
					kind: 'identity',
					identifiers: parseIdentifiers(get('identifiers')),
					required: num(get('required')),
					health: lines(get('health')),
					drugNames: form.get(`${i}:drugNames`) === '1'
				};
				break;
			case 'hold':
				params = {
					kind: 'hold',
					markers: lines(get('markers')),
					announce: lines(get('announce')),
					thanks: lines(get('thanks')),
					maxHoldSeconds: optionalNum(get('maxHoldSeconds')),
					maxHolds: optionalNum(get('maxHolds'))
				};
				break;
			case 'silence':
				params = {
					kind: 'silence',
					maxGapSeconds: num(get('maxGapSeconds')),
					minGapSeconds: num(get('minGapSeconds'))
				};
				break;
			case 'closing':
				params = {
					kind: 'closing',
					window: window(),
					summary: lines(get('summary')),
					anythingElse: lines(get('anythingElse')),
					restateWords: optionalNum(get('restateWords'))
				};
				break;
			case 'empathy':
				params = {
					kind: 'empathy',
					phrases: lines(get('phrases')),
					minNegative: num(get('minNegative')),
					minWords: num(get('minWords')),
					ignore: lines(get('ignore')),
					ignoreAfter: lines(get('ignoreAfter'))
				};
				break;
			case 'prohibited':
				params = { kind: 'prohibited', phrases: lines(get('phrases')) };
				break;
		}
		const speaker = get('speaker');
		return {
			key: rule.key,
			label: get('label').trim().slice(0, 120),
			enabled: form.get(`${i}:enabled`) === '1',
			sampling: form.get(`${i}:sampling`) === '1',
			channels: channels.length === 0 || channels.length === CHANNELS.length ? null : channels,
			speaker: speaker === 'patient' || speaker === 'any' ? speaker : 'agent',
			params
		};
	});
}
