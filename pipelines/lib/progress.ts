// A terminal progress bar drawn on stderr only when it is a TTY: a count (or bytes) with a
// percentage, and an optional note ("1,234,567 rows").
export interface Progress {
	update(done: number, total?: number, note?: string): void;
	finish(message?: string): void;
}

const megabytes = (n: number) =>
	n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} MB`;

export function createProgress(label: string, total = 0, opts: { bytes?: boolean } = {}): Progress {
	const tty = process.stderr.isTTY === true;
	let last = 0;
	let current = 0;
	let extra = '';
	const count = (n: number) => (opts.bytes ? megabytes(n) : n.toLocaleString('en-US'));
	const draw = (force = false) => {
		if (!tty) return;
		const now = Date.now();
		if (!force && now - last < 80) return;
		last = now;
		const width = 28;
		const pct = total > 0 ? Math.min(1, current / total) : 0;
		const filled = Math.round(pct * width);
		const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
		const amount = total > 0 ? `${count(current)}/${count(total)}` : count(current);
		const note = extra ? `, ${extra}` : '';
		process.stderr.write(
			`\r${label} ${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${amount}${note}   `
		);
	};
	return {
		update(done, newTotal, note) {
			current = done;
			if (newTotal !== undefined) total = newTotal;
			if (note !== undefined) extra = note;
			draw();
		},
		finish(message) {
			if (tty) {
				draw(true);
				process.stderr.write('\n');
			}
			if (message) console.error(message);
		}
	};
}

/** "1,234,567 rows" for a progress note. */
export const rowsNote = (rows: number) => `${rows.toLocaleString('en-US')} rows`;
