import { wktToGeoJSON } from '@terraformer/wkt';
import type { Point, Polygon, Position } from '../../../domain/geo.js';
import type { WirePolygon } from './types.js';

/** The upstream's WKT footprints repeat their closing position (see the guide's attempts sample). */
export function polygonFromWkt(wkt: string): Polygon {
  const geometry = wktToGeoJSON(wkt);
  if (geometry.type !== 'Polygon') {
    throw new TypeError(`expected a WKT POLYGON, got ${geometry.type}`);
  }
  return polygonFromWire({ type: 'Polygon', coordinates: geometry.coordinates });
}

export function pointFromWkt(wkt: string): Point {
  const geometry = wktToGeoJSON(wkt);
  if (geometry.type !== 'Point') {
    throw new TypeError(`expected a WKT POINT, got ${geometry.type}`);
  }
  return { type: 'Point', coordinates: toPosition(geometry.coordinates) };
}

/** Drops altitudes and consecutive duplicate positions; keeps the ring closed. */
export function polygonFromWire(wire: WirePolygon): Polygon {
  return {
    type: 'Polygon',
    coordinates: wire.coordinates.map((ring) =>
      ring
        .map(toPosition)
        .filter((position, index, all) => index === 0 || !samePosition(position, all[index - 1])),
    ),
  };
}

export function polygonToWire(polygon: Polygon): WirePolygon {
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [lon, lat])),
  };
}

function toPosition(coordinates: readonly number[]): Position {
  const [longitude, latitude] = coordinates;
  if (longitude === undefined || latitude === undefined) {
    throw new TypeError('a position needs a longitude and a latitude');
  }
  return [longitude, latitude];
}

function samePosition(a: Position, b: Position | undefined): boolean {
  return b !== undefined && a[0] === b[0] && a[1] === b[1];
}
