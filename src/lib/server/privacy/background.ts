// One redaction of stored text at a time inside the server, started from Settings → Privacy,
// with its progress for the page. (Post-import redaction goes through post-import.ts instead.)
import type { Db } from '../db/index.ts';
import { redactPending, type RedactSummary } from './store.ts';

export interface RedactionState {
	running: boolean;
	kind: string | null;
	done: number;
	total: number;
	finishedAt: string | null;
	summary: RedactSummary | null;
	failed: boolean;
}

let state: RedactionState = {
	running: false,
	kind: null,
	done: 0,
	total: 0,
	finishedAt: null,
	summary: null,
	failed: false
};

export function redactionState(): RedactionState {
	return { ...state };
}

/** Starts a run unless one is going; false when one already was. */
export function runRedaction(db: Db): boolean {
	if (state.running) return false;
	state = { ...state, running: true, kind: null, done: 0, total: 0, failed: false };
	redactPending(db, {
		onProgress: (p) => {
			state = { ...state, kind: p.kind, done: p.done, total: p.total };
		}
	})
		.then((summary) => {
			state = { ...state, running: false, summary, finishedAt: new Date().toISOString() };
		})
		.catch((err: unknown) => {
			// Logged for the admin; the page says it failed and the run can be started again.
			console.error('Redacting stored text failed:', err);
			state = { ...state, running: false, failed: true, finishedAt: new Date().toISOString() };
		});
	return true;
}
