import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireTaskingsResponse } from '../../src/datasources/oneatlas/wire/types.js';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

const DAY_MS = 24 * 3_600_000;

/** The seeded taskings (src/simulator/seed.ts): 1 SPOT plan in study, 2 Pléiades plan with a proposed segment, 3 Pléiades OneDay completed, 4 SPOT OneDay canceled. */
describe('simulator taskings list: filters, sorting, and 400 for what it does not understand', () => {
  let client: SimulatorClient;
  let path: string;
  beforeAll(async () => {
    client = await startSimulatorClient();
    path = `/api/v1/contracts/${client.simulator.contractId}/taskings`;
  });
  afterAll(() => client.close());

  const list = (query: Record<string, string>) =>
    client.api<WireTaskingsResponse>('GET', `${path}?${new URLSearchParams(query)}`);
  const ids = async (query: Record<string, string>) => {
    const answer = await list(query);
    expect(answer.status).toBe(200);
    return answer.body.taskings.map((tasking) => tasking.icr.id);
  };

  it('hasProposedSegments=true is the queue waiting for a decision; false is everything else', async () => {
    expect(await ids({ hasProposedSegments: 'true' })).toEqual(['ICR_FC_0000002']);
    expect((await ids({ hasProposedSegments: 'false' })).sort()).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000003',
      'ICR_FC_0000004',
    ]);
  });

  it('filters by mission and by offer, in the request spelling (ONEDAY) or the tasking one (OneDay)', async () => {
    expect((await ids({ mission: 'SPOT' })).sort()).toEqual(['ICR_FC_0000001', 'ICR_FC_0000004']);
    expect((await ids({ progTypeNames: 'ONEDAY' })).sort()).toEqual(['ICR_FC_0000003', 'ICR_FC_0000004']);
    expect(await ids({ mission: 'PLEIADES', progTypeNames: 'OneDay' })).toEqual(['ICR_FC_0000003']);
  });

  it('reads acquisitionDate and icrEndOfPeriodDate intervals against the acquisition period', async () => {
    const now = Date.now();
    const iso = (offsetDays: number) => new Date(now + offsetDays * DAY_MS).toISOString();
    // Only the SPOT plan starts in the future (in two days).
    expect(await ids({ acquisitionDate: `[${iso(1)}` })).toEqual(['ICR_FC_0000001']);
    expect(await ids({ acquisitionDate: `[${iso(1)},${iso(3)}[` })).toEqual(['ICR_FC_0000001']);
    expect(await ids({ acquisitionDate: `[${iso(3)},${iso(10)}[` })).toEqual([]);
    // Its period ends in 62 days, the Pléiades plan's in 30.
    expect(await ids({ icrEndOfPeriodDate: `[${iso(29)},${iso(31)}]` })).toEqual(['ICR_FC_0000002']);
    expect((await ids({ icrEndOfPeriodDate: `[${iso(29)}` })).sort()).toEqual([
      'ICR_FC_0000001',
      'ICR_FC_0000002',
    ]);
  });

  it('sorts by sortKeys, ascending or descending', async () => {
    const ascending = await ids({
      sortKeys: 'icrEndOfPeriodDate,,1',
      hasProposedSegments: 'false',
      mission: 'SPOT',
    });
    expect(ascending).toEqual(['ICR_FC_0000004', 'ICR_FC_0000001']);
    const descending = await ids({ sortKeys: 'icrEndOfPeriodDate,,0', mission: 'SPOT' });
    expect(descending).toEqual(['ICR_FC_0000001', 'ICR_FC_0000004']);
  });

  it.each([
    [{ hasProposedSegment: 'true' }, "Unknown parameter 'hasProposedSegment'"],
    [{ hasProposedSegments: 'yes' }, 'Unknown hasProposedSegments'],
    [{ mission: 'LANDSAT' }, 'Unknown mission'],
    [{ progTypeNames: 'ONEWEEK' }, 'Unknown progTypeNames'],
    [
      { acquisitionDate: '2026-01-01T00:00:00Z..2026-02-01T00:00:00Z' },
      'acquisitionDate must be an interval',
    ],
    [
      { acquisitionDate: '[2026-02-01T00:00:00Z,2026-01-01T00:00:00Z[' },
      'acquisitionDate must be an interval',
    ],
    [{ sortKeys: 'price,,1' }, 'sortKeys must be'],
  ])('answers 400 for %j', async (query, message) => {
    const answer = await list(query);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: 'INVALID_PARAMETER' });
    expect(String((answer.body as unknown as { message: string }).message)).toContain(message);
  });
});
