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
});
