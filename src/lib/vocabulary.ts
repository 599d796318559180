// Words the data contract fixes and both the server and the browser need (filters, forms, the
// import checks). One list each; server-only business decisions live in
// src/lib/server/semantic/decisions.ts.

/** Contact channels (data contract, interactions.channel), in the order pages list them. */
export const CHANNELS = ['voice', 'chat', 'sms', 'email', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Interaction directions (interactions.direction; inbound when absent). */
export const DIRECTIONS = ['inbound', 'outbound'] as const;
