// redactText: the text with every identifier replaced by its tag ("[DOB]", "[PHONE]" …), and
// what was found. Tags never look like identifiers, so redacting twice changes nothing.
import { findPhi, type DetectOptions, type Finding } from './detect.ts';
import { TAGS } from './entities.ts';

/** Bumped whenever the recognisers change, so stored text is checked again. */
export const REDACTOR_VERSION = 1;

export function redactText(
	text: string,
	opts: DetectOptions = {}
): { text: string; findings: Finding[] } {
	const findings = findPhi(text, opts);
	let out = text;
	for (const f of [...findings].reverse())
		out = out.slice(0, f.start) + TAGS[f.entity] + out.slice(f.end);
	return { text: out, findings };
}
