/** Raised when an invariant fails under --check. */
export class InvariantError extends Error {}
