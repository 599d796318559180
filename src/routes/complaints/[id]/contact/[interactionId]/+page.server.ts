// A contact behind a follow-up, for the person working it: the interaction's facts and what was
// said (transcript or message thread). Only an interaction that opened the task or one of its
// patient's recent contacts, and only for someone who may see the task; every view is audited.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { actorFor, getTask } from '$lib/server/loop/index.ts';
import { triggeringInteractions } from '$lib/server/loop/context.ts';
import { getInteractionForReview } from '$lib/server/qa/index.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { formatLocal } from '$lib/server/time/index.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	const id = Number(event.params.id);
	const interactionId = event.params.interactionId;
	const task = Number.isInteger(id) && id > 0 ? await getTask(db, actor, id) : null;
	if (!task) error(404, 'There is no such follow-up in your queues.');
	const related = new Set([
		...(await triggeringInteractions(db, id)).map((t) => t.interactionId),
		...(task.patient?.interactions ?? []).map((i) => String(i.interaction_id))
	]);
	if (!related.has(interactionId))
		error(404, 'This contact is not one of this follow-up’s or its patient’s recent contacts.');
	const interaction = await getInteractionForReview(db, interactionId);
	if (!interaction) error(404, 'There is no such contact.');
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'interaction',
		subjectId: interactionId,
		patientId: interaction.patientId,
		ip: event.getClientAddress(),
		detail: { page: 'follow_up.contact', followUp: id }
	});
	const tz = (await getSettings(db)).siteTimeZone;
	return {
		taskId: id,
		interaction: { ...interaction, startedAtText: formatLocal(interaction.startedAt, tz) }
	};
}) satisfies PageServerLoad;
