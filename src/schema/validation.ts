import { badUserInput } from '../errors.js';

/** Input rules shared by every input type; each failure names the field and the rule. */

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

export function nonEmptyText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badUserInput(field, 'must not be empty');
  return trimmed;
}

export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
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

/** The contract a call runs against: the argument, or the gateway's configured contract. */
export function contractIdOrDefault(
  contractId: string | null | undefined,
  defaultContractId: string,
): string {
  return optionalText(contractId) ?? defaultContractId;
}
