/** English collation, fixed: the machine's locale (LANG) must not reorder anything written. */
const english = new Intl.Collator('en');

/**
 * Orders text the same on every machine: English collation ('apple' before 'Zebra'),
 * whatever LANG says. localeCompare without a locale takes the process's from the environment,
 * so under LANG=lt_LT 'y' sorted beside 'i', and labels tied on a number (two inputs that
 * swing nothing) came out in another order: another sensitivity.json from the same run.
 *
 * @example ['Zebra', 'apple', 'y', 'j'].sort(byText)   // ['apple', 'j', 'y', 'Zebra']
 */
export function byText(a: string, b: string): number {
  return english.compare(a, b);
}
