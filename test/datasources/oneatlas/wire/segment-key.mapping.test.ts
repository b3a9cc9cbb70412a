import { describe, expect, it } from 'vitest';
import { segmentKeyFootprint } from '../../../../src/datasources/oneatlas/wire/segment-key.mapping.js';
import { cornersWithin, type Polygon } from '../../../../src/domain/geo.js';
import { attemptsRequest } from '../../../fixtures/guide-samples.js';

/** The guide's attempts sample key (step 3), its hash shortened: the footprint is what matters here. */
const GUIDE_KEY =
  'ea60293f::[{"key":"acqPeriod", "value":"2021-05-31T11:10:44.099Z 2021-05-31T11:10:45.552Z"},{"key":"extendedAngle", "value":false},{"key":"geometryWkt", "value":"POLYGON((1.298502 43.665978, 1.298175 43.535609, 1.589621 43.53495, 1.589271 43.665975, 1.298502 43.665978, 1.298502 43.665978))"},{"key":"orderDeadLine", "value":"2021-05-31T02:55:00.099Z"}]';

/** The AOI of the guide's attempts sample, which that pass covers. */
const GUIDE_AOI = attemptsRequest('').aoi as Polygon;

function shifted(polygon: Polygon, longitude: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [lon + longitude, lat])),
  };
}

describe('segmentKeyFootprint', () => {
  it("reads the pass's footprint from a key of the guide's shape", () => {
    const footprint = segmentKeyFootprint(GUIDE_KEY);
    expect(footprint?.coordinates[0]?.[0]).toEqual([1.298502, 43.665978]);
    expect(footprint?.coordinates[0]).toHaveLength(5);
  });

  it('gives null for any other key, leaving it to the upstream', () => {
    for (const key of [
      'opaque',
      'abc::not json',
      'abc::{"key":"geometryWkt"}',
      'abc::[{"key":"geometryWkt","value":"POINT(1 2)"}]',
      'abc::[]',
    ]) {
      expect(segmentKeyFootprint(key)).toBeNull();
    }
  });
});

describe('cornersWithin', () => {
  const footprint = segmentKeyFootprint(GUIDE_KEY) as Polygon;

  it('holds for the AOI the pass was computed for, and for the footprint itself (corners on its ring)', () => {
    expect(cornersWithin(GUIDE_AOI, footprint)).toBe(true);
    expect(cornersWithin(footprint, footprint)).toBe(true);
  });

  it('fails for an AOI reaching outside the footprint', () => {
    expect(cornersWithin(shifted(GUIDE_AOI, 0.1), footprint)).toBe(false);
    expect(cornersWithin(shifted(GUIDE_AOI, 1), footprint)).toBe(false);
  });
});
