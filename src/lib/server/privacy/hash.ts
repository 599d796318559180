// The md5 DuckDB's md5() gives for the same text (hex of the UTF-8 bytes), so JS and SQL agree on
// which texts the redactor has been over.
import { createHash } from 'node:crypto';

export function md5(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}
