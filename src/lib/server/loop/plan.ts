// Turns detected events into task writes: one open task per kind and group (the patient, or the
// interaction/survey when the patient is unknown); a later event for an open group attaches to it
// and can only raise its severity. Pure, so dedupe and attach are tested without a database.
import type { Queue, Severity } from './categorize.ts';

export type TaskKind = 'complaint' | 'outreach';

export interface PlannedEvent {
	kind: TaskKind;
	groupKey: string;
	sourceKind: string;
	sourceId: string;
	trigger: string;
	detail: string;
	patientId: string | null;
	eventAt: Date;
	category: string;
	categoryReason: string;
	severity: Severity;
	queue: Queue;
	openedAt: Date;
	dueAt: Date;
	script: string | null;
	summary: string;
}

export interface OpenTask {
	id: number;
	kind: TaskKind;
	groupKey: string;
	severity: Severity;
	dueAt: Date;
}

export interface NewTask extends PlannedEvent {
	id: number;
}

export interface SourceRow {
	followUpId: number;
	event: PlannedEvent;
	attached: boolean;
}

export interface Escalation {
	id: number;
	event: PlannedEvent;
}

export interface Plan {
	tasks: NewTask[];
	sources: SourceRow[];
	escalations: Escalation[];
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** `nextId` hands out task ids (a sequence in production, a counter in tests). */
export function planTasks(events: PlannedEvent[], open: OpenTask[], nextId: () => number): Plan {
	const byGroup = new Map<string, OpenTask>();
	for (const t of open) byGroup.set(`${t.kind}|${t.groupKey}`, t);
	const plan: Plan = { tasks: [], sources: [], escalations: [] };
	const seen = new Set<string>();
	const ordered = [...events].sort(
		(a, b) =>
			a.eventAt.getTime() - b.eventAt.getTime() ||
			compare(a.sourceKind + a.sourceId, b.sourceKind + b.sourceId)
	);
	for (const event of ordered) {
		const sourceKey = `${event.sourceKind}|${event.sourceId}`;
		if (seen.has(sourceKey)) continue;
		seen.add(sourceKey);
		const group = `${event.kind}|${event.groupKey}`;
		const task = byGroup.get(group);
		if (!task) {
			const id = nextId();
			plan.tasks.push({ ...event, id });
			plan.sources.push({ followUpId: id, event, attached: false });
			byGroup.set(group, {
				id,
				kind: event.kind,
				groupKey: event.groupKey,
				severity: event.severity,
				dueAt: event.dueAt
			});
			continue;
		}
		plan.sources.push({ followUpId: task.id, event, attached: true });
		if (RANK[event.severity] > RANK[task.severity]) {
			plan.escalations.push({ id: task.id, event });
			task.severity = event.severity;
			if (event.dueAt < task.dueAt) task.dueAt = event.dueAt;
			const fresh = plan.tasks.find((t) => t.id === task.id);
			if (fresh) Object.assign(fresh, escalated(fresh, event));
		}
	}
	// An escalation of a task created in this same run is already folded into the new row.
	const created = new Set(plan.tasks.map((t) => t.id));
	plan.escalations = plan.escalations.filter((e) => !created.has(e.id));
	return plan;
}

function escalated(task: NewTask, event: PlannedEvent): Partial<NewTask> {
	return {
		category: event.category,
		categoryReason: event.categoryReason,
		severity: event.severity,
		queue: event.queue,
		dueAt: event.dueAt < task.dueAt ? event.dueAt : task.dueAt
	};
}

/** Code-point order, like the contract's tie-breaks (localeCompare would depend on the locale). */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
