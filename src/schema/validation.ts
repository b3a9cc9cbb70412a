import type { InputProblems } from '../domain/input-problems.js';
import { MAX_AOIS } from '../domain/order.js';
import type { DateRange, NumberRange } from '../domain/ranges.js';
import { badUserInput } from '../errors.js';

/**
 * Input rules shared by every input type; each failure names the field and the rule.
 *
 * Every string a client sends is checked here, first: before it reaches a log line, a journal row,
 * a cache key or the upstream. The bounds live in one table (`INPUT_LIMITS`), which the README's
 * "Input limits" section mirrors.
 */

/** A character set a client string must stay within, with the words the error and the README use. */
export interface Charset {
  pattern: RegExp;
  description: string;
}

/** Letters, digits, `_`, `.` and `-`, not starting with a dot: no comma or space can split an id list, no `/` or `..` can climb a path. */
const IDENTIFIER: Charset = {
  pattern: /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/,
  description: "letters, digits, '_', '.' and '-' (not starting with '.')",
};
/** Upstream codes and option keys: `processing_level`, `NQUAL`, `PleiadesTaskingOneDay`. */
const CODE: Charset = { pattern: /^[A-Za-z0-9_]+$/, description: "letters, digits and '_'" };
/** One line of printable text: no control, format, surrogate or private-use characters (so no NUL). */
const PRINTABLE: Charset = {
  pattern: /^[^\p{C}]+$/u,
  description: 'printable characters (no control characters)',
};
/** Free text over several lines: printable characters, line breaks and tabs. */
const MULTILINE: Charset = {
  pattern: /^(?:[^\p{C}]|[\n\r\t])+$/u,
  description: 'printable characters, line breaks and tabs',
};

export interface TextRule {
  /** Characters (Unicode code points), after surrounding whitespace is trimmed. */
  max: number;
  charset: Charset;
}

/** The bounds of every client string, by what it is. Ids are checked against their format, not only their length. */
export const INPUT_LIMITS = {
  /** CIS contract id, e.g. CTR21000411. */
  contractId: { max: 64, charset: IDENTIFIER },
  /** Tasking id, e.g. ICR_FC_0000003 (also a federation `Tasking` key). */
  taskingId: { max: 64, charset: IDENTIFIER },
  /** Segment id, e.g. AS_FC_0000003_1_1. */
  segmentId: { max: 64, charset: IDENTIFIER },
  /** Pléiades Neo order item id (also a federation `NeoOrderItem` key). */
  orderItemId: { max: 64, charset: IDENTIFIER },
  /** Pléiades Neo quotation id. */
  quotationId: { max: 64, charset: IDENTIFIER },
  /** Pléiades Neo coverage item id. */
  coverageItemId: { max: 64, charset: IDENTIFIER },
  /** Any `@key` field of a federation representation (every entity of this subgraph is keyed by an id). */
  entityKey: { max: 64, charset: IDENTIFIER },
  /** Delivery workspace id (a UUID). */
  workspaceId: { max: 64, charset: IDENTIFIER },
  productTypeId: { max: 64, charset: CODE },
  /** The key of tracking and billing, and the default idempotency key. */
  customerReference: { max: 64, charset: PRINTABLE },
  idempotencyKey: { max: 64, charset: PRINTABLE },
  /** Opaque, from `attempts`: the guide's sample is a 128-digit hash and a JSON list of the pass's properties. */
  segmentKey: { max: 8192, charset: PRINTABLE },
  aoiName: { max: 128, charset: PRINTABLE },
  comments: { max: 1000, charset: MULTILINE },
  programReference: { max: 64, charset: PRINTABLE },
  market: { max: 32, charset: CODE },
  endUserName: { max: 128, charset: PRINTABLE },
  feasibilityValue: { max: 32, charset: CODE },
  automationName: { max: 64, charset: PRINTABLE },
  optionKey: { max: 64, charset: CODE },
  optionValue: { max: 256, charset: PRINTABLE },
  extraPropertyKey: { max: 64, charset: CODE },
  extraPropertyValue: { max: 1024, charset: PRINTABLE },
  email: { max: 254, charset: PRINTABLE },
} as const satisfies Record<string, TextRule>;

/** The most entries each list input may hold. */
export const LIST_LIMITS = {
  options: 50,
  /** OneNow's passes: `attempts` offers a few a day over 7 days. */
  acquisitionPeriods: 20,
  extraProperties: 20,
  notifyEmails: 10,
  endUsers: 10,
} as const;

