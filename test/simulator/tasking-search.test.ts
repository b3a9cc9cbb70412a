import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  WireProgCapacities,
  WireTaskingSearchRequest,
} from '../../src/datasources/oneatlas/wire/types.js';
import { SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import { attemptsRequest, feasibilityRequest } from '../fixtures/guide-samples.js';
import { box, type SimulatorClient, startSimulatorClient } from './simulator-client.js';

const DAY_MS = 86_400_000;

describe('simulator feasibility', () => {
  let client: SimulatorClient;
  let request: (changes: Partial<WireTaskingSearchRequest>) => WireTaskingSearchRequest;
  beforeAll(async () => {
    client = await startSimulatorClient();
    request = (changes) => ({ ...feasibilityRequest(client.simulator.contractId), ...changes });
  });
  afterAll(() => client.close());

  async function feasibility(changes: Partial<WireTaskingSearchRequest>) {
    const { status, body } = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/feasibility',
      request(changes),
    );
    expect(status).toBe(200);
    return body.progCapacities;
  }

  it('is MANUAL for STEREO, low cloud cover, low incidence or a short window; EASY from 60 days', async () => {
    const optical = { acquisitionMode: 'MONO' as const, maxCloudCover: 10, maxIncidenceAngle: 50 };
    const window = (days: number) => ({
      startDate: '2030-01-01T00:00:00.000Z',
      endDate: new Date(Date.parse('2030-01-01') + days * DAY_MS).toISOString(),
    });
    const cases = [
      {
        optical: { ...optical, acquisitionMode: 'STEREO' as const },
        acquisitionDate: window(90),
        expected: { automation: 'MANUAL', classification: 'EASY' },
      },
      {
        optical: { ...optical, maxCloudCover: 9 },
        acquisitionDate: window(30),
        expected: { automation: 'MANUAL', classification: 'CHALLENGING' },
      },
      {
        optical: { ...optical, maxIncidenceAngle: 19 },
        acquisitionDate: window(30),
        expected: { automation: 'MANUAL' },
      },
      { optical, acquisitionDate: window(29), expected: { automation: 'MANUAL', automationName: null } },
      {
        optical,
        acquisitionDate: window(60),
        expected: { automation: 'AUTOMATIC', classification: 'EASY', automationName: 'AutomaticTasking30' },
      },
    ];
    for (const { optical: opticalCase, acquisitionDate, expected } of cases) {
      const [capacity] = await feasibility({ optical: opticalCase, acquisitionDate });
      expect(capacity?.progTypes[0]?.feasibility, JSON.stringify(opticalCase)).toMatchObject(expected);
    }
  });

  it('answers per mission and progType, refusing a progType the mission does not offer', async () => {
    const capacities = await feasibility({
      missions: ['PLEIADES', 'PLEIADESNEO'],
      progTypeNames: ['ONEPLAN', 'ONENOW'],
    });
    expect(capacities.map((capacity) => capacity.mission)).toEqual(['PLEIADES', 'PLEIADESNEO']);
    const neoOneNow = capacities[1]?.progTypes.find((progType) => progType.name === 'ONENOW');
    expect(neoOneNow).toMatchObject({
      available: false,
      errors: [{ code: 'ERR_INVALID_PROG_TYPE', locator: 'PROG_TYPE' }],
    });
    expect(capacities[0]?.progTypes.every((progType) => progType.available)).toBe(true);
  });

  it('refuses a window that ended on its own clock, for feasibility and attempts, with 400 ACQUISITION_PERIOD_PASSED', async () => {
    const { now } = (await client.control<{ now: string }>('GET', '/clock')).body;
    // Ahead of the real clock, behind the simulator's: its clock, not the machine's, decides.
    await client.control('POST', '/clock/advance', { seconds: 10 * 86_400 });
    const ended = {
      acquisitionDate: { startDate: now, endDate: new Date(Date.parse(now) + DAY_MS).toISOString() },
    };
    for (const path of ['feasibility', 'attempts']) {
      const answer = await client.api('POST', `/api/v1/${path}`, {
        ...request(ended),
        progTypeNames: [path === 'feasibility' ? 'ONEPLAN' : 'ONEDAY'],
      });
      expect(answer, path).toMatchObject({
        status: 400,
        body: {
          errorCode: 'ACQUISITION_PERIOD_PASSED',
          message: expect.stringMatching(
            /^acquisitionDate\.endDate ended at .*tasking dates must be in the future/,
          ),
        },
      });
    }
    await client.control('POST', '/reset');
  });

  it('rejects out-of-range values, an unknown contract and a malformed body with 400', async () => {
    const cases: [unknown, string][] = [
      [request({ optical: { maxCloudCover: 101 } }), 'INVALID_PROPERTY'],
      [request({ optical: { maxIncidenceAngle: 91 } }), 'INVALID_PROPERTY'],
      [request({ contractId: 'CTR404' }), 'CONTRACT_NOT_FOUND'],
      [
        request({ acquisitionDate: { startDate: '2030-01-02T00:00:00Z', endDate: '2030-01-01T00:00:00Z' } }),
        'INVALID_DATE',
      ],
      [
        request({
          aoi: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
              ],
            ],
          },
        }),
        'INVALID_AOI',
      ],
      ['{"contractId": ', 'MALFORMED_BODY'],
    ];
    for (const [body, errorCode] of cases) {
      const answer = await client.api('POST', '/api/v1/feasibility', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toEqual({ errorCode, message: expect.any(String) });
    }
    const unknownContract = await client.api(
      'POST',
      '/api/v1/feasibility',
      request({ contractId: 'CTR404' }),
    );
    expect(unknownContract.body).toMatchObject({ message: "CIS contract 'CTR404' not found." });
  });
});

