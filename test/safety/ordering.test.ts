import { afterEach, describe, expect, it } from 'vitest';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { startClosingProxy } from '../support/closing-proxy.js';
import {
  postGraphQL,
  startTestGateway,
  startTestStack,
  type TestGateway,
  type TestStack,
  type TestStackOptions,
} from '../support/gateway.js';
import {
  administer,
  inJournal,
  JOURNAL_STORES,
  type JournalPlace,
  journaledStacks,
  postgresJournals,
} from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import {
  type AttemptData,
  CREATE_ORDER,
  type LedgerOrder,
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

/**
 * The promise itself: the simulator's ledger holds exactly one order, and each answer given is that
 * order, PLACED. Returns the order for what a test checks beyond it.
 */
async function expectOnePlacedOrder(
  stack: Pick<TestStack, 'control'>,
  ...answers: { data?: OrderData | null }[]
): Promise<LedgerOrder> {
  const orders = await ledger(stack);
  expect(orders).toHaveLength(1);
  const [placed] = orders as [LedgerOrder];
  for (const answer of answers) {
    expect(answer.data?.createOrder).toMatchObject({ status: 'PLACED', salesOrderId: placed.salesOrderId });
  }
  return placed;
}

describe.each(JOURNAL_STORES)('createOrder is idempotent (journal in $name)', (journals) => {
  const startJournaled = journaledStacks(journals);
  let stack: TestStack | undefined;
  let place: JournalPlace | undefined;

  /** The test stack, its gateway journaling in a fresh place of this suite's store. */
  async function startStack(options: TestStackOptions = {}): Promise<TestStack> {
    ({ stack, place } = await startJournaled(options));
    return stack;
  }

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

      await expectOnePlacedOrder(stack, first);
      expect(retried.data?.createOrder).toEqual(first.data?.createOrder);
      // The lost answer's amount is unknown: the amount priced before sending stands.
      expect(first.data?.createOrder.totalAmount).toBeGreaterThan(0);
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
      await expectOnePlacedOrder(current, last);
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

  it('refuses a customer reference already placed under another key, and sends nothing; a rejected one is free again', async () => {
    stack = await startStack();
    const placed = await order(stack, orderInput('one-reference'));
    expect(placed.data?.createOrder.status).toBe('PLACED');

    const again = await order(stack, orderInput('one-reference', { idempotencyKey: 'a-new-click' }));

    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      field: 'input.customerReference',
    });
    expect(await ledger(stack)).toHaveLength(1);
    expect(await postsToOrders(stack)).toBe(1);
    expect(
      (await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'a-new-click' })).data?.orderAttempt,
    ).toBeNull();

    // The upstream refused this one (a fault): it placed nothing, so its reference may be used again.
    await stack.control('POST', '/faults', { method: 'POST', path: ORDERS_PATH, count: 1, status: 400 });
    const refused = await order(stack, orderInput('refused-reference'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_REJECTED');
    const retried = await order(stack, orderInput('refused-reference', { idempotencyKey: 'second-try' }));
    expect(retried.data?.createOrder.status).toBe('PLACED');
    expect(await ledger(stack)).toHaveLength(2);
  });

  it('places one order for many concurrent clicks with the same input', async () => {
    stack = await startStack();
    const current = stack;
    const input = orderInput('double-click');
    const answers = await Promise.all(Array.from({ length: 5 }, () => order(current, input)));

    await expectOnePlacedOrder(current, ...answers);
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
    // An empty list of states keeps nothing, like every list filter.
    const none = await stack.graphql<{ orderAttempts: { edges: unknown[] } }>(
      '{ orderAttempts(states: []) { edges { cursor } } }',
    );
    expect(none.data?.orderAttempts.edges).toEqual([]);
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
  describe('an order that provably never reached the upstream is NOT_SENT, and the next call sends it', () => {
    it('when the connection to the order API is refused', async () => {
      const proxy = await startClosingProxy();
      try {
        stack = await startStack({
          oneAtlas: (config) => {
            proxy.forwardTo(new URL(config.orderUrl).origin);
            return { ...config, orderUrl: `${proxy.url}/api/v1` };
          },
        });
        // Options and price pass through; the proxy closes its port as it forwards the price.
        proxy.closeOn((method, path) => method === 'POST' && path === '/api/v1/prices');
        const input = orderInput('refused-connect');

        const refused = await order(stack, input);
        expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
        const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'refused-connect' });
        expect(attempt.data?.orderAttempt).toMatchObject({ state: 'NOT_SENT', salesOrderId: null });
        expect(await ledger(stack)).toHaveLength(0);

        await proxy.reopen();
        const sent = await order(stack, input);
        await expectOnePlacedOrder(stack, sent);
      } finally {
        await proxy.close();
      }
    });

    it('when the upstream answers the POST with a 429', async () => {
      // The pause (2 s) outlasts the call's wait for a turn (1 s): the refused POST is handed back.
      stack = await startStack({ safety: { queueWaitMs: 1_000 } });
      await stack.control('POST', '/faults', {
        method: 'POST',
        path: ORDERS_PATH,
        count: 1,
        status: 429,
        retryAfter: 2,
      });
      const input = orderInput('rate-limited');

      const refused = await order(stack, input);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_RATE_LIMITED');
      const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'rate-limited' });
      expect(attempt.data?.orderAttempt).toMatchObject({ state: 'NOT_SENT', sendCount: 1 });
      expect(await ledger(stack)).toHaveLength(0);

      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const sent = await order(stack, input);
      await expectOnePlacedOrder(stack, sent);
      expect(await postsToOrders(stack)).toBe(2);
    });

    it("when the order API refuses the gateway's credential, even after the token renewal", async () => {
      stack = await startStack();
      // Both the POST and its one retry with a renewed token are refused (a key being rotated).
      await stack.control('POST', '/faults', { method: 'POST', path: ORDERS_PATH, count: 2, status: 401 });
      const input = orderInput('credential-refused');

      const refused = await order(stack, input);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_FAILED');
      const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'credential-refused' });
      expect(attempt.data?.orderAttempt).toMatchObject({ state: 'NOT_SENT', salesOrderId: null });
      expect(await ledger(stack)).toHaveLength(0);

      const sent = await order(stack, input);
      await expectOnePlacedOrder(stack, sent);
      expect(await postsToOrders(stack)).toBe(3);
    });
  });

  describe('when the journal cannot be written', () => {
    it('refuses orders with JOURNAL_UNAVAILABLE and sends nothing', async () => {
      stack = await startStack();
      await place?.break();

      const refused = await order(stack, orderInput('no-journal'));

      expect(refused.errors?.[0]?.extensions?.code).toBe('JOURNAL_UNAVAILABLE');
      expect(refused.data?.createOrder ?? null).toBeNull();
      expect(await postsToOrders(stack)).toBe(0);
      expect(await ledger(stack)).toHaveLength(0);
    });

    it('still tells the truth about an order it had sent: placed, and found again once the journal is back', async () => {
      stack = await startStack();
      const current = stack;
      // The POST is held upstream while the journal goes away under it.
      await current.control('POST', '/faults', {
        method: 'POST',
        path: ORDERS_PATH,
        count: 1,
        latencyMs: 1_000,
      });
      const input = orderInput('lost-journal');
      const answer = order(current, input);
      await waitFor('the POST to reach the upstream', async () => (await postsToOrders(current)) === 1);
      await place?.break();

      const placed = await answer;
      expect(placed.errors).toBeUndefined();
      await expectOnePlacedOrder(current, placed);

      await place?.repair();
      await expectOnePlacedOrder(current, await order(current, input));
      expect(await postsToOrders(current)).toBe(1);
    });
  });

  it("does not take another order's tasking, returned by a loose upstream filter, for its own", async () => {
    stack = await startStack();
    // Another customer ordered the same product over the same area: only the reference tells them apart.
    const other = await order(stack, orderInput('someone-else'));
    expect(other.data?.createOrder.status).toBe('PLACED');
    // The upstream ignores the customerReference filter: every look-up answers the contract's whole list.
    const everyTasking = await rawTaskings(stack);
    expect(everyTasking.length).toBeGreaterThan(1);
    const { contractId } = oneAtlasConfigForSimulator(stack.simulator);
    await stack.control('POST', '/faults', {
      method: 'GET',
      path: `/api/v1/contracts/${contractId}/taskings`,
      count: 100,
      status: 200,
      body: everyTasking.body,
    });
    // The POST fails before the simulator creates anything: the order is truly not placed.
    await stack.control('POST', '/faults', { method: 'POST', path: ORDERS_PATH, count: 1, status: 500 });

    const input = orderInput('mine-only');
    const first = await order(stack, input);
    const repeat = await order(stack, input);

    for (const answer of [first, repeat]) {
      expect(answer.data?.createOrder).toMatchObject({ status: 'OUTCOME_UNKNOWN', salesOrderId: null });
    }
    const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'mine-only' });
    expect(attempt.data?.orderAttempt).toMatchObject({ state: 'OUTCOME_UNKNOWN', salesOrderId: null });
    expect(attempt.data?.orderAttempt?.reconciliationChecks).toBeGreaterThan(0);
    expect((await ledger(stack)).map((placed) => placed.customerReference)).toEqual(['someone-else']);
  });
});

