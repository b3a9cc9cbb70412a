import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway.js';
import { inJournal, JOURNAL_STORES, type JournalPlace } from '../support/journal-stores.js';

/** A seeded tasking of the default contract, with a proposed segment. */
const TASKING = 'ICR_FC_0000002';
const SEGMENT = 'AS_FC_0000002_1_1';
/** The same format, but the simulator has no such segment. */
const UNKNOWN_SEGMENT = 'AS_FC_0000002_9_9';

const DECIDE = `mutation Decide($taskingId: ID!, $segmentId: ID!, $refuse: Boolean!) {
  acceptSegment(taskingId: $taskingId, segmentId: $segmentId) @skip(if: $refuse) { id status }
  refuseSegment(taskingId: $taskingId, segmentId: $segmentId) @include(if: $refuse) { id status }
}`;

describe.each(JOURNAL_STORES)('segment decisions are journaled (journal in $name)', (journals) => {
  let stack: TestStack | undefined;
  let place: JournalPlace | undefined;

  afterEach(async () => {
    await stack?.close();
    await place?.remove();
    stack = undefined;
    place = undefined;
  });

  it('records who decided what, when, and how it ended, for a success and for a failure', async () => {
    place = await journals.place();
    stack = await startTestStack(inJournal(place));
    const before = Date.now();

    const accepted = await stack.graphql(DECIDE, { taskingId: TASKING, segmentId: SEGMENT, refuse: false });
    const refused = await stack.graphql(DECIDE, {
      taskingId: TASKING,
      segmentId: UNKNOWN_SEGMENT,
      refuse: true,
    });

    expect(accepted.errors).toBeUndefined();
    const failureCode = refused.errors?.[0]?.extensions?.code;
    expect(failureCode).toEqual(expect.any(String));
    await stack.close();
    stack = undefined;

    const journal = await place.open();
    try {
      const who = {
        tenantId: 'development',
        decidedBy: 'development/developer',
        contractId: expect.any(String),
      };
      const [acceptance] = await journal.segmentDecisions(SEGMENT);
      expect(acceptance).toMatchObject({ ...who, decision: 'accept', taskingId: TASKING, outcome: 'DONE' });
      expect(acceptance?.at.getTime()).toBeGreaterThanOrEqual(before);
      expect(await journal.segmentDecisions(UNKNOWN_SEGMENT)).toEqual([
        expect.objectContaining({
          ...who,
          decision: 'refuse',
          segmentId: UNKNOWN_SEGMENT,
          outcome: failureCode,
        }),
      ]);
    } finally {
      await journal.close();
    }
  });

  it('answers a decision whose answer was lost as taken once the segment shows it, its retry too, and journals both DONE', async () => {
    place = await journals.place();
    stack = await startTestStack(inJournal(place));
    await stack.control('POST', '/faults', {
      method: 'POST',
      path: `/api/v1/contracts/CTR21000411/taskings/${TASKING}/segments/${SEGMENT}/accept`,
      count: 1,
      drop: true,
      afterHandling: true,
    });

    const accepted = await stack.graphql(DECIDE, { taskingId: TASKING, segmentId: SEGMENT, refuse: false });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toEqual({ acceptSegment: { id: SEGMENT, status: 'Validated' } });
    // The retry is refused upstream (no longer proposed), and answered from the segment, which shows it.
    const retried = await stack.graphql(DECIDE, { taskingId: TASKING, segmentId: SEGMENT, refuse: false });
    expect(retried.data).toEqual(accepted.data);
    // The segment does not show a refusal: that one stays OneAtlas' refusal.
    const refused = await stack.graphql(DECIDE, { taskingId: TASKING, segmentId: SEGMENT, refuse: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstreamCode: 'SEGMENT_NOT_PROPOSED',
    });
    await stack.close();
    stack = undefined;

    const journal = await place.open();
    try {
      const decisions = await journal.segmentDecisions(SEGMENT);
      expect(decisions.map(({ decision, outcome }) => ({ decision, outcome }))).toEqual([
        { decision: 'accept', outcome: 'DONE' },
        { decision: 'accept', outcome: 'DONE' },
        { decision: 'refuse', outcome: 'UPSTREAM_REJECTED' },
      ]);
    } finally {
      await journal.close();
    }
  });
});
