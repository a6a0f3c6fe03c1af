/** A mistake in how the command was called: exit status 2, nothing written. */
export class UsageError extends Error {}

/** Exit statuses promised in the contract. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
