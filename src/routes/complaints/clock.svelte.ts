// One ticking clock for every countdown on the page (one interval, not one per row).
let now = $state(Date.now());
let started = false;

export function clock(): { readonly now: number } {
	if (!started && typeof window !== 'undefined') {
		started = true;
		setInterval(() => (now = Date.now()), 1000);
	}
	return {
		get now() {
			return now;
		}
	};
}
