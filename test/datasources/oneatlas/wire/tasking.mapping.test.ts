import { describe, expect, it } from 'vitest';
import {
  parseAttemptWindows,
  segmentFromWire,
  taskingFilterToQuery,
  taskingFromWire,
  taskingStatusFromLabel,
} from '../../../../src/datasources/oneatlas/wire/tasking.mapping.js';
import { ALL_TASKINGS } from '../../../../src/domain/tasking.js';
import { segmentsResponse, taskingsResponse } from '../../../fixtures/guide-samples.js';

describe('tasking wire mapping', () => {
  it('maps the guide taskings response', () => {
    const fetchedAt = new Date('2026-01-01T00:00:00Z');
    const wire = taskingsResponse().taskings[0];
    if (!wire) throw new Error('fixture has a tasking');
    expect(taskingFromWire(wire, 'CTR1', 'ICR_FC_XXXXX', fetchedAt)).toEqual({
      id: 'ICR_FC_XXXXX',
      contractId: 'CTR1',
      salesOrder: 'SALXXXXXX',
      serviceOrder: 'SOXXXXX',
      aoi: wire.icr.aoi,
      progTypeName: 'OneDay',
      status: 'COMPLETED',
      statusLabel: 'Completed',
      period: { start: new Date('2021-03-03T01:54:44Z'), end: new Date('2021-03-03T02:24:47Z') },
      customerReference: 'customer ref',
      orderedArea: 275718686.400068,
      validatedArea: 0,
      progress: 0,
      proposedSegmentCount: 0,
      totalSegmentCount: 0,
      attempts: [{ start: new Date('2021-03-03T02:09:44.999Z'), end: new Date('2021-03-03T02:09:47.001Z') }],
      fetchedAt,
    });
  });

  it("reads the single tasking wrapped as the guide's tracking sample answers: {taskings:[…]}", () => {
    const fetchedAt = new Date('2026-01-01T00:00:00Z');
    const [guide] = taskingsResponse().taskings;
    if (!guide) throw new Error('fixture has a tasking');
    const other = { ...guide, icr: { ...guide.icr, id: 'ICR_OTHER', status: 'In Progress' } };
    const wrapped = { taskings: [other, guide] };
    expect(taskingFromWire(wrapped, 'CTR1', 'ICR_FC_XXXXX', fetchedAt)).toEqual(
      taskingFromWire(guide, 'CTR1', 'ICR_FC_XXXXX', fetchedAt),
    );
    expect(taskingFromWire(wrapped, 'CTR1', 'ICR_OTHER', fetchedAt)).toMatchObject({
      id: 'ICR_OTHER',
      status: 'IN_PROGRESS',
    });
    // A list without it: not there, as a 404 would say.
    expect(taskingFromWire(wrapped, 'CTR1', 'ICR_ABSENT', fetchedAt)).toBeNull();
    expect(taskingFromWire({ taskings: [] }, 'CTR1', 'ICR_ABSENT', fetchedAt)).toBeNull();
    // Only the entry asked for is checked, and it must be whole.
    const broken = { ...guide, icr: { ...guide.icr, nbTotalSegments: undefined } };
    expect(taskingFromWire({ taskings: [broken, other] }, 'CTR1', 'ICR_OTHER', fetchedAt)).not.toBeNull();
    expect(() => taskingFromWire({ taskings: [other, broken] }, 'CTR1', 'ICR_FC_XXXXX', fetchedAt)).toThrow(
      'answer.taskings[1].icr.nbTotalSegments',
    );
  });

  it.each([
    ['Feasibility study in progress', 'FEASIBILITY_STUDY'],
    ['In Progress', 'IN_PROGRESS'],
    ['Paused', 'PAUSED'],
    ['Canceled', 'CANCELED'],
    ['Completed', 'COMPLETED'],
    ['Waiting for payment', 'OTHER'],
  ])('normalises "%s" to %s', (label, status) => {
    expect(taskingStatusFromLabel(label)).toBe(status);
  });

  it('reads comma-separated attempt windows', () => {
    expect(
      parseAttemptWindows(
        '2020-06-19T10:05:54.899Z 2020-06-19T10:05:56.150Z,2020-06-20T09:58:50.299Z 2020-06-20T09:58:51.550Z',
      ),
    ).toHaveLength(2);
    expect(parseAttemptWindows(null)).toEqual([]);
  });

  it('maps the guide segments response', () => {
    const wire = segmentsResponse().segments[0];
    if (!wire) throw new Error('fixture has a segment');
    const fetchedAt = new Date('2026-01-01T00:00:00Z');
    expect(segmentFromWire(wire, 'CTR1', 'ICR_1', fetchedAt)).toEqual({
      id: 'AS_FC_XXXX_1_2',
      taskingId: 'ICR_1',
      contractId: 'CTR1',
      status: 'Proposed',
      catalogId: 'DS_PHR1B_XXXXXX',
      footprint: wire.asDetail1.footprint,
      incidenceAngle: 15.1072,
      clearSkyRate: 88.8973,
      acquisitionDate: new Date('2021-04-18T10:53:38Z'),
      fetchedAt,
    });
  });

  it('sends filters as the upstream query parameters', () => {
    expect(
      taskingFilterToQuery(
        {
          customerReference: 'ref',
          taskingIds: ['ICR_1', 'ICR_2'],
          statuses: ['IN_PROGRESS', 'FEASIBILITY_STUDY'],
          hasProposedSegments: true,
          mission: 'SPOT',
          progTypes: ['ONEDAY', 'ONEPLAN'],
          acquisitionDate: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') },
          endOfPeriod: { from: null, to: new Date('2026-03-01T12:00:00Z') },
          sort: { field: 'END_OF_PERIOD', direction: 'ASC' },
        },
        { startPage: 2, count: 20 },
      ),
    ).toEqual({
      customerRef: 'ref',
      taskingIds: 'ICR_1,ICR_2',
      status: ['In Progress', 'Feasibility study in progress'],
      hasProposedSegments: 'true',
      mission: 'SPOT',
      progTypeNames: 'ONEDAY,ONEPLAN',
      acquisitionDate: '[2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z[',
      icrEndOfPeriodDate: '2026-03-01T12:00:00.000Z[',
      sortKeys: 'icrEndOfPeriodDate,,1',
      count: 20,
      startPage: 2,
    });
  });

  it('leaves out every filter not asked for', () => {
    expect(taskingFilterToQuery(ALL_TASKINGS, { startPage: 1, count: 10 })).toEqual({
      count: 10,
      startPage: 1,
    });
  });

  it('writes an open start of a range with the bound alone', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(
      taskingFilterToQuery(
        { ...ALL_TASKINGS, acquisitionDate: { from, to: null } },
        { startPage: 1, count: 10 },
      ).acquisitionDate,
    ).toBe('[2026-01-01T00:00:00.000Z');
  });
});
