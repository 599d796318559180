// What every calibration page does first: the session from the URL (404 when there is none).
import { error } from '@sveltejs/kit';
import type { Db } from '../../db/index.ts';
import { getSession } from './sessions.ts';

export async function sessionFromParam(db: Db, param: string) {
	const id = Number(param);
	const session = Number.isInteger(id) && id > 0 ? await getSession(db, id) : null;
	if (!session) error(404, 'There is no such calibration session.');
	return session;
}
