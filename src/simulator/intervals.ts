/**
 * OpenSearch interval notation, as the order and search APIs read their range filters (notes §2.4
 * `[a,b[`; the search guide `[0,30]`): `[` or `]` before a bound, `]` or `[` after it, a bracket on
 * the bound's side saying whether it is included; one bound alone (`[a`, `b]`) leaves the other side
 * open. Anything else is a 400, as the upstream refuses what it cannot read.
 */
import { badRequest } from './upstream-error.js';

export interface Interval {
  lower: { value: number; included: boolean } | null;
  upper: { value: number; included: boolean } | null;
}

export function intervalContains(interval: Interval, value: number): boolean {
  const { lower, upper } = interval;
  if (lower !== null && (lower.included ? value < lower.value : value <= lower.value)) return false;
  if (upper !== null && (upper.included ? value > upper.value : value >= upper.value)) return false;
  return true;
}

const CLOSED_PAIR = /^([[\]])([^,[\]]+),([^,[\]]+)([[\]])$/;
const LOWER_ONLY = /^([[\]])([^,[\]]+)$/;
const UPPER_ONLY = /^([^,[\]]+)([[\]])$/;

/** Reads `text` with `bound` reading each side (a date, a number), or answers 400 naming `name`. */
export function parseInterval(
  name: string,
  text: string,
  bound: (value: string) => number | undefined,
): Interval {
  const read = (value: string): number => {
    const parsed = bound(value.trim());
    if (parsed === undefined) throw invalid(name, text);
    return parsed;
  };
  const pair = CLOSED_PAIR.exec(text);
  if (pair !== null) {
    const [, open = '', from = '', to = '', close = ''] = pair;
    const interval = {
      lower: { value: read(from), included: open === '[' },
      upper: { value: read(to), included: close === ']' },
    };
    if (interval.lower.value > interval.upper.value) throw invalid(name, text);
    return interval;
  }
  const lowerOnly = LOWER_ONLY.exec(text);
  if (lowerOnly !== null) {
    const [, open = '', from = ''] = lowerOnly;
    return { lower: { value: read(from), included: open === '[' }, upper: null };
  }
  const upperOnly = UPPER_ONLY.exec(text);
  if (upperOnly !== null) {
    const [, to = '', close = ''] = upperOnly;
    return { lower: null, upper: { value: read(to), included: close === ']' } };
  }
  throw invalid(name, text);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function dateBound(value: string): number | undefined {
  const parsed = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function numberBound(value: string): number | undefined {
  const parsed = value === '' ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function invalid(name: string, text: string) {
  return badRequest(
    `${name} must be an interval such as [a,b[, [a or b], got '${text}'.`,
    'INVALID_PARAMETER',
  );
}
