import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) fixed by its inputs: the simulator's only source of "randomness" for passes and
 * acquisitions, so the same request gives the same answer every time and on every machine.
 */
export function unitHash(...parts: readonly (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A value in [min, max) fixed by its inputs, rounded to `decimals`. */
export function hashedBetween(
  min: number,
  max: number,
  decimals: number,
  ...parts: readonly (string | number)[]
): number {
  const factor = 10 ** decimals;
  return Math.round((min + (max - min) * unitHash(...parts)) * factor) / factor;
}

/** A UUID-shaped identifier fixed by its inputs (feature ids look like the catalogue's). */
export function hashedUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
