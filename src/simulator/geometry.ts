/** AOI parsing and the little geometry the simulator needs: geodesic area, bounding boxes, WKT. */
import { geojsonToWKT, wktToGeoJSON } from '@terraformer/wkt';
import geographiclib from 'geographiclib-geodesic';
import type { WirePolygon } from '../datasources/oneatlas/wire/types.js';
import { badRequest } from './upstream-error.js';

/** notes §5: "at most 999 vertices". */
const MAX_VERTICES = 999;

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

function isPosition(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((coordinate) => typeof coordinate === 'number' && Number.isFinite(coordinate))
  );
}

/**
 * Checks a GeoJSON Polygon the way the upstream does: one closed exterior ring (holes are refused),
 * WGS84 lon/lat positions that may carry an altitude (the guide's order sample sends 3D positions).
 */
export function parsePolygon(value: unknown, where: string): WirePolygon {
  const invalid = (reason: string) =>
    badRequest(`${where} is not a valid GeoJSON Polygon: ${reason}`, 'INVALID_AOI');
  if (typeof value !== 'object' || value === null) throw invalid('expected an object');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon') throw invalid(`type must be "Polygon", got ${JSON.stringify(type)}`);
  if (!Array.isArray(coordinates) || coordinates.length !== 1)
    throw invalid('expected exactly one ring, no holes');
  const ring: unknown = coordinates[0];
  if (!Array.isArray(ring) || !ring.every(isPosition))
    throw invalid('positions must be [lon, lat] or [lon, lat, alt]');
  if (ring.length < 4) throw invalid('a ring needs at least 4 positions');
  if (ring.length > MAX_VERTICES + 1) throw invalid(`at most ${MAX_VERTICES} vertices`);
  for (const [longitude = Number.NaN, latitude = Number.NaN] of ring) {
    if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) throw invalid('coordinates out of WGS84 range');
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1]) throw invalid('the ring is not closed');
  return { type: 'Polygon', coordinates: [ring] };
}

function exteriorRing(polygon: WirePolygon): number[][] {
  return polygon.coordinates[0] ?? [];
}

/** Geodesic area on the WGS84 ellipsoid (GeographicLib), in m², whatever the ring's orientation. */
export function geodesicAreaM2(polygon: WirePolygon): number {
  const area = geographiclib.Geodesic.WGS84.Polygon(false);
  // The closing position repeats the first one; GeographicLib closes the ring itself.
  for (const [longitude = 0, latitude = 0] of exteriorRing(polygon).slice(0, -1))
    area.AddPoint(latitude, longitude);
  return Math.abs(area.Compute(false, true).area ?? 0);
}

export function geodesicAreaKm2(polygon: WirePolygon): number {
  return geodesicAreaM2(polygon) / 1e6;
}

export function boundingBox(polygon: WirePolygon): BoundingBox {
  const longitudes = exteriorRing(polygon).map(([longitude = 0]) => longitude);
  const latitudes = exteriorRing(polygon).map(([, latitude = 0]) => latitude);
  return {
    west: Math.min(...longitudes),
    south: Math.min(...latitudes),
    east: Math.max(...longitudes),
    north: Math.max(...latitudes),
  };
}

/** The box widened by `fraction` of its size on every side: a pass images a strip wider than the AOI. */
export function growBox(box: BoundingBox, fraction: number): BoundingBox {
  const dx = (box.east - box.west) * fraction;
  const dy = (box.north - box.south) * fraction;
  return { west: box.west - dx, south: box.south - dy, east: box.east + dx, north: box.north + dy };
}

export function westHalf(box: BoundingBox): BoundingBox {
  return { ...box, east: (box.west + box.east) / 2 };
}

export function eastHalf(box: BoundingBox): BoundingBox {
  return { ...box, west: (box.west + box.east) / 2 };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function boxToPolygon(box: BoundingBox): WirePolygon {
  const west = round6(box.west);
  const east = round6(box.east);
  const south = round6(box.south);
  const north = round6(box.north);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, north],
        [west, south],
        [east, south],
        [east, north],
        [west, north],
      ],
    ],
  };
}

