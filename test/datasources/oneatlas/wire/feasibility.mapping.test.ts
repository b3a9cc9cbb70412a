import { describe, expect, it } from 'vitest';
import {
  progCapacitiesFromWire,
  taskingSearchToWire,
} from '../../../../src/datasources/oneatlas/wire/feasibility.mapping.js';
import type { TaskingSearch } from '../../../../src/domain/feasibility.js';
import {
  attemptsAoiTooSmallResponse,
  attemptsResponse,
  feasibilityRequest,
  feasibilityResponse,
  inSampleYear,
} from '../../../fixtures/guide-samples.js';

describe('feasibility and attempts wire mapping', () => {
  it('maps the guide feasibility response', () => {
    expect(progCapacitiesFromWire(feasibilityResponse())).toEqual([
      {
        mission: 'PLEIADES',
        progTypes: [
          {
            name: 'ONEPLAN',
            mission: 'PLEIADES',
            available: true,
            feasibility: {
              classification: 'CHALLENGING',
              automation: 'AUTOMATIC',
              automationName: 'AutomaticTasking30',
              classificationLevel: 'CHALLENGING',
              automationMode: 'AUTOMATIC',
            },
            attempts: [],
            errors: [],
          },
        ],
      },
    ]);
  });

  it('maps the guide attempts response, converting WKT to GeoJSON', () => {
    const [capacity] = progCapacitiesFromWire(attemptsResponse());
    const attempt = capacity?.progTypes[0]?.attempts[0];
    expect(attempt).toMatchObject({
      satellite: 'PHR1',
      instrumentMode: 'THR',
      orderDeadline: new Date('2021-05-31T02:55:00.099Z'),
      acquisitionStart: new Date('2021-05-31T11:10:44.099Z'),
      acquisitionEnd: new Date('2021-05-31T11:10:45.552Z'),
      incidenceAngle: 26.3,
      acrossTrackIncidenceAngle: 25.609364414413804,
      extendedAngle: false,
      center: { type: 'Point', coordinates: [1.444014, 43.600603] },
    });
    // The upstream repeats the closing position; the GeoJSON ring closes once.
    expect(attempt?.footprint).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1.298502, 43.665978],
          [1.298175, 43.535609],
          [1.589621, 43.53495],
          [1.589271, 43.665975],
          [1.298502, 43.665978],
        ],
      ],
    });
    expect(attempt?.segmentKey).toBe(
      attemptsResponse().progCapacities[0]?.progTypes[0]?.segments?.[0]?.segmentKey,
    );
  });

  it('types the verdict, leaving a value it does not know yet as text only', () => {
    const [capacity] = progCapacitiesFromWire({
      progCapacities: [
        {
          mission: 'PLEIADES',
          progTypes: [
            {
              name: 'ONEPLAN',
              mission: 'PLEIADES',
              available: true,
              feasibility: { classification: 'MODERATE', automation: 'MANUAL', automationName: null },
            },
          ],
        },
      ],
    });
    expect(capacity?.progTypes[0]?.feasibility).toMatchObject({
      classification: 'MODERATE',
      classificationLevel: null,
      automationMode: 'MANUAL',
    });
  });

  it('keeps the per-offer errors of the guide (ERR_MIN_AOI_AREA) as data', () => {
    const [capacity] = progCapacitiesFromWire(attemptsAoiTooSmallResponse());
    expect(capacity?.progTypes[0]).toMatchObject({
      available: false,
      attempts: [],
      errors: [{ code: 'ERR_MIN_AOI_AREA', locator: 'AOI', message: '24.5' }],
    });
  });

  it('writes the guide feasibility request from the same search', () => {
    const guide = feasibilityRequest('CTR1');
    const search: TaskingSearch = {
      contractId: 'CTR1',
      missions: ['PLEIADES'],
      progTypes: ['ONEPLAN'],
      aoi: { type: 'Polygon', coordinates: guide.aoi.coordinates as TaskingSearch['aoi']['coordinates'] },
      window: {
        start: new Date(inSampleYear('2021-05-12T11:03:19.052Z')),
        end: new Date(inSampleYear('2021-06-11T23:59:59.999Z')),
      },
      optical: { acquisitionMode: 'MONO', maxCloudCover: 10, maxIncidenceAngle: 50 },
    };
    expect(taskingSearchToWire(search)).toEqual(guide);
  });

  it('names Pléiades Neo as the upstream does and leaves out absent constraints', () => {
    const guide = feasibilityRequest('CTR1');
    const wire = taskingSearchToWire({
      contractId: 'CTR1',
      missions: ['PLEIADES_NEO'],
      progTypes: ['ONENOWATTEMPTS'],
      aoi: { type: 'Polygon', coordinates: guide.aoi.coordinates as TaskingSearch['aoi']['coordinates'] },
      window: { start: new Date('2030-01-01T00:00:00Z'), end: null },
      optical: { acquisitionMode: 'MONO', maxCloudCover: null, maxIncidenceAngle: null },
    });
    expect(wire.missions).toEqual(['PLEIADESNEO']);
    expect(wire.optical).toEqual({ acquisitionMode: 'MONO' });
    expect(wire.acquisitionDate).toEqual({ startDate: '2030-01-01T00:00:00.000Z', endDate: null });
  });
});
