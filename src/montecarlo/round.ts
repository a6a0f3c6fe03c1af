/** Rounds to 6 decimals, so reported figures print the same on every machine. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
