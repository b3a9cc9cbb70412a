import type { Polygon } from '../../../domain/geo.js';
import { polygonFromWkt } from './geometry.mapping.js';

/**
 * The footprint of the pass a `segmentKey` was computed for, when the key has the guide's shape
 * (`<signature>::[{"key":"geometryWkt","value":"POLYGON(…)"},…]`, guide step 3); null when it does
 * not, or its footprint does not read. The key is the upstream's opaque token: nothing else is taken
 * from it, and a key of another shape is left to the upstream.
 */
export function segmentKeyFootprint(segmentKey: string): Polygon | null {
  const separatorAt = segmentKey.indexOf('::');
  if (separatorAt < 0) return null;
  try {
    const properties: unknown = JSON.parse(segmentKey.slice(separatorAt + 2));
    if (!Array.isArray(properties)) return null;
    const geometry = properties.find(
      (property: unknown) =>
        typeof property === 'object' &&
        property !== null &&
        (property as { key?: unknown }).key === 'geometryWkt',
    ) as { value?: unknown } | undefined;
    return typeof geometry?.value === 'string' ? polygonFromWkt(geometry.value) : null;
  } catch {
    return null;
  }
}
