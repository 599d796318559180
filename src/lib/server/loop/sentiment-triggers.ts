// Sentiment triggers (issue 5's scores): a survey comment rated negative above a threshold, and a
// transcript whose patient sentiment at the end of the call is strongly negative.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ComplaintCandidate, Window } from './detect.ts';
import type { LoopSettings } from './settings.ts';

export async function findSentimentCandidates(
	_conn: DuckDBConnection,
	_w: Window,
	_s: Pick<LoopSettings, 'commentNegativeMin' | 'transcriptEndMax'>
): Promise<ComplaintCandidate[]> {
	return [];
}
