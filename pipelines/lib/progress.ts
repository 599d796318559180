// A terminal progress bar (rows and %), drawn on stderr only when it is a TTY.
export interface Progress {
	update(done: number, total?: number): void;
	finish(message?: string): void;
}

export function createProgress(label: string, total = 0): Progress {
	const tty = process.stderr.isTTY === true;
	let last = 0;
	let current = 0;
	const draw = (force = false) => {
		if (!tty) return;
		const now = Date.now();
		if (!force && now - last < 80) return;
		last = now;
		const width = 28;
		const pct = total > 0 ? Math.min(1, current / total) : 0;
		const filled = Math.round(pct * width);
		const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
		const count =
			total > 0
				? `${current.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
				: current.toLocaleString('en-US');
		process.stderr.write(`\r${label} ${bar} ${(pct * 100).toFixed(0).padStart(3)}% ${count}   `);
	};
	return {
		update(done, newTotal) {
			current = done;
			if (newTotal !== undefined) total = newTotal;
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