/** The contract's whole tasking list as the simulator answers it on the wire, unfiltered. */
async function rawTaskings(stack: TestStack): Promise<{ body: unknown; length: number }> {
  const config = oneAtlasConfigForSimulator(stack.simulator);
  const token = await fetch(config.authUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ apikey: config.apiKey, grant_type: 'api_key', client_id: 'IDP' }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const answer = await fetch(`${config.orderUrl}/contracts/${config.contractId}/taskings`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const body = (await answer.json()) as { taskings?: unknown[] };
  return { body, length: body.taskings?.length ?? 0 };
}

describe('two replicas sharing one PostgreSQL journal', () => {
  let stack: TestStack | undefined;
  let other: TestGateway | undefined;
  let place: JournalPlace | undefined;

  afterEach(async () => {
    await other?.close();
    await stack?.close();
    await place?.remove();
    stack = undefined;
    other = undefined;
    place = undefined;
  });

  it('place one order for the same key sent to both at once, and either answers it afterwards', async () => {
    place = await postgresJournals.place();
    stack = await startTestStack(inJournal(place));
    other = await startTestGateway(stack.simulator, inJournal(place));
    const input = orderInput('both-replicas');

    const answers = await Promise.all([
      order(stack, input),
      postGraphQL<OrderData>(other.url, CREATE_ORDER, { input }),
      order(stack, input),
      postGraphQL<OrderData>(other.url, CREATE_ORDER, { input }),
    ]);

    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      // The replica that lost the race answers the winner's attempt as it stands: sent, outcome not yet known.
      expect(['PLACED', 'OUTCOME_UNKNOWN']).toContain(answer.data?.createOrder.status);
    }
    expect(await postsToOrders(stack)).toBe(1);
    const repeats = [stack.gatewayUrl, other.url].map((url) =>
      postGraphQL<OrderData>(url, CREATE_ORDER, { input }),
    );
    await expectOnePlacedOrder(stack, ...(await Promise.all(repeats)));
  });
});

