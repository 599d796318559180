// `careloop ingest --preset NAME | --mapping FILE [--source-tz ZONE] [--sheet NAME]`: the choice
// of how vendor files are read, checked before the database opens.
import { readFile } from 'node:fs/promises';
import { CliError } from '../lib/args.ts';
import type { Kind } from '../../src/lib/server/ingest/spec.ts';
import {
	choiceKind,
	PRESETS,
	type SourceChoice
} from '../../src/lib/server/ingest/presets/index.ts';
import { parseMapping } from '../../src/lib/server/ingest/presets/mapping.ts';
import { checkZone } from '../../src/lib/server/ingest/presets/time.ts';

interface Flags {
	preset?: string;
	mapping?: string;
	'source-tz'?: string;
	sheet?: string;
}

const oneSentence = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function sourceChoice(
	values: Flags,
	kind: Kind | undefined
): Promise<{ choice: SourceChoice; kind?: Kind } | null> {
	if (values.preset !== undefined && values.mapping !== undefined)
		throw new CliError('Give --preset or --mapping, not both.');
	if (values['source-tz'] !== undefined) {
		try {
			checkZone(values['source-tz']);
		} catch (err) {
			throw new CliError(oneSentence(err));
		}
	}
	if (values.preset === undefined && values.mapping === undefined) {
		if (values['source-tz'] !== undefined)
			throw new CliError('--source-tz applies to files read with --preset or --mapping.');
		return values.sheet ? { choice: { sheet: values.sheet }, kind } : null;
	}
	const choice: SourceChoice = {
		sheet: values.sheet,
		sourceTimeZone: values['source-tz']
	};
	if (values.preset !== undefined) {
		if (!PRESETS.some((p) => p.name === values.preset))
			throw new CliError(
				`There is no preset "${values.preset}"; the presets are ${PRESETS.map((p) => p.name).join(', ')}.`
			);
		choice.preset = values.preset;
	} else {
		let text: string;
		try {
			text = await readFile(values.mapping as string, 'utf8');
		} catch {
			throw new CliError(`The mapping file ${values.mapping} cannot be read.`);
		}
		try {
			choice.mapping = parseMapping(JSON.parse(text));
		} catch (err) {
			throw new CliError(
				err instanceof SyntaxError
					? `The mapping file ${values.mapping} is not valid JSON.`
					: oneSentence(err)
			);
		}
	}
	const made = choiceKind(choice);
	if (kind !== undefined && kind !== made)
		throw new CliError(
			`The ${values.preset ? `${values.preset} preset` : 'mapping'} makes ${made} rows, not ${kind}.`
		);
	return { choice, kind: made };
}