describe('simulator attempts', () => {
  let client: SimulatorClient;
  let request: (changes: Partial<WireTaskingSearchRequest>) => WireTaskingSearchRequest;
  beforeAll(async () => {
    client = await startSimulatorClient();
    request = (changes) => ({ ...attemptsRequest(client.simulator.contractId), ...changes });
  });
  afterAll(() => client.close());

  it('gives the same answer to the same request', async () => {
    const first = await client.api('POST', '/api/v1/attempts', request({}));
    const second = await client.api('POST', '/api/v1/attempts', request({}));
    expect(second.body).toEqual(first.body);
  });

  it('refuses progTypes without attempts but still answers for the others', async () => {
    const { status, body } = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      request({ progTypeNames: ['ONEPLAN', 'ONEDAY'] }),
    );
    expect(status).toBe(200);
    const [onePlan, oneDay] = body.progCapacities[0]?.progTypes ?? [];
    expect(onePlan).toMatchObject({
      name: 'ONEPLAN',
      available: false,
      errors: [{ code: 'ERR_PROG_TYPE_WITHOUT_ATTEMPTS' }],
    });
    expect(oneDay?.available).toBe(true);
  });

  it('applies the per-sensor AOI limits with the guide error shape and its Pléiades minimum, 24.5', async () => {
    const tooSmall = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      request({ aoi: box(1.43, 43.56, 1.46, 43.59) }),
    );
    expect(tooSmall.status).toBe(200);
    expect(tooSmall.body.progCapacities[0]?.progTypes[0]).toEqual({
      name: 'ONEDAY',
      mission: 'PLEIADES',
      errors: [{ code: 'ERR_MIN_AOI_AREA', locator: 'AOI', message: '24.5' }],
      segments: [],
      available: false,
    });
    const tooLarge = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      request({ aoi: box(1, 43, 2, 44) }),
    );
    // 1° × 1°: ~8 000 km², ~111 km tall, ~81 km wide: every maximum at once.
    expect(tooLarge.body.progCapacities[0]?.progTypes[0]?.errors).toEqual([
      { code: 'ERR_MAX_AOI_AREA', locator: 'AOI', message: '800' },
      { code: 'ERR_MAX_AOI_HEIGHT', locator: 'AOI', message: '40' },
      { code: 'ERR_MAX_AOI_WIDTH', locator: 'AOI', message: '18.9' },
    ]);
    // ~37 km²: enough for Pléiades (24.5 km²), too small for SPOT (100 km²).
    const mixed = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      request({ missions: ['PLEIADES', 'SPOT'], aoi: box(1.43, 43.56, 1.5, 43.62) }),
    );
    expect(mixed.body.progCapacities[0]?.progTypes[0]?.available).toBe(true);
    expect(mixed.body.progCapacities[1]?.progTypes[0]?.errors).toEqual([
      { code: 'ERR_MIN_AOI_AREA', locator: 'AOI', message: '100' },
    ]);
  });

  it('applies the per-sensor maximum height and width (notes §5) within the area limits', async () => {
    const errorsOf = async (changes: Partial<WireTaskingSearchRequest>) => {
      const { status, body } = await client.api<WireProgCapacities>(
        'POST',
        '/api/v1/attempts',
        request(changes),
      );
      expect(status).toBe(200);
      return body.progCapacities[0]?.progTypes[0]?.errors ?? [];
    };
    const neo = (aoi: WireTaskingSearchRequest['aoi']) =>
      errorsOf({ missions: ['PLEIADESNEO'], contractId: SEEDED_NEO_CONTRACT_ID, aoi });
    // At 43.6° N a degree of longitude is ~80.7 km, one of latitude ~111.1 km.
    // ~12.1 km wide × ~29.4 km tall, ~356 km²: within Neo's 13 × 30 km and 400 km².
    expect(await neo(box(1.4, 43.5, 1.55, 43.765))).toEqual([]);
    // ~8.9 km wide × ~32.2 km tall, ~285 km².
    expect(await neo(box(1.4, 43.5, 1.51, 43.79))).toEqual([
      { code: 'ERR_MAX_AOI_HEIGHT', locator: 'AOI', message: '30' },
    ]);
    // ~18.2 km wide × ~11.1 km tall, ~200 km²: too wide for Neo, not for Pléiades (18.9 km).
    const wide = box(1.3, 43.55, 1.525, 43.65);
    expect(await neo(wide)).toEqual([{ code: 'ERR_MAX_AOI_WIDTH', locator: 'AOI', message: '13' }]);
    expect(await errorsOf({ aoi: wide })).toEqual([]);
  });

  it('answers HTTP 500 ERR_NO_SENSOR_AVAILABLE when no pass falls in the window', async () => {
    // Passes over Toulouse happen around 10:00 UTC: a night-time window has none.
    const night = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
    const { status, body } = await client.api(
      'POST',
      '/api/v1/attempts',
      request({
        acquisitionDate: { startDate: `${night}T00:00:00.000Z`, endDate: `${night}T04:00:00.000Z` },
      }),
    );
    expect(status).toBe(500);
    expect(body).toEqual({ errors: [{ code: 'ERR_NO_SENSOR_AVAILABLE', locator: 'UNKNOWN' }] });
  });

  it('offers SPOT6/SPOT7 passes for SPOT with a footprint around the AOI', async () => {
    const { body } = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      request({ missions: ['SPOT'], aoi: box(1.2, 43.4, 1.4, 43.6) }),
    );
    const segments = body.progCapacities[0]?.progTypes[0]?.segments ?? [];
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(segments.map((segment) => segment.id))).toEqual(new Set(['SPOT6', 'SPOT7']));
    const numbers = (segments[0]?.footprint.geometry.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const longitudes = numbers.filter((_, index) => index % 2 === 0);
    const latitudes = numbers.filter((_, index) => index % 2 === 1);
    expect(Math.min(...longitudes)).toBeLessThan(1.2);
    expect(Math.max(...longitudes)).toBeGreaterThan(1.4);
    expect(Math.min(...latitudes)).toBeLessThan(43.4);
    expect(Math.max(...latitudes)).toBeGreaterThan(43.6);
  });
});
