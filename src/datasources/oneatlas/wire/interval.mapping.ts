import type { DateRange, NumberRange } from '../../../domain/ranges.js';

/**
 * Ranges in the OpenSearch interval notation the order and search APIs read (notes §2.4: `[a,b[`):
 * `[` includes its bound, `[` after a bound excludes it, and a missing side is written by leaving it
 * out (`[a` from a on, `b[` before b), as OGC's OpenSearch parameter extension writes open intervals.
 */

/** Dates, `from` included and `to` excluded, as millisecond UTC timestamps. */
export function dateRangeToWire(range: DateRange | null): string | undefined {
  if (range === null) return undefined;
  const from = range.from?.toISOString();
  const to = range.to?.toISOString();
  if (from !== undefined && to !== undefined) return `[${from},${to}[`;
  if (from !== undefined) return `[${from}`;
  return to === undefined ? undefined : `${to}[`;
}

/** Numbers, both bounds included (the search guide's `"cloudCover": "[0,30]"`). */
export function numberRangeToWire(range: NumberRange | null): string | undefined {
  if (range === null) return undefined;
  const { min, max } = range;
  if (min !== null && max !== null) return `[${min},${max}]`;
  if (min !== null) return `[${min}`;
  return max === null ? undefined : `${max}]`;
}
