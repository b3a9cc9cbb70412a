/**
 * Checks of an upstream answer's shape, at the wire boundary: JSON that parses but lacks a field the
 * mapping needs (`{"notContracts":[]}`, `{"icr":null}`) is the upstream's fault, not the gateway's,
 * and must not surface as a TypeError deep inside a resolver. The mapping modules read answers
 * through these helpers; the APIs turn a `WireShapeError` into the documented upstream error.
 */

import { ErrorCode } from '../../../errors.js';
import type { AnswerReader } from '../../http/upstream-client.js';
import { SERVICE_LABEL, UpstreamError, type UpstreamName } from '../../upstream-errors.js';

/** The `upstreamCode` of an answer that parsed as JSON but lacks what the mapping needs. */
export const MALFORMED_RESPONSE = 'MALFORMED_RESPONSE';

/** An answer lacking a required field; `where` is the path into the answer, e.g. `contracts[2].contractId`. */
export class WireShapeError extends Error {
  constructor(
    readonly where: string,
    expected: string,
  ) {
    super(`${where}: expected ${expected}`);
    this.name = 'WireShapeError';
  }
}

export type WireRecord = Record<string, unknown>;

export function wireRecord(value: unknown, where: string): WireRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireShapeError(where, 'an object');
  }
  return value as WireRecord;
}

export function wireArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new WireShapeError(where, 'an array');
  return value;
}

/** The field `key` of `record` must be present: the mapping cannot stand in for it. */
export function requiredString(record: WireRecord, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new WireShapeError(`${where}.${key}`, 'a string');
  return value;
}

export function requiredNumber(record: WireRecord, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WireShapeError(`${where}.${key}`, 'a number');
  }
  return value;
}

export function requiredBoolean(record: WireRecord, key: string, where: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') throw new WireShapeError(`${where}.${key}`, 'true or false');
  return value;
}

/**
 * Checks each item of the array at `record[key]` with `check`, then maps the typed answer. The
 * wire types stay the mappers' vocabulary; this only proves the answer deserves them.
 */
export function checkedList(
  record: WireRecord,
  key: string,
  where: string,
  check: (item: WireRecord, where: string) => void,
): void {
  wireArray(record[key], `${where}.${key}`).forEach((item, index) => {
    const path = `${where}.${key}[${index}]`;
    check(wireRecord(item, path), path);
  });
}

/** Runs `parse` on a text field (a date, a WKT geometry), reporting a failure as a shape error. */
export function parsedField<T>(where: string, expected: string, parse: () => T): T {
  let value: T;
  try {
    value = parse();
  } catch {
    throw new WireShapeError(where, expected);
  }
  if (value instanceof Date && Number.isNaN(value.getTime())) throw new WireShapeError(where, expected);
  return value;
}

/**
 * Maps an answer, reporting one of the wrong shape as the upstream's failure (UPSTREAM_UNAVAILABLE,
 * upstreamCode MALFORMED_RESPONSE) rather than as a gateway bug. The message names the path into
 * the answer, never a value from it.
 */
export function mapAnswer<T>(upstream: UpstreamName, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof WireShapeError)) throw error;
    throw new UpstreamError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${SERVICE_LABEL[upstream]} sent an answer of the wrong shape (${error.message}).`,
      { upstream, upstreamCode: MALFORMED_RESPONSE },
    );
  }
}

/**
 * `map` as the HTTP client's reader of a 2xx answer: it runs while the call still holds its turn, so
 * an answer of the wrong shape counts as the upstream's failure for the circuit breaker and retries.
 */
export function checkedAnswer<T>(upstream: UpstreamName, map: (answer: unknown) => T): AnswerReader<T> {
  return (answer) => mapAnswer(upstream, () => map(answer));
}
