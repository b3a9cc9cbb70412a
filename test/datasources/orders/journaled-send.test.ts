import { describe, expect, it } from 'vitest';
import { upstreamErrorFromResponse } from '../../../src/datasources/oneatlas/errors.js';
import { JournaledSend, type SendRecords } from '../../../src/datasources/orders/journaled-send.js';
import type { NotSentOutcome } from '../../../src/datasources/orders/order-journal.js';
import type { UpstreamName } from '../../../src/datasources/upstream-errors.js';

/** Records that write NOT_SENT whenever asked, and remember whether they were. */
function records(): SendRecords & { notSent: boolean } {
  return {
    notSent: false,
    async markSent() {},
    async markNotSent(): Promise<NotSentOutcome> {
      this.notSent = true;
      return 'written';
    },
  };
}

/** The failure of a send that left (it was marked sent) and was answered `status` by `upstream`. */
async function failureAfterDispatch(upstream: UpstreamName, status: number) {
  const journal = records();
  const send = new JournaledSend(journal);
  await send.onDispatch();
  const failure = await send.failure(upstreamErrorFromResponse(upstream, status, '{}', null));
  return { failure, notSent: journal.notSent };
}

describe('what a failed journaled send proves', () => {
  it.each([
    ['the order API answers 401 to the send and its retry with a renewed token', 'order', 401],
    ['the order API answers 403', 'order', 403],
    ['the token endpoint refuses the renewal after a 401', 'auth', 403],
    ['the token endpoint fails the renewal after a 401', 'auth', 500],
  ] as const)('nothing was judged when %s: NOT_SENT, free for the next call', async (_, upstream, status) => {
    expect(await failureAfterDispatch(upstream, status)).toEqual({ failure: 'not-sent', notSent: true });
  });

  it.each([400, 409, 422])("a %i is OneAtlas' verdict: refused", async (status) => {
    expect(await failureAfterDispatch('order', status)).toEqual({ failure: 'refused', notSent: false });
  });

  it.each([408, 500])('a %i may have been handled: unknown', async (status) => {
    expect(await failureAfterDispatch('order', status)).toEqual({ failure: 'unknown', notSent: false });
  });
});
