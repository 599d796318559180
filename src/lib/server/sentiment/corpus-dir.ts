// Where the public training corpora live. They never enter the repository (nor rows made from
// them): the team keeps them in a `shared/data/sentiment` folder beside the checkout, so a
// checkout at /work/main reads /work/shared/data/sentiment. A worktree deeper down (e.g.
// /work/wt/x) finds the same folder by walking up. CARELOOP_SENTIMENT_CORPUS or --corpus wins.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CORPUS_ENV = 'CARELOOP_SENTIMENT_CORPUS';
const RELATIVE = join('shared', 'data', 'sentiment');

/** The file every corpus folder must hold; its absence means "not the corpus folder". */
export const CORPUS_MARKER = 'sst2-glue-phrases.csv';

export class CorpusNotFoundError extends Error {}

/** The first `<ancestor>/shared/data/sentiment` above `from` (the repo root), or null. */
export function findCorpusDir(from: string = process.cwd()): string | null {
	let dir = resolve(from);
	for (;;) {
		const parent = dirname(dir);
		const candidate = join(parent, RELATIVE);
		if (existsSync(join(candidate, CORPUS_MARKER))) return candidate;
		if (parent === dir) return null;
		dir = parent;
	}
}

/** The corpus folder to train on: an explicit one, the environment's, else the shared one. */
export function resolveCorpusDir(explicit?: string, env = process.env): string {
	const chosen = explicit?.trim() || env[CORPUS_ENV]?.trim();
	const dir = chosen ? resolve(chosen) : findCorpusDir();
	if (dir && existsSync(join(dir, CORPUS_MARKER))) return dir;
	throw new CorpusNotFoundError(
		`${dir ? `${dir} does not hold the sentiment corpora (no ${CORPUS_MARKER})` : `No sentiment corpora found in ../${RELATIVE} above this checkout`}: download the public datasets as the README's "Sentiment" section says and pass their folder with --corpus DIR (or ${CORPUS_ENV}).`
	);
}
