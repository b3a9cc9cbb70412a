import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderJournalStore } from '../../../src/datasources/orders/order-journal.js';
import { type TargetActionSteps, TargetActions } from '../../../src/datasources/orders/target-actions.js';
import { upstreamTimeoutError } from '../../../src/datasources/upstream-errors.js';
import { TargetActionKind, TargetActionState } from '../../../src/domain/order-journal.js';
import { createLogger } from '../../../src/logger.js';
import { JOURNAL_STORES, type JournalPlace } from '../../support/journal-stores.js';

const cancel = {
  action: TargetActionKind.CANCEL_ORDER_ITEM,
  contractId: 'CTR1',
  targetId: 'WOI_1',
  tenantId: 'tenant-a',
  requestedBy: 'tenant-a/alice',
  requestId: 'req-1',
};

describe.each(JOURNAL_STORES)('target actions journaled in $name', (factory) => {
  let place: JournalPlace;
  let journal: OrderJournalStore;

  beforeEach(async () => {
    place = await factory.place();
    journal = await place.open();
  });

  afterEach(async () => {
    await journal.close();
    await place.remove();
  });

  it('never sends an action again whose send was marked after its caller gave up waiting', async () => {
    // The journal commits "sent" at once but answers late (a slow database): the answer timer fires first.
    let committed: () => void = () => undefined;
    const sentCommitted = new Promise<void>((resolve) => {
      committed = resolve;
    });
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const slowToAnswer = new Proxy(journal, {
      get(target, name) {
        if (name === 'markActionSent') {
          return async (...args: Parameters<OrderJournalStore['markActionSent']>) => {
            await target.markActionSent(...args);
            committed();
            await answered;
          };
        }
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const actions = new TargetActions({ journal: slowToAnswer, abandonedAfterMs: 60_000 });
    const sent: string[] = [];
    let left: Promise<void> = Promise.resolve();
    const steps: TargetActionSteps = {
      check: async () => undefined,
      async send(onDispatch) {
        // As the scheduler does: the job goes on (its call leaves once "sent" is recorded) while the
        // caller is told of the timeout.
        left = onDispatch().then(() => void sent.push('cancel'));
        await sentCommitted;
        throw upstreamTimeoutError('order', 1_000);
      },
      confirm: async () => false,
    };
    const logger = createLogger('silent');

    const first = await actions.perform(cancel, steps, logger);
    answer();
    await left;
    expect(sent).toEqual(['cancel']);
    expect(first).toMatchObject({ state: TargetActionState.OUTCOME_UNKNOWN, errorCode: 'UPSTREAM_TIMEOUT' });

    const again = await actions.perform(cancel, steps, logger);
    expect(again.state).toBe(TargetActionState.OUTCOME_UNKNOWN);
    expect(sent).toEqual(['cancel']);
  });
});
