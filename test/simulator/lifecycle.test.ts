import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  WireOpenSearchResponse,
  WireOrderRequest,
  WireProgCapacities,
  WireSegment,
  WireSegmentsResponse,
  WireTasking,
  WireTaskingsResponse,
} from '../../src/datasources/oneatlas/wire/types.js';
import {
  attemptsRequest,
  pleiadesOneDayPriceRequest,
  spotOnePlanOrderRequest,
  spotOnePlanPriceRequest,
} from '../fixtures/guide-samples.js';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

describe('simulator tasking lifecycle', () => {
  let client: SimulatorClient;
  let contractId: string;
  let taskingsPath: string;
  beforeAll(async () => {
    client = await startSimulatorClient();
    contractId = client.simulator.contractId;
    taskingsPath = `/api/v1/contracts/${contractId}/taskings`;
  });
  beforeEach(() => client.control('POST', '/reset'));
  afterAll(() => client.close());

  const advance = (seconds: number) => client.control('POST', '/clock/advance', { seconds });
  const tasking = async (id: string) => (await client.api<WireTasking>('GET', `${taskingsPath}/${id}`)).body;
  const segments = async (id: string) =>
    (await client.api<WireSegmentsResponse>('GET', `${taskingsPath}/${id}/segments`)).body.segments;
  const decide = (taskingId: string, segmentId: string, decision: 'accept' | 'refuse') =>
    client.api<WireSegment>('POST', `${taskingsPath}/${taskingId}/segments/${segmentId}/${decision}`);
  const delivered = async () =>
    (
      await client.api<WireOpenSearchResponse>(
        'GET',
        `/api/v2/opensearch?workspaceid=${client.simulator.workspaceId}`,
      )
    ).body;

  /** Orders a SpotTaskingOnePlan over the guide's AOI for a period starting in an hour. */
  async function orderPlan(
    customerReference: string,
    changes: Partial<Record<string, string>> = {},
  ): Promise<string> {
    const sample = spotOnePlanOrderRequest(contractId);
    const start = new Date(Date.now() + HOUR_S * 1000).toISOString();
    const end = new Date(Date.now() + 30 * DAY_S * 1000).toISOString();
    const properties = { acqPeriod: `${start} ${end}`, ...changes };
    const body: WireOrderRequest = {
      ...sample,
      customerReference,
      items: sample.items.map((item) => ({
        ...item,
        properties: [
          ...item.properties.filter((property) => !(property.key in properties)),
          ...Object.entries(properties).map(([key, value]) => ({ key, value: value ?? null })),
        ],
      })),
    };
    const created = await client.api('POST', '/api/v1/orders', body);
    expect(created.status).toBe(201);
    const { body: list } = await client.api<WireTaskingsResponse>(
      'GET',
      `${taskingsPath}?customerRef=${customerReference}`,
    );
    return list.taskings[0]?.icr.id ?? '';
  }

  it('seeds taskings in every state, one with a proposed segment and one delivered', async () => {
    const { body } = await client.api<WireTaskingsResponse>('GET', taskingsPath);
    const statusById = Object.fromEntries(body.taskings.map((entry) => [entry.icr.id, entry.icr.status]));
    expect(statusById).toEqual({
      ICR_FC_0000001: 'Feasibility study in progress',
      ICR_FC_0000002: 'In Progress',
      ICR_FC_0000003: 'Completed',
      ICR_FC_0000004: 'Canceled',
    });
    expect(await segments('ICR_FC_0000002')).toEqual([
      expect.objectContaining({
        id: 'AS_FC_0000002_1_1',
        status: 'Proposed',
        asDetail1: expect.objectContaining({ catalogId: expect.stringMatching(/^DS_PHR1[AB]_/) }),
      }),
    ]);
    expect((await segments('ICR_FC_0000003'))[0]?.status).toBe('Validated');
    const { features } = await delivered();
    expect(features).toHaveLength(1);
    expect(features[0]?.properties).toMatchObject({
      segmentId: 'AS_FC_0000003_1_1',
      platform: 'PHR1B',
      taskingId: 'ICR_FC_0000003',
    });
  });

  it('proposes daily acquisitions of a plan; accepting them validates area up to completion and delivers them', async () => {
    const id = await orderPlan('plan-lifecycle');
    expect((await tasking(id)).icr).toMatchObject({ status: 'In Progress', nbTotalSegments: 0 });

    await advance(DAY_S + 2 * HOUR_S);
    const [first] = await segments(id);
    expect(first).toMatchObject({
      id: `${id.replace('ICR_', 'AS_')}_1_1`,
      status: 'Proposed',
      asDetail1: {
        catalogId: expect.stringMatching(/^DS_SPOT[67]_/),
        footprint: { type: 'Polygon' },
        incidenceAngle: expect.any(Number),
        clearSkyRate: expect.any(Number),
        acquisitionDate: expect.stringMatching(/Z$/),
      },
    });
    expect((await tasking(id)).icr.nbProposedSegments).toBe(1);

    const accepted = await decide(id, first?.id ?? '', 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: first?.id, status: 'Validated' });
    const halfway = (await tasking(id)).icr;
    expect(halfway).toMatchObject({ status: 'In Progress', nbProposedSegments: 0, nbTotalSegments: 1 });
    expect(halfway.taskingProgress.validatedArea).toBeCloseTo(halfway.taskingProgress.orderedArea / 2);
    const feature = (await delivered()).features.find(
      (candidate) => candidate.properties.segmentId === first?.id,
    );
    expect(feature?.properties).toMatchObject({
      id: expect.any(String),
      acquisitionDate: first?.asDetail1.acquisitionDate,
      cloudCover: expect.any(Number),
      incidenceAngle: first?.asDetail1.incidenceAngle,
      platform: expect.stringMatching(/^SPOT[67]$/),
    });

    const again = await decide(id, first?.id ?? '', 'accept');
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ errorCode: 'SEGMENT_NOT_PROPOSED', message: expect.any(String) });

    await advance(DAY_S);
    const second = (await segments(id))[1];
    expect(second?.status).toBe('Proposed');
    await decide(id, second?.id ?? '', 'accept');
    const done = (await tasking(id)).icr;
    expect(done.status).toBe('Completed');
    expect(done.taskingProgress.validatedArea).toBeCloseTo(done.taskingProgress.orderedArea);
  });

  it('refuses a proposed segment once; unknown segments and taskings are 404', async () => {
    const refused = await decide('ICR_FC_0000002', 'AS_FC_0000002_1_1', 'refuse');
    expect(refused.body).toMatchObject({ status: 'Refused' });
    const twice = await decide('ICR_FC_0000002', 'AS_FC_0000002_1_1', 'refuse');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ errorCode: 'SEGMENT_NOT_PROPOSED' });
    const unknownSegment = await decide('ICR_FC_0000002', 'AS_NOPE', 'accept');
    expect(unknownSegment.status).toBe(404);
    expect(unknownSegment.body).toEqual({ errorCode: 'SEGMENT_NOT_FOUND', message: expect.any(String) });
    const unknownTasking = await client.api('GET', `${taskingsPath}/ICR_NOPE`);
    expect(unknownTasking.status).toBe(404);
    expect(unknownTasking.body).toEqual({ errorCode: 'TASKING_NOT_FOUND', message: expect.any(String) });
    expect((await delivered()).features).toHaveLength(1);
  });

  it('cancels a tasking under way once: it acquires nothing more; an ended one is 409; faults apply', async () => {
    const cancel = (id: string) => client.api<WireTasking>('POST', `${taskingsPath}/${id}/cancel`);
    const studied = await cancel('ICR_FC_0000001');
    expect(studied.status).toBe(200);
    expect(studied.body.icr).toMatchObject({ id: 'ICR_FC_0000001', status: 'Canceled' });
    await advance(3 * DAY_S);
    expect((await tasking('ICR_FC_0000001')).icr.status).toBe('Canceled');
    expect(await segments('ICR_FC_0000001')).toEqual([]);
    for (const ended of ['ICR_FC_0000001', 'ICR_FC_0000003', 'ICR_FC_0000004']) {
      const refused = await cancel(ended);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ errorCode: 'TASKING_NOT_CANCELABLE' });
    }
    expect((await cancel('ICR_NOPE')).status).toBe(404);
    await client.control('POST', '/faults', { path: `${taskingsPath}/ICR_FC_0000002/cancel`, status: 503 });
    expect((await cancel('ICR_FC_0000002')).status).toBe(503);
    expect((await tasking('ICR_FC_0000002')).icr.status).toBe('In Progress');
  });

  const STEREO = {
    acquisitionMode: 'STEREO',
    feasibilityAutomation: 'MANUAL',
    acquisitionModeMinBH: '0.4',
    acquisitionModeMaxBH: '0.7',
  };
  const credit = async () => {
    const { body } = await client.api<{ contracts: { contractId: string; creditRemaining: string }[] }>(
      'GET',
      '/api/v1/contracts',
    );
    return Number(body.contracts.find((contract) => contract.contractId === contractId)?.creditRemaining);
  };
  const answerStudy = (id: string, answer: 'confirm' | 'decline') =>
    client.control<{ status?: string; errorCode?: string }>('POST', `/taskings/${id}/feasibility-study`, {
      answer,
    });

  it('keeps a manual-feasibility order in study, uncharged, until the requester confirms it after the study', async () => {
    const before = await credit();
    const id = await orderPlan('stereo-lifecycle', STEREO);
    expect((await tasking(id)).icr.status).toBe('Feasibility study in progress');
    expect(await credit()).toBe(before);
    expect(await answerStudy(id, 'confirm')).toMatchObject({
      status: 409,
      body: { errorCode: 'FEASIBILITY_STUDY_IN_PROGRESS' },
    });

    // The study is done after a day, but the order waits for the requester, however long.
    await advance(10 * DAY_S);
    expect((await tasking(id)).icr).toMatchObject({
      status: 'Feasibility study in progress',
      nbTotalSegments: 0,
    });
    expect(await credit()).toBe(before);

    expect(await answerStudy(id, 'confirm')).toMatchObject({ status: 200, body: { status: 'In Progress' } });
    const { body: price } = await client.api<{ totalAmount: number }>('POST', '/api/v1/prices', {
      ...spotOnePlanPriceRequest(contractId),
    });
    expect(await credit()).toBeCloseTo(before - price.totalAmount, 2);
    // Acquisitions start from the confirmation, not from the order.
    expect((await tasking(id)).icr.nbTotalSegments).toBe(0);
    await advance(DAY_S + 60);
    expect((await tasking(id)).icr.nbTotalSegments).toBe(1);
    expect(await answerStudy(id, 'decline')).toMatchObject({
      status: 409,
      body: { errorCode: 'NOT_IN_FEASIBILITY_STUDY' },
    });
  });

  it('cancels a manual-feasibility order the requester declines, charging nothing', async () => {
    const before = await credit();
    const id = await orderPlan('stereo-declined', STEREO);
    expect(await answerStudy(id, 'decline')).toMatchObject({ status: 200, body: { status: 'Canceled' } });
    expect((await tasking(id)).icr.status).toBe('Canceled');
    expect(await credit()).toBe(before);
    expect((await answerStudy('ICR_NOPE', 'decline')).status).toBe(404);
  });

  it('acquires a OneDay tasking at its pass, validated and delivered whatever its maxCloudCover (guide: "forced to 100%")', async () => {
    const attempts = await client.api<WireProgCapacities>(
      'POST',
      '/api/v1/attempts',
      attemptsRequest(contractId),
    );
    const pass = attempts.body.progCapacities[0]?.progTypes[0]?.segments?.[0];
    const sample = pleiadesOneDayPriceRequest(
      contractId,
      client.simulator.workspaceId,
      pass?.segmentKey ?? '',
    );
    const order = {
      ...sample,
      customerReference: 'one-day',
      // No acquisition is clear-sky: judged on these, it would be proposed.
      items: sample.items.map((item) => ({
        ...item,
        properties: [
          ...item.properties,
          { key: 'maxCloudCover', value: 0 },
          { key: 'notificationThreshold', value: 0 },
        ],
      })),
    };
    expect((await client.api('POST', '/api/v1/orders', order)).status).toBe(201);
    const { body } = await client.api<WireTaskingsResponse>('GET', `${taskingsPath}?customerRef=one-day`);
    const id = body.taskings[0]?.icr.id ?? '';
    const secondsToPass = Math.ceil((Date.parse(pass?.acquisitionStartDate ?? '') - Date.now()) / 1000);
    await advance(secondsToPass + 3600);
    const [acquisition] = await segments(id);
    expect(acquisition?.status).toBe('Validated');
    expect(acquisition?.asDetail1.clearSkyRate).toBeLessThan(100);
    const done = (await tasking(id)).icr;
    expect(done).toMatchObject({ status: 'Completed', nbProposedSegments: 0 });
    expect(done.taskingProgress.validatedArea).toBe(done.taskingProgress.orderedArea);
    expect((await delivered()).features.map((feature) => feature.properties.segmentId)).toContain(
      acquisition?.id,
    );
    expect((await decide(id, acquisition?.id ?? '', 'accept')).status).toBe(409);
  });

  it('acquires a OneNow tasking at its pass, then at each further pass of its acqPeriods once the last acquisition is refused', async () => {
    const attempts = await client.api<WireProgCapacities>('POST', '/api/v1/attempts', {
      ...attemptsRequest(contractId),
      progTypeNames: ['ONENOW'],
    });
    const passes = (attempts.body.progCapacities[0]?.progTypes[0]?.segments ?? []).slice(0, 3);
    expect(passes.length).toBe(3);
    const [chosen] = passes;
    const periods = passes.map((pass) => `${pass.acquisitionStartDate} ${pass.acquisitionEndDate}`);
    const sample = pleiadesOneDayPriceRequest(
      contractId,
      client.simulator.workspaceId,
      chosen?.segmentKey ?? '',
    );
    const order = {
      ...sample,
      customerReference: 'one-now',
      items: sample.items.map((item) => ({
        ...item,
        productTypeId: 'PleiadesTaskingOneNow',
        properties: [
          ...item.properties,
          { key: 'orderDeadLine', value: chosen?.orderDeadline ?? '' },
          { key: 'acqPeriods', value: periods.join(',') },
        ],
      })),
      optionsPerProductType: sample.optionsPerProductType?.map((entry) => ({
        ...entry,
        productTypeId: 'PleiadesTaskingOneNow',
      })),
    };
    expect((await client.api('POST', '/api/v1/orders', order)).status).toBe(201);
    const { body } = await client.api<WireTaskingsResponse>('GET', `${taskingsPath}?customerRef=one-now`);
    const id = body.taskings[0]?.icr.id ?? '';
    expect(body.taskings[0]?.icr.attempts).toBe(periods.join(','));

    // Past every pass: one acquisition, at the chosen pass, waits for a decision.
    const lastPass = passes.at(-1)?.acquisitionStartDate ?? '';
    await advance(Math.ceil((Date.parse(lastPass) - Date.now()) / 1000) + 3600);
    const [first] = await segments(id);
    expect((await segments(id)).length).toBe(1);
    await decide(id, first?.id ?? '', 'refuse');
    // Refused: the next pass is tried; accepted, it completes the tasking and the last is not used.
    const afterRefusal = await segments(id);
    expect(afterRefusal.map((segment) => segment.status)).toEqual(['Refused', 'Proposed']);
    await decide(id, afterRefusal[1]?.id ?? '', 'accept');
    expect((await tasking(id)).icr.status).toBe('Completed');
    expect(await segments(id)).toHaveLength(2);
  });

  it('filters taskings by status, ids and customer reference, and pages them', async () => {
    const list = async (query: string) =>
      (await client.api<WireTaskingsResponse>('GET', `${taskingsPath}?${query}`)).body;
    const ids = (response: WireTaskingsResponse) => response.taskings.map((entry) => entry.icr.id).sort();
    expect(ids(await list('status=Completed'))).toEqual(['ICR_FC_0000003']);
    expect(ids(await list('status=In%20Progress,Canceled'))).toEqual(['ICR_FC_0000002', 'ICR_FC_0000004']);
    expect(ids(await list('status=In%20Progress&status=Canceled'))).toEqual([
      'ICR_FC_0000002',
      'ICR_FC_0000004',
    ]);
    expect(ids(await list('taskingIds=ICR_FC_0000001,ICR_FC_0000004'))).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000004',
    ]);
    expect(ids(await list('customerRef=seed-marseille-plan'))).toEqual(['ICR_FC_0000002']);
    const page = await list('count=3&startPage=2');
    expect(page).toMatchObject({ totalResults: 4, startPage: 2, count: 3 });
    expect(page.taskings).toHaveLength(1);
    expect(await list('')).toMatchObject({ totalResults: 4, startPage: 1, count: 10 });
    for (const query of ['status=Lost', 'count=0', 'startPage=x']) {
      const answer = await client.api('GET', `${taskingsPath}?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body).toMatchObject({ errorCode: 'INVALID_PARAMETER' });
    }
  });

  it('pages opensearch and refuses a workspace the key cannot access', async () => {
    await decide('ICR_FC_0000002', 'AS_FC_0000002_1_1', 'accept');
    const workspace = client.simulator.workspaceId;
    const page = await client.api<WireOpenSearchResponse>(
      'GET',
      `/api/v2/opensearch?workspaceid=${workspace}&itemsPerPage=1&startPage=2`,
    );
    expect(page.body).toMatchObject({
      type: 'FeatureCollection',
      totalResults: 2,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(page.body.features[0]?.properties.segmentId).toBe('AS_FC_0000003_1_1');
    const foreign = await client.api('GET', '/api/v2/opensearch?workspaceid=someone-else');
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ errorCode: 'E2203' });
  });
});
