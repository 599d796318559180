// Progressive enhancement for every queue form. After a refusal the page reloads its data, so a
// 409 ("Lee took it at 14:02") sits beside the item as it now is, never beside a stale "Claimed".
// A success reloads everything too (SvelteKit's default), which also refreshes the nav badges.
import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

export function queueSubmit(hooks: { start?: () => void; end?: () => void } = {}): SubmitFunction {
	return () => {
		hooks.start?.();
		return async ({ result, update }) => {
			await update();
			if (result.type === 'failure') await invalidateAll();
			hooks.end?.();
		};
	};
}
