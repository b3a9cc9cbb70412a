import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireProgCapacities, WireTaskingsResponse } from '../../src/datasources/oneatlas/wire/types.js';
import {
  attemptsRequest,
  feasibilityRequest,
  feasibilityResponse,
  inSampleYear,
  orderResponse,
  pleiadesOneDayPriceRequest,
  pleiadesOneDayPriceResponse,
  pleiadesOneNowOrderAoi,
  pleiadesOneNowOrderBody,
  spotOnePlanPriceRequest,
  spotOnePlanPriceResponse,
  spotTristereoOrderRequest,
} from '../fixtures/guide-samples.js';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

/** The first pass /attempts offers for this request: its segmentKey is the `<segmentKey>` of the samples. */
async function firstSegmentKey(client: SimulatorClient, request: object): Promise<string> {
  const { status, body } = await client.api<WireProgCapacities>('POST', '/api/v1/attempts', request);
  expect(status).toBe(200);
  const segmentKey = body.progCapacities[0]?.progTypes[0]?.segments?.[0]?.segmentKey;
  if (segmentKey === undefined) throw new Error('no pass offered');
  return segmentKey;
}

describe("the guide's sample requests, sent as they stand", () => {
  let client: SimulatorClient;
  let contractId: string;
  let workspaceId: string;
  beforeAll(async () => {
    client = await startSimulatorClient();
    ({ contractId, workspaceId } = client.simulator);
  });
  beforeEach(() => client.control('POST', '/reset'));
  afterAll(() => client.close());

  it('feasibility: yields exactly the sample response', async () => {
    const { status, body } = await client.api('POST', '/api/v1/feasibility', feasibilityRequest(contractId));
    expect(status).toBe(200);
    expect(body).toEqual(feasibilityResponse());
  });

  it('attempts: replaces the past start by now and offers passes with a segmentKey shaped like the guide', async () => {
    const before = Date.now();
    const { status, body } = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      attemptsRequest(contractId),
    );
    expect(status).toBe(200);
    const progType = body.progCapacities[0]?.progTypes[0];
    expect(progType).toMatchObject({ name: 'ONEDAY', mission: 'PLEIADES', available: true });
    const segments = progType?.segments ?? [];
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      expect(['PHR1A', 'PHR1B']).toContain(segment.id);
      expect(segment.footprint.geometry).toMatch(/^POLYGON \(\(/);
      expect(segment.footprint.center).toMatch(/^POINT \(/);
      expect(segment.instrumentMode).toBe('THR');
      expect(typeof segment.extendedAngle).toBe('boolean');
      expect(segment.incidenceAngle).toBeLessThanOrEqual(30);
      expect(typeof segment.acrossTrackIncidenceAngle).toBe('number');
      const start = Date.parse(segment.acquisitionStartDate);
      expect(Date.parse(segment.orderDeadline)).toBeLessThan(start);
      expect(Date.parse(segment.orderDeadline)).toBeGreaterThan(before);
      expect(start).toBeLessThan(before + 7 * 86_400_000 + 60_000);
      expect(Date.parse(segment.acquisitionEndDate)).toBeGreaterThan(start);
      expect(segment.segmentKey).toMatch(/^[0-9a-f]{128}::\[\{"key":"acqPeriod"/);
    }
  });

  it('prices: reproduces the PleiadesTaskingOneDay sample response to the cent', async () => {
    const segmentKey = await firstSegmentKey(client, attemptsRequest(contractId));
    const { status, body } = await client.api(
      'POST',
      '/api/v1/prices',
      pleiadesOneDayPriceRequest(contractId, workspaceId, segmentKey),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject(pleiadesOneDayPriceResponse(contractId));
    expect(body).toMatchObject({ productTypes: [{ minimumOrderAreaApplied: 100 }] });
  });

  it('prices: reproduces the SpotTaskingOnePlan sample response to the cent (500 km² minimum, 80 % discount)', async () => {
    const { status, body } = await client.api('POST', '/api/v1/prices', spotOnePlanPriceRequest(contractId));
    expect(status).toBe(201);
    expect(body).toMatchObject(spotOnePlanPriceResponse(contractId));
    expect(body).toMatchObject({ productTypes: [{ minimumOrderAreaApplied: 500 }] });
  });

  it('orders: refuses the PleiadesTaskingOneNow sample as it stands, its 2020 acqPeriods and orderDeadLine passed; accepts it (3D positions, acqPeriods) with its pass’s, at its sample total', async () => {
    const attempts = await client.api<WireProgCapacities>('POST', '/api/v1/attempts', {
      ...attemptsRequest(contractId),
      progTypeNames: ['ONENOW'],
      aoi: pleiadesOneNowOrderAoi(),
    });
    const pass = attempts.body.progCapacities[0]?.progTypes[0]?.segments?.[0];
    if (pass === undefined) throw new Error('no pass offered');
    const sample = pleiadesOneNowOrderBody(contractId, workspaceId, pass.segmentKey);

    const ended = await client.api<{ errorCode: string }>('POST', '/api/v1/orders', sample);
    expect(ended).toMatchObject({ status: 400, body: { errorCode: 'ACQUISITION_PERIOD_PASSED' } });

    const passPeriods = sample.replace(
      /"value": "2020-06-19T10:05:54\.899Z [^"]*"/,
      `"value": "${pass.acquisitionStartDate} ${pass.acquisitionEndDate}"`,
    );
    const late = await client.api<{ errorCode: string }>('POST', '/api/v1/orders', passPeriods);
    expect(late).toMatchObject({ status: 400, body: { errorCode: 'ORDER_DEADLINE_PASSED' } });

    const { status, body } = await client.api<{ salesOrderId: string }>(
      'POST',
      '/api/v1/orders',
      passPeriods.replace('"2020-06-19T03:30:00.899Z"', JSON.stringify(pass.orderDeadline)),
    );
    expect(status).toBe(201);
    expect(body.salesOrderId).toMatch(/^SAL\d+$/);
    expect(body).toEqual(orderResponse(body.salesOrderId));

    const taskings = await client.api<WireTaskingsResponse>(
      'GET',
      `/api/v1/contracts/${contractId}/taskings?customerRef=unique%20customer%20reference`,
    );
    expect(taskings.body.taskings).toHaveLength(1);
    expect(taskings.body.taskings[0]).toMatchObject({
      sal: body.salesOrderId,
      so: expect.stringMatching(/^SO\d+$/),
      icr: { id: expect.stringMatching(/^ICR_/), progTypeName: 'OneNow', status: 'In Progress' },
    });
  });

  it('orders: accepts the TRISTEREO sample, which goes to a manual feasibility study', async () => {
    const { status, body } = await client.api<{ salesOrderId: string }>(
      'POST',
      '/api/v1/orders',
      spotTristereoOrderRequest(contractId),
    );
    expect(status).toBe(201);
    const taskings = await client.api<WireTaskingsResponse>(
      'GET',
      `/api/v1/contracts/${contractId}/taskings?customerRef=My%20tristereo%20reference`,
    );
    expect(taskings.body.taskings[0]).toMatchObject({
      sal: body.salesOrderId,
      icr: {
        progTypeName: 'OnePlan',
        status: 'Feasibility study in progress',
        period: {
          startDate: inSampleYear('2023-10-14T13:29:57.299Z'),
          endDate: inSampleYear('2023-12-14T13:29:59.073Z'),
        },
      },
    });
  });
});
