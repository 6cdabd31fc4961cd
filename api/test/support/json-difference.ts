/**
 * The first place two JSON values differ, as a path (`$.items[3].pValue`) with both values, or null when they
 * agree. Counts are compared exactly: two integers must be equal, so a count off by one, a withheld count that
 * is published on one side (null against a number) or a different `suppressed`/`reason` marker always shows.
 * Any other number is a statistic (a mean, SD, p-value, effect size, percentage…) and may differ by floating-point
 * rounding alone: within `tolerance` relative to the larger of the two, or absolutely near zero. Arrays compare in
 * order (the order rows are shown in is part of a report); objects by their keys, a key missing on one side
 * included (an undefined property counts as missing, as it would after JSON serialisation).
 */
export function jsonDifference(
  actual: unknown,
  expected: unknown,
  tolerance = 1e-12,
  path = '$',
): string | null {
  const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));
  const differ = () => `${path}: ${show(actual)} where the reference has ${show(expected)}`;
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (Number.isNaN(actual) || Number.isNaN(expected))
      return Number.isNaN(actual) && Number.isNaN(expected) ? null : differ();
    if (Number.isInteger(actual) && Number.isInteger(expected)) return actual === expected ? null : differ();
    const gap = Math.abs(actual - expected);
    const scale = Math.max(Math.abs(actual), Math.abs(expected));
    return gap <= tolerance * scale || gap <= tolerance ? null : differ();
  }
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return differ();
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      if (i >= actual.length || i >= expected.length)
        return `${path}: ${actual.length} entries where the reference has ${expected.length} (first extra: ${show(
          i >= actual.length ? expected[i] : actual[i],
        )})`;
      const difference = jsonDifference(actual[i], expected[i], tolerance, `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isObject(actual) && isObject(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].filter(
      (key) => actual[key] !== undefined || expected[key] !== undefined,
    );
    for (const key of keys) {
      const difference = jsonDifference(
        actual[key],
        expected[key],
        tolerance,
        /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
      );
      if (difference) return difference;
    }
    return null;
  }
  if (actual instanceof Date || expected instanceof Date)
    return String(actual) === String(expected) ? null : differ();
  return Object.is(actual, expected) ? null : differ();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}
