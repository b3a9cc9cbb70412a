import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack, type TestStackOptions } from '../support/gateway.js';
import { inJournal, JOURNAL_STORES, type JournalPlace } from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import {
  type AttemptData,
  CREATE_ORDER,
  ledger,
  ORDER_ATTEMPT,
  type OrderData,
  upstreamRequests,
  waitFor,
} from './support.js';

/**
 * Idempotent ordering: whatever happens to a POST /orders, a client that repeats its call with the
 * same key ends up with exactly one order in the simulator's ledger.
 */

const ORDERS_PATH = '/api/v1/orders';

async function postsToOrders(stack: TestStack): Promise<number> {
  return (await upstreamRequests(stack)).filter((call) => call.method === 'POST' && call.path === ORDERS_PATH)
    .length;
}

async function order(stack: TestStack, input: Record<string, unknown>) {
  return stack.graphql<OrderData>(CREATE_ORDER, { input });
}

describe.each(JOURNAL_STORES)('createOrder is idempotent (journal in $name)', (journals) => {
  let stack: TestStack | undefined;
  let place: JournalPlace | undefined;

  /** The test stack, its gateway journaling in a fresh place of this suite's store. */
  async function startStack(options: TestStackOptions = {}): Promise<TestStack> {
    place = await journals.place();
    return startTestStack(inJournal(place, options));
  }

  afterEach(async () => {
    await stack?.close();
    await place?.remove();
    stack = undefined;
    place = undefined;
  });

  it.each([
    ['a 500', { status: 500 }],
    ['a connection reset', { drop: true }],
    // The answer comes only after the gateway's 1 s timeout has given up on it.
    ['a timeout', { latencyMs: 3_000 }],
  ])(
    'after %s on a POST that did reach the upstream, finds the order at once and never sends it again',
    async (_, fault) => {
      stack = await startStack({ oneAtlas: (config) => ({ ...config, timeoutMs: 1_000 }) });
      // The simulator creates the order, then answers with the fault instead.
      await stack.control('POST', '/faults', {
        method: 'POST',
        path: ORDERS_PATH,
        count: 1,
        afterHandling: true,
        ...fault,
      });
      const input = orderInput('reached');

      const first = await order(stack, input);
      const retried = await order(stack, input);

      const orders = await ledger(stack);
      expect(orders).toHaveLength(1);
      expect(first.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
      expect(retried.data?.createOrder).toEqual(first.data?.createOrder);
      expect(await postsToOrders(stack)).toBe(1);
      const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'reached' });
      expect(attempt.data?.orderAttempt).toMatchObject({
        state: 'PLACED',
        resolution: 'FOUND_BY_CUSTOMER_REFERENCE',
        sendCount: 1,
      });
      expect(attempt.data?.orderAttempt?.events.map((event) => event.kind)).toEqual([
        'RECORDED',
        'SENT',
        'OUTCOME_UNKNOWN',
        'PLACED',
      ]);
    },
  );

  it.each([
    ['a 500', { status: 500 }],
    ['a connection reset', { drop: true }],
    // The simulator holds the request past the gateway's timeout; the gateway gives up and the order is never created.
    ['a timeout', { latencyMs: 1_500, status: 500 }],
  ])(
    'after %s on a POST that did not reach the upstream, waits out the grace period, then places exactly one order',
    async (_, fault) => {
      stack = await startStack({
        oneAtlas: (config) => ({ ...config, timeoutMs: 500 }),
        // Longer than the 1.5 s the gateway holds the upstream's turn for the abandoned POST, so the
        // first look-up happens within the grace period.
        safety: { orderOutcomeGraceMs: 3_000, reconcileIntervalMs: 300 },
      });
      const current = stack;
      await current.control('POST', '/faults', { method: 'POST', path: ORDERS_PATH, count: 1, ...fault });
      const input = orderInput('not-reached', { idempotencyKey: 'client-key-1' });

      const first = await order(current, input);
      expect(first.data?.createOrder).toMatchObject({
        status: 'OUTCOME_UNKNOWN',
        idempotencyKey: 'client-key-1',
      });
      // Within the grace period a repeat is answered from the journal: nothing is sent again.
      const repeat = await order(current, input);
      expect(repeat.data?.createOrder.status).toBe('OUTCOME_UNKNOWN');
      expect(await postsToOrders(current)).toBe(1);
      expect(await ledger(current)).toHaveLength(0);

      await waitFor('the background reconciliation to give the order up', async () => {
        const attempt = await current.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'client-key-1' });
        return attempt.data?.orderAttempt?.state === 'ABSENT';
      });
      const last = await order(current, input);
      const orders = await ledger(current);
      expect(orders).toHaveLength(1);
      expect(last.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
      expect(await postsToOrders(current)).toBe(2);
    },
  );

  it('refuses the same key with a different input, and sends nothing', async () => {
    stack = await startStack();
    const placed = await order(stack, orderInput('conflict-ref'));
    expect(placed.data?.createOrder.status).toBe('PLACED');

    const other = await order(stack, orderInput('conflict-ref', { maxCloudCover: 20 }));

    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await ledger(stack)).toHaveLength(1);
    expect(await postsToOrders(stack)).toBe(1);
  });

  it('places one order for many concurrent clicks with the same input', async () => {
    stack = await startStack();
    const current = stack;
    const input = orderInput('double-click');
    const answers = await Promise.all(Array.from({ length: 5 }, () => order(current, input)));

    const orders = await ledger(current);
    expect(orders).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
    }
  });

  it('journals who ordered what, the amount and the outcome, queryable through GraphQL', async () => {
    stack = await startStack();
    // A name the client chooses is not who asked: the journal records the verified caller.
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'ops-console' },
      body: JSON.stringify({ query: CREATE_ORDER, variables: { input: orderInput('journaled') } }),
    });
    const placed = ((await response.json()) as { data: OrderData }).data.createOrder;

    const listed = await stack.graphql<{
      orderAttempts: { edges: { node: { idempotencyKey: string; state: string; input: unknown } }[] };
    }>('{ orderAttempts(states: [PLACED]) { edges { node { idempotencyKey state input } } } }');
    expect(listed.data?.orderAttempts.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        idempotencyKey: 'journaled',
        state: 'PLACED',
        input: expect.objectContaining({ customerReference: 'journaled' }),
      }),
    ]);
    const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'journaled' });
    expect(attempt.data?.orderAttempt).toMatchObject({
      state: 'PLACED',
      resolution: 'ANSWER',
      requestedBy: expect.not.stringContaining('ops-console'),
      totalAmount: placed.totalAmount,
      salesOrderId: placed.salesOrderId,
    });
    expect(placed.totalAmount).toBeGreaterThan(0);
  });
});
