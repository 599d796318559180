// The demo's patients file (the optional patients kind): every patient of the pool with the name
// and date of birth the transcripts use, and a phone number from the range set aside for fiction
// (555-0100 to 555-0199), so a demo never prints a real person's number.
import { Rng } from './random.ts';
import type { Patient } from './world.ts';

export const PATIENT_COLUMNS = ['patient_id', 'name', 'phone', 'date_of_birth'] as const;

const MONTHS =
	'January February March April May June July August September October November December'.split(
		' '
	);
const AREA_CODES = ['212', '312', '415', '503', '617', '702', '713', '808', '919'];

/** "January 10, 1939" (as spoken in the transcripts) → "1939-01-10". */
export function isoBirthDate(born: string): string {
	const m = /^(\w+) (\d{1,2}), (\d{4})$/.exec(born);
	if (!m) throw new Error(`Unexpected demo birth date "${born}".`);
	const month = MONTHS.indexOf(m[1]) + 1;
	return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

export function patientRecords(seed: number, patients: Patient[]) {
	const rng = new Rng(seed, 'phones');
	return patients.map((p) => ({
		patient_id: p.id,
		name: p.name,
		phone: `(${rng.pick(AREA_CODES)}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`,
		date_of_birth: isoBirthDate(p.born)
	}));
}
