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
