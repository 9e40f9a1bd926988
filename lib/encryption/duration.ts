/** ISO-8601 durations of whole years, months, weeks and days, as Key Vault rotation policies take them. */
const DURATION = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** The rule text of {@link DURATION}. */
export const DURATION_RULE = 'must be an ISO-8601 duration of years, months, weeks and days, e.g. "P1Y", "P90D", "P1Y6M"';

/**
 * Bounds of a duration in days, or undefined when it is not a duration of this form.
 * Months are 28 to 31 days and years 365 to 366, so a comparison uses the bound that makes
 * the check safe.
 */
export function durationDays(value: string): { min: number; max: number } | undefined {
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const [y, mo, w, d] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x)));
  const fixed = w * 7 + d;
  return { min: y * 365 + mo * 28 + fixed, max: y * 366 + mo * 31 + fixed };
}
