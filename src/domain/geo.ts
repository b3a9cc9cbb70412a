/** A lon/lat position (WGS84); an altitude sent by a client is dropped at the edge. */
export type Position = [longitude: number, latitude: number];

/** A GeoJSON polygon with exactly one closed outer ring (the upstream accepts no holes). */
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface Point {
  type: 'Point';
  coordinates: Position;
}

/** How far outside a ring a position may lie and still count as on it, in degrees (about 1 mm). */
const ON_RING_TOLERANCE_DEGREES = 1e-8;

/**
 * Whether every corner of `inner` lies inside `outer` or on its ring. Enough for the footprints it is
 * used with (convex strips): a corner outside says for sure that `inner` is not covered.
 */
export function cornersWithin(inner: Polygon, outer: Polygon): boolean {
  const ring = outer.coordinates[0] ?? [];
  return (inner.coordinates[0] ?? []).every(
    (position) => onRing(position, ring) || insideRing(position, ring),
  );
}

/** Ray casting: a horizontal ray from the position crosses the ring an odd number of times. */
function insideRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index] as Position;
    const [xj, yj] = ring[previous] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onRing(position: Position, ring: readonly Position[]): boolean {
  return ring.some((start, index) => {
    const end = ring[index + 1];
    return end !== undefined && distanceToSegment(position, start, end) <= ON_RING_TOLERANCE_DEGREES;
  });
}

function distanceToSegment([x, y]: Position, [x1, y1]: Position, [x2, y2]: Position): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  const along =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
  return Math.hypot(x - (x1 + along * dx), y - (y1 + along * dy));
}
