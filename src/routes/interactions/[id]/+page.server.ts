// One interaction: contact, surveys, transcript with sentiment, QA and tasks. Patient-identifying,
// so every view is audited with who, which interaction and patient, and from where.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { accessFor, roleMayOpen } from '$lib/server/auth/access.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import { getInteractionDetail } from '$lib/server/dashboard/detail.ts';
import { agentNames } from '$lib/server/roster.ts';

export const load = (async (event) => {
	const user = guard(event);
	const id = event.params.id;
	if (id.length > 200) error(404, 'There is no interaction with this id.');
	const db = await getDb();
	const detail = await getInteractionDetail(db, id);
	if (!detail) error(404, `There is no interaction "${id}". It may not be imported yet.`);
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'interaction',
		subjectId: id,
		patientId: detail.interaction.patientId,
		ip: event.getClientAddress()
	});
	// Whoever the correction route admits sees its forms (that route checks again on post).
	const mayCorrect = roleMayOpen(accessFor('/interactions/[id]/label'), user.role);
	const names = await agentNames(db, [detail.interaction.agentId]);
	return { ...detail, mayCorrect, names };
}) satisfies PageServerLoad;
