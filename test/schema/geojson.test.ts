import { describe, expect, it } from 'vitest';
import { parsePoint, parsePolygon } from '../../src/schema/scalars/geojson.js';

const square = [
  [1.37, 43.54],
  [1.5, 43.54],
  [1.5, 43.65],
  [1.37, 43.65],
  [1.37, 43.54],
];

describe('GeoJSONPolygon rules', () => {
  it('accepts a closed ring and drops altitudes', () => {
    const withAltitude = square.map(([lon, lat]) => [lon, lat, 0]);
    expect(parsePolygon({ type: 'Polygon', coordinates: [withAltitude] })).toEqual({
      type: 'Polygon',
      coordinates: [square],
    });
  });

  it.each([
    ['not an object', 'POLYGON((0 0))', /type.*Polygon/],
    ['another geometry type', { type: 'Point', coordinates: [0, 0] }, /type.*Polygon/],
    ['no ring', { type: 'Polygon', coordinates: [] }, /one linear ring/],
    ['a hole', { type: 'Polygon', coordinates: [square, square] }, /holes are not supported/],
    ['an open ring', { type: 'Polygon', coordinates: [square.slice(0, 4).concat([[1.4, 43.6]])] }, /closed/],
    ['too few positions', { type: 'Polygon', coordinates: [square.slice(0, 3)] }, /4 to 1000 positions/],
    [
      'too many positions',
      { type: 'Polygon', coordinates: [[...Array.from({ length: 1000 }, (_, i) => [i / 1000, 0]), [0, 0]]] },
      /4 to 1000 positions.*1001/,
    ],
    [
      'a longitude out of range',
      { type: 'Polygon', coordinates: [square.map(([, lat], i) => [i === 1 ? 181 : 1, lat])] },
      /longitude must be a number between -180 and 180/,
    ],
    [
      'a latitude out of range',
      { type: 'Polygon', coordinates: [square.map(([lon], i) => [lon, i === 2 ? -91 : 43])] },
      /latitude must be a number between -90 and 90/,
    ],
    [
      'a self-intersecting (bow-tie) ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /must not intersect itself/,
    ],
    [
      'a star of 1000 positions, crossing itself at every turn',
      {
        type: 'Polygon',
        coordinates: [
          Array.from({ length: 1000 }, (_, i) => {
            const angle = (2 * Math.PI * ((i * 499) % 999)) / 999;
            return [Math.cos(angle), Math.sin(angle)];
          }),
        ],
      },
      /must not intersect itself/,
    ],
    [
      'a ring touching itself at one position',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [1, 1],
            [2, 2],
            [0, 2],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /must not intersect itself/,
    ],
    [
      'a degenerate ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /3 distinct positions/,
    ],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parsePolygon(value)).toThrow(message);
  });

  it('accepts a ring of exactly 1000 positions', () => {
    const ring = Array.from({ length: 999 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 999;
      return [Math.cos(angle), Math.sin(angle)];
    });
    const closed = [...ring, ring[0] as number[]];
    expect(parsePolygon({ type: 'Polygon', coordinates: [closed] }).coordinates[0]).toHaveLength(1000);
  });
});

describe('GeoJSONPoint rules', () => {
  it('accepts a point', () => {
    expect(parsePoint({ type: 'Point', coordinates: [1.4, 43.6] })).toEqual({
      type: 'Point',
      coordinates: [1.4, 43.6],
    });
  });

  it('refuses a point without latitude', () => {
    expect(() => parsePoint({ type: 'Point', coordinates: [1.4] })).toThrow(/longitude, latitude/);
  });
});