/** The client string, trimmed, when it is within its rule. */
export function checkedText(field: string, value: string, rule: TextRule): string {
  const text = value.trim();
  if (text.length === 0) throw badUserInput(field, 'must not be empty');
  // A code point takes at most two UTF-16 units: longer strings are refused without being walked.
  if (text.length > rule.max * 2 || [...text].length > rule.max) {
    throw badUserInput(field, `must be at most ${rule.max} characters`);
  }
  if (!rule.charset.pattern.test(text)) {
    throw badUserInput(field, `may only hold ${rule.charset.description}`);
  }
  return text;
}

/** Like `checkedText`, for an optional string: absent or blank is null. */
export function optionalCheckedText(
  field: string,
  value: string | null | undefined,
  rule: TextRule,
): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  return checkedText(field, value, rule);
}

/** The list, when it holds at most `max` entries. */
export function boundedList<T>(field: string, values: readonly T[] | null | undefined, max: number): T[] {
  const list = values ?? [];
  if (list.length > max) throw badUserInput(field, `may hold at most ${max} entries, got ${list.length}`);
  return [...list];
}

export function inRange(
  field: string,
  value: number | null | undefined,
  min: number,
  max: number,
): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badUserInput(field, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

export function nonEmptyList<T>(field: string, values: readonly T[]): T[] {
  if (values.length === 0) throw badUserInput(field, 'must list at least one value');
  return [...new Set(values)];
}

export function orderedWindow(field: string, start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) {
    throw badUserInput(`${field}.end`, 'must be after window.start');
  }
}

/** The contract a call runs against: the argument (checked against the contract id format), or the gateway's configured contract. */
export function contractIdOrDefault(
  contractId: string | null | undefined,
  defaultContractId: string,
  field = 'contractId',
): string {
  return optionalCheckedText(field, contractId, INPUT_LIMITS.contractId) ?? defaultContractId;
}

/** A filter's date range, checked: at least one bound, `from` not after `to`. */
export function checkedDateRange(
  field: string,
  range: { from?: Date | null; to?: Date | null } | null | undefined,
): DateRange | null {
  if (range === null || range === undefined) return null;
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from === null && to === null) throw badUserInput(field, 'needs `from`, `to` or both');
  if (from !== null && to !== null && from.getTime() > to.getTime()) {
    throw badUserInput(field, '`from` must not be after `to`');
  }
  return { from, to };
}

/** A filter's number range, checked: at least one bound, each within [lowest, highest], `min` not above `max`. */
export function checkedNumberRange(
  field: string,
  range: { min?: number | null; max?: number | null } | null | undefined,
  lowest: number,
  highest: number,
): NumberRange | null {
  if (range === null || range === undefined) return null;
  const min = inRange(`${field}.min`, range.min, lowest, highest);
  const max = inRange(`${field}.max`, range.max, lowest, highest);
  if (min === null && max === null) throw badUserInput(field, 'needs `min`, `max` or both');
  if (min !== null && max !== null && min > max) throw badUserInput(field, '`min` must not be above `max`');
  return { min, max };
}

/** An AOI's id ends its per-AOI option names (`dem_2`): kept to a number a form shows as such. */
export const AOI_IDS = { min: 1, max: 99 } as const;

/**
 * Several AOIs of one order, as `field` lists them: 1 to MAX_AOIS (Airbus' limit), each id within
 * AOI_IDS and its own. Each breach is recorded in `problems`; false when the list's length is wrong
 * (its entries are then not judged).
 */
export function checkedAoiList(
  field: string,
  aois: readonly { id: number }[],
  problems: InputProblems,
): boolean {
  if (aois.length === 0 || aois.length > MAX_AOIS) {
    problems.add({
      field,
      message: `must hold 1 to ${MAX_AOIS} AOIs (Airbus' limit per order), got ${aois.length}`,
    });
    return false;
  }
  const seen = new Set<number>();
  aois.forEach(({ id }, index) => {
    if (!Number.isInteger(id) || id < AOI_IDS.min || id > AOI_IDS.max) {
      problems.add({
        field: `${field}[${index}].id`,
        message: `must be between ${AOI_IDS.min} and ${AOI_IDS.max}`,
      });
    } else if (seen.has(id)) {
      problems.add({
        field: `${field}[${index}].id`,
        message: `${id} is the id of an earlier AOI; give each its own`,
      });
    }
    seen.add(id);
  });
  return true;
}
