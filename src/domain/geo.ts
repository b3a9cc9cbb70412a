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

/**
 * Whether two edges of a closed ring that do not follow each other cross or touch; the first such
 * pair ends the search. It is turf's `kinks` test (which it replaced) with the same arithmetic, so
 * it refuses exactly what kinks refused (parallel edges never count; a repeated position does):
 * kinks lists every crossing, and a star-shaped ring of 1000 positions has half a million of them,
 * most of a second of CPU for one polygon. A ring without any crossing still costs n²/2 edge pairs,
 * which is why an operation's positions are bounded (`polygonPositionsPlugin`).
 */
export function ringCrossesItself(ring: readonly Position[]): boolean {
  // Copied into flat arrays: destructuring a position per edge pair made the loop ten times slower.
  const xs = Float64Array.from(ring, (position) => position[0]);
  const ys = Float64Array.from(ring, (position) => position[1]);
  const edges = ring.length - 1;
  for (let first = 0; first < edges; first += 1) {
    const x1 = xs[first] as number;
    const y1 = ys[first] as number;
    const x2 = xs[first + 1] as number;
    const y2 = ys[first + 1] as number;
    // The first and last edges meet at the ring's closing position, as neighbours do.
    const lastOther = first === 0 ? edges - 1 : edges;
    for (let other = first + 2; other < lastOther; other += 1) {
      const x3 = xs[other] as number;
      const y3 = ys[other] as number;
      const x4 = xs[other + 1] as number;
      const y4 = ys[other + 1] as number;
      if (segmentsMeet(x1, y1, x2, y2, x3, y3, x4, y4)) return true;
    }
  }
  return false;
}

/** Whether segment 1→2 and segment 3→4, not parallel, share a point (an end included). */
function segmentsMeet(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
): boolean {
  const denominator = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1);
  if (denominator === 0) return false;
  const dy = y1 - y3;
  const dx = x1 - x3;
  const alongFirst = ((x4 - x3) * dy - (y4 - y3) * dx) / denominator;
  const alongOther = ((x2 - x1) * dy - (y2 - y1) * dx) / denominator;
  return alongFirst >= 0 && alongFirst <= 1 && alongOther >= 0 && alongOther <= 1;
}
