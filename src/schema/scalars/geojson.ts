import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import { type Point, type Polygon, type Position, ringCrossesItself } from '../../domain/geo.js';

/** The upstream's documented bounds: a closed ring of 4 to 1000 positions, closing one included. */
export const MIN_RING_POSITIONS = 4;
export const MAX_RING_POSITIONS = 1000;

/**
 * The polygon rules of the upstream, as plain code so they read (and are tested) apart from the scalar.
 * Throws a TypeError naming the broken rule; graphql-js prefixes it with the argument's path.
 */
export function parsePolygon(value: unknown): Polygon {
  if (!isRecord(value) || value.type !== 'Polygon') {
    throw new TypeError('must be a GeoJSON object with "type": "Polygon"');
  }
  const rings = value.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) {
    throw new TypeError('"coordinates" must be an array holding one linear ring');
  }
  if (rings.length > 1) {
    throw new TypeError('holes are not supported: "coordinates" must hold exactly one ring');
  }
  const ring: unknown = rings[0];
  if (!Array.isArray(ring)) {
    throw new TypeError('the ring must be an array of [longitude, latitude] positions');
  }
  if (ring.length < MIN_RING_POSITIONS || ring.length > MAX_RING_POSITIONS) {
    throw new TypeError(
      `the ring must have ${MIN_RING_POSITIONS} to ${MAX_RING_POSITIONS} positions including the closing one, got ${ring.length}`,
    );
  }
  const positions = ring.map((position, index) => parsePosition(position, `position ${index}`));
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    throw new TypeError('the ring must be closed: its last position must equal its first');
  }
  if (new Set(positions.map(([lon, lat]) => `${lon},${lat}`)).size < 3) {
    throw new TypeError('the ring must have at least 3 distinct positions');
  }
  if (ringCrossesItself(positions)) {
    throw new TypeError('the ring must not intersect itself');
  }
  return { type: 'Polygon', coordinates: [positions] };
}

export function parsePoint(value: unknown): Point {
  if (!isRecord(value) || value.type !== 'Point') {
    throw new TypeError('must be a GeoJSON object with "type": "Point"');
  }
  return { type: 'Point', coordinates: parsePosition(value.coordinates, 'coordinates') };
}

function parsePosition(value: unknown, where: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    throw new TypeError(`${where} must be [longitude, latitude] (an altitude may follow)`);
  }
  const [longitude, latitude] = value;
  if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new TypeError(`${where}: longitude must be a number between -180 and 180`);
  }
  if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new TypeError(`${where}: latitude must be a number between -90 and 90`);
  }
  return [longitude, latitude];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function geoJsonScalar<T>(
  name: string,
  description: string,
  parse: (value: unknown) => T,
): GraphQLScalarType<T, T> {
  return new GraphQLScalarType<T, T>({
    name,
    description,
    serialize: (value) => value as T,
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.OBJECT) throw new TypeError('must be a GeoJSON object');
      return parse(valueFromASTUntyped(ast));
    },
    specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc7946',
  });
}

export const GeoJSONPolygonScalar = geoJsonScalar(
  'GeoJSONPolygon',
  'A GeoJSON Polygon (RFC 7946) in WGS84 longitude/latitude: one closed ring of 4 to 1000 positions ' +
    '(the closing one included), no holes, no self-intersection. Altitudes are accepted and dropped.',
  parsePolygon,
);

export const GeoJSONPointScalar = geoJsonScalar(
  'GeoJSONPoint',
  'A GeoJSON Point (RFC 7946) in WGS84 longitude/latitude.',
  parsePoint,
);
