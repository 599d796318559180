// "Name (id)" beside an agent id wherever ids are shown; the id alone when the roster lacks it.
// Shared by pages, CSV exports and the CLI, so every place says it the same way.
export type AgentNames = Record<string, string>;

export function agentLabel(id: string | null, names: AgentNames): string {
	if (id === null) return '–';
	const name = Object.hasOwn(names, id) ? names[id] : null;
	return name ? `${name} (${id})` : id;
}

export const agentName = (id: string | null, names: AgentNames): string | null =>
	id !== null && Object.hasOwn(names, id) ? names[id] : null;
