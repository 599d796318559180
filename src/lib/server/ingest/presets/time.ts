// Vendor dates, times and durations → the contract's text forms. Local times without an offset
// are read in the mapping's source time zone (IANA name) by the site's one time module
// (server/time): a time that a spring-forward skips is the instant the gap ends, and a time that
// a fall-back repeats means its first occurrence.
import { isTimeZone, localInstant } from '../../time/index.ts';

export interface WallTime {
	y: number;
	mo: number;
	d: number;
	h: number;
	mi: number;
	s: number;
	/** Microseconds. */
	us: number;
	/** Offset east of UTC in minutes when the text carries one. */
	offset?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_RE = new RegExp(
	String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$`
);

/** Tokens of a date format, longest first. */
const TOKENS: [string, string][] = [
	['YYYY', String.raw`(?<y>\d{4})`],
	['MMMM', String.raw`(?<mon>[A-Za-z]{3,9})`],
	['MMM', String.raw`(?<mon>[A-Za-z]{3})`],
	['dddd', String.raw`[A-Za-z]{3,9}`],
	['ddd', String.raw`[A-Za-z]{3}`],
	['MM', String.raw`(?<mo>\d{2})`],
	['DD', String.raw`(?<d>\d{2})`],
	['HH', String.raw`(?<h>\d{2})`],
	['hh', String.raw`(?<h12>\d{2})`],
	['mm', String.raw`(?<mi>\d{2})`],
	['ss', String.raw`(?<s>\d{2})`],
	['SSS', String.raw`(?<f>\d+)`],
	['M', String.raw`(?<mo>\d{1,2})`],
	['D', String.raw`(?<d>\d{1,2})`],
	['H', String.raw`(?<h>\d{1,2})`],
	['h', String.raw`(?<h12>\d{1,2})`],
	['A', String.raw`(?<ap>[AaPp][Mm])`],
	['Z', String.raw`(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)`]
];

const formatCache = new Map<string, RegExp>();

/** A date format such as `MM/DD/YYYY HH:mm:ss` or `ddd, DD MMM YYYY HH:mm:ss` as a regex. */
export function formatRegex(format: string): RegExp {
	let re = formatCache.get(format);
	if (re) return re;
	let src = '';
	let i = 0;
	outer: while (i < format.length) {
		for (const [token, pattern] of TOKENS) {
			if (format.startsWith(token, i)) {
				src += pattern;
				i += token.length;
				continue outer;
			}
		}
		const ch = format[i++];
		src += ch === ' ' ? String.raw`\s+` : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	re = new RegExp(`^${src}$`);
	formatCache.set(format, re);
	return re;
}

/** Known date formats: 'iso' (the contract's grammar), a token format, or 'CCYYMMDD'. */
export function parseWall(text: string, format = 'iso'): WallTime | null {
	if (format === 'iso') {
		const m = ISO_RE.exec(text);
		if (!m) return null;
		const offset = m[8]
			? 0
			: m[9]
				? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0))
				: undefined;
		return check({
			y: +m[1],
			mo: +m[2],
			d: +m[3],
			h: +(m[4] ?? 0),
			mi: +(m[5] ?? 0),
			s: +(m[6] ?? 0),
			us: Number((m[7] ?? '').slice(0, 6).padEnd(6, '0')),
			offset
		});
	}
	const m = formatRegex(format === 'CCYYMMDD' ? 'YYYYMMDD' : format).exec(text);
	if (!m?.groups) return null;
	const g = m.groups;
	let h = g.h !== undefined ? +g.h : 0;
	if (g.h12 !== undefined) {
		const pm = (g.ap ?? '').toLowerCase() === 'pm';
		h = (+g.h12 % 12) + (pm ? 12 : 0);
		if (+g.h12 < 1 || +g.h12 > 12) return null;
	}
	const mo = g.mon ? MONTHS.indexOf(g.mon.slice(0, 3).toLowerCase()) + 1 : +g.mo;
	let offset: number | undefined;
	if (g.z) {
		const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(g.z);
		offset = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) : 0;
	}
	return check({
		y: +g.y,
		mo,
		d: +g.d,
		h,
		mi: g.mi ? +g.mi : 0,
		s: g.s ? +g.s : 0,
		us: Number((g.f ?? '').slice(0, 6).padEnd(6, '0')),
		offset
	});
}

function check(w: WallTime): WallTime | null {
	if (w.mo < 1 || w.mo > 12 || w.d < 1 || w.h > 23 || w.mi > 59 || w.s > 59) return null;
	const days = new Date(Date.UTC(w.y, w.mo, 0)).getUTCDate();
	if (w.d > days) return null;
	if (w.offset !== undefined && Math.abs(w.offset) > 23 * 60 + 59) return null;
	return w;
}

/** Throws a one-sentence error for a name the runtime does not know. */
export function checkZone(zone: string): void {
	if (!isTimeZone(zone))
		throw new Error(
			`"${zone}" is not a time zone name (use an IANA name such as America/New_York).`
		);
}

// One Intl look-up costs ~0.1 ms, too much per row. A local hour whose minutes 0 and 59 lie 59
// minutes apart has one offset throughout (no change inside it), so its start serves every time
// in it; an hour with a change inside (a gap or an overlap) is looked up per minute — zones change
// offset on whole minutes.
const hourCache = new Map<string, number>();
const minuteCache = new Map<string, number>();

/** The UTC instant (ms) of a wall-clock time in `zone` (the site's one rule; see the header). */
export function zonedToUtc(w: WallTime, zone: string): number {
	const date = `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
	const hourKey = `${zone} ${date} ${w.h}`;
	let hour = hourCache.get(hourKey);
	if (hour === undefined) {
		if (hourCache.size > 100_000) hourCache.clear();
		const first = localInstant(date, zone, w.h, 0, 0).getTime();
		const last = localInstant(date, zone, w.h, 59, 0).getTime();
		hour = last - first === 59 * 60_000 ? first : NaN;
		hourCache.set(hourKey, hour);
	}
	if (!Number.isNaN(hour)) return hour + (w.mi * 60 + w.s) * 1000;
	const minuteKey = `${hourKey}:${w.mi}`;
	let minute = minuteCache.get(minuteKey);
	if (minute === undefined) {
		if (minuteCache.size > 100_000) minuteCache.clear();
		minute = localInstant(date, zone, w.h, w.mi, 0).getTime();
		minuteCache.set(minuteKey, minute);
	}
	// In a gap the minute maps to the gap's end; its seconds count from there.
	return minute + w.s * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A parsed time as the contract's UTC text, `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`. */
export function toUtcText(w: WallTime, zone: string): string {
	const ms =
		w.offset !== undefined
			? Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - w.offset * 60_000
			: zonedToUtc(w, zone);
	const d = new Date(ms);
	const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	return w.us ? `${base}.${pad(w.us, 6)}Z` : `${base}Z`;
}

/** A calendar date as `YYYY-MM-DD` (no zone: fill dates never move). */
export const toDateText = (w: WallTime) => `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;

/** Epoch milliseconds of a UTC text made by toUtcText. */
export const utcMs = (text: string) => Date.parse(text);

export const UNITS = ['s', 'ms', 'min', 'hms'] as const;
export type Unit = (typeof UNITS)[number];

/** A duration in `unit` → seconds; null when the text is not one. `hms` also takes plain seconds. */
export function toSeconds(text: string, unit: Unit): number | null {
	if (unit === 'hms') {
		const m = /^(\d+):([0-5]\d)(?::([0-5]\d)(?:\.(\d+))?)?$/.exec(text);
		if (m) {
			const [h, mi, s] = m[3] !== undefined ? [+m[1], +m[2], +m[3]] : [0, +m[1], +m[2]];
			return h * 3600 + mi * 60 + s + (m[4] ? Number(`0.${m[4]}`) : 0);
		}
	}
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
	const n = Number(text);
	if (!Number.isFinite(n)) return null;
	return unit === 'ms' ? n / 1000 : unit === 'min' ? n * 60 : n;
}