export function polygonToWkt(polygon: WirePolygon): string {
  return geojsonToWKT(polygon);
}

export function boxCenterWkt(box: BoundingBox): string {
  return geojsonToWKT({
    type: 'Point',
    coordinates: [round6((box.west + box.east) / 2), round6((box.south + box.north) / 2)],
  });
}

/** North–south extent of the box in km (one degree of latitude is ~111 km). */
export function boxHeightKm(box: BoundingBox): number {
  return (box.north - box.south) * 111.2;
}

/**
 * The AOI's extent in km, as the notes' per-sensor "max height" and "max width" read it for a
 * near-polar orbit (height along track, width across it). Height: the geodesic length of the meridian
 * arc from the ring's southernmost to its northernmost latitude. Width: the geodesic distance from its
 * westernmost to its easternmost longitude at the middle latitude of the two (on a 50 km span the
 * geodesic and the parallel's arc differ by millimetres). A ring crossing the antimeridian is not handled,
 * as elsewhere here.
 */
export function extentKm(polygon: WirePolygon): { heightKm: number; widthKm: number } {
  const box = boundingBox(polygon);
  const middleLatitude = (box.south + box.north) / 2;
  const distanceKm = (lat1: number, lon1: number, lat2: number, lon2: number) =>
    (geographiclib.Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12 ?? 0) / 1000;
  return {
    heightKm: distanceKm(box.south, box.west, box.north, box.west),
    widthKm: distanceKm(middleLatitude, box.west, middleLatitude, box.east),
  };
}

/** A pass's footprint: the AOI's bounding box, grown by a tenth on each side. */
export function footprintBoxOf(aoi: WirePolygon): BoundingBox {
  return growBox(boundingBox(aoi), 0.1);
}

/**
 * The footprint a pass over `aoi` has, as its segmentKey carries it (`geometryWkt`): prices and orders
 * compare it with their AOI's, so a key works only for the AOI it was computed for.
 */
export function passFootprintWkt(aoi: WirePolygon): string {
  return polygonToWkt(boxToPolygon(footprintBoxOf(aoi)));
}

/** A WKT POLYGON (the search API's `geometry`), checked as an AOI is; 400 otherwise. */
export function parseWktPolygon(wkt: string, where: string): WirePolygon {
  let geometry: unknown;
  try {
    geometry = wktToGeoJSON(wkt);
  } catch {
    throw badRequest(`${where} must be a WKT POLYGON.`, 'INVALID_PARAMETER');
  }
  return parsePolygon(geometry, where);
}

type Point = readonly [number, number];

/** Whether two polygons share any point: a vertex of one inside the other, or two edges crossing. */
export function polygonsIntersect(a: WirePolygon, b: WirePolygon): boolean {
  const ringA = outerRing(a);
  const ringB = outerRing(b);
  if (ringA.some((point) => inside(point, ringB)) || ringB.some((point) => inside(point, ringA))) return true;
  return edges(ringA).some(([p, q]) => edges(ringB).some(([r, s]) => segmentsCross(p, q, r, s)));
}

function outerRing(polygon: WirePolygon): Point[] {
  return (polygon.coordinates[0] ?? []).map(([x = 0, y = 0]) => [x, y] as const);
}

function edges(ring: Point[]): [Point, Point][] {
  return ring.slice(1).map((point, index) => [ring[index] as Point, point]);
}

/** Ray casting; a point on the boundary may count either way, which edge crossing then settles. */
function inside([x, y]: Point, ring: Point[]): boolean {
  let crossings = 0;
  for (const [[x1, y1], [x2, y2]] of edges(ring)) {
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) crossings += 1;
  }
  return crossings % 2 === 1;
}

function segmentsCross(p: Point, q: Point, r: Point, s: Point): boolean {
  const side = (a: Point, b: Point, c: Point) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  return side(p, q, r) !== side(p, q, s) && side(r, s, p) !== side(r, s, q);
}
