// Argument parsing shared by commands: node's parseArgs with errors turned into one sentence.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class CliError extends Error {
	readonly exitCode: number;
	constructor(message: string, exitCode = 2) {
		super(message);
		this.exitCode = exitCode;
	}
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
	args: string[],
	options: T,
	usage: string,
	allowPositionals = false
) {
	try {
		return parseArgs({ args, options, allowPositionals, strict: true });
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		throw new CliError(`${message.replace(/\.$/, '')}. Usage: ${usage}`);
	}
}

export type OutputFormat = 'json' | 'csv' | 'table';

export function parseFormat(
	value: string | undefined,
	allowed: OutputFormat[],
	fallback: OutputFormat
): OutputFormat {
	if (value === undefined) return fallback;
	if ((allowed as string[]).includes(value)) return value as OutputFormat;
	throw new CliError(`--format must be one of ${allowed.join(', ')}, not "${value}".`);
}