describe('an order journaled in a PostgreSQL slower than the answer timeout', () => {
  const startJournaled = journaledStacks(postgresJournals);

  it('is of unknown outcome, not NOT_SENT, when the send was marked after the caller gave up; the retry orders nothing more', async () => {
    const { stack, place } = await startJournaled({
      oneAtlas: (config) => ({ ...config, timeoutMs: 1_000 }),
    });
    const schema = place.gateway.stores.database?.schema;
    // Migrates the journal and takes the token, so that only the send below is slow.
    expect((await order(stack, orderInput('warm-up'))).data?.createOrder.status).toBe('PLACED');
    // A slow PostgreSQL (a lock, a busy pool): recording "sent" takes twice the answer timeout.
    await administer(`CREATE FUNCTION ${schema}.slow_sent() RETURNS trigger AS $$
      BEGIN IF NEW.sent_at IS NOT NULL AND OLD.sent_at IS NULL THEN PERFORM pg_sleep(2); END IF; RETURN NEW; END
      $$ LANGUAGE plpgsql;
      CREATE TRIGGER slow_sent BEFORE UPDATE ON ${schema}.order_attempts
        FOR EACH ROW EXECUTE FUNCTION ${schema}.slow_sent();`);
    const input = orderInput('slow-journal');

    const first = await order(stack, input);
    await administer(`DROP TRIGGER slow_sent ON ${schema}.order_attempts`);
    const retried = await order(stack, input);

    const orders = (await ledger(stack)).filter((placed) => placed.customerReference === 'slow-journal');
    expect(orders).toHaveLength(1);
    // The caller gave up before the send was marked, and the POST left: found by its reference.
    expect(first.errors).toBeUndefined();
    const attempt = await stack.graphql<AttemptData>(ORDER_ATTEMPT, { key: 'slow-journal' });
    const events = attempt.data?.orderAttempt?.events.map((event) => event.kind);
    expect(events).toContain('OUTCOME_UNKNOWN');
    expect(events).not.toContain('NOT_SENT');
    expect(retried.data?.createOrder).toMatchObject({
      status: 'PLACED',
      salesOrderId: orders[0]?.salesOrderId,
    });
  });
});
