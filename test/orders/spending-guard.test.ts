import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/caller.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { type LoggedRequest, ledger, upstreamRequests } from '../safety/support.js';
import {
  createSigner,
  type Signer,
  type Spending,
  signedCaller,
  startTwoAccountSimulator,
  twoTenantsSpending,
  withSharingTenant,
} from '../support/callers.js';
import { controlsOf, startTestGateway, type TestGateway } from '../support/gateway.js';
import { inJournal, JOURNAL_STORES, type JournalPlace } from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import { type SpendingReplicas, startSpendingReplicas } from '../support/spending-replicas.js';

/**
 * The spending guard, through the real gateway against the simulator, with two tenants on two
 * OneAtlas accounts: alpha has a budget and an approval threshold, beta is the tenant next door.
 * The simulator prices the test order (`orderInput`) at 690.
 */

const ORDER_PRICE = 690;

const CREATE_ORDER = `mutation Order($input: OrderInput!) {
  createOrder(input: $input) { status salesOrderId idempotencyKey currency totalAmount }
}`;
const APPROVE = `mutation Approve($key: ID!) {
  approveOrder(idempotencyKey: $key) { status salesOrderId totalAmount }
}`;
const REJECT = `mutation Reject($key: ID!, $reason: String!) {
  rejectOrder(idempotencyKey: $key, reason: $reason) { state decidedBy decidedAt decisionReason }
}`;
const ATTEMPT = `query Attempt($key: String!) {
  orderAttempt(idempotencyKey: $key) {
    state tenantId requestedBy decidedBy decidedAt decisionReason currency totalAmount salesOrderId sendCount
    createdAt events { kind detail at }
  }
}`;

interface OrderAnswer {
  createOrder?: {
    status: string;
    salesOrderId: string | null;
    currency: string | null;
    totalAmount: number | null;
  };
  approveOrder?: { status: string; salesOrderId: string | null; totalAmount: number | null };
}

function posts(requests: LoggedRequest[], path: string): number {
  return requests.filter((request) => request.method === 'POST' && request.path === `/api/v1${path}`).length;
}

describe.each(JOURNAL_STORES)('the spending guard (journal in $name)', (journals) => {
  let simulator: RunningSimulator | undefined;
  let place: JournalPlace | undefined;
  let gateway: TestGateway | undefined;
  let signer: Signer;

  /**
   * A gateway on this test's simulator and journal, with alpha's guard set to `spending`, and gamma
   * sharing alpha's account and contract.
   */
  async function start(spending: Spending): Promise<TestGateway> {
    if (simulator === undefined) {
      signer = await createSigner();
      simulator = await startTwoAccountSimulator();
      place = await journals.place();
    }
    await gateway?.close();
    if (place === undefined) throw new Error('no journal place');
    gateway = await startTestGateway(
      simulator,
      inJournal(place, {
        callers: withSharingTenant(
          twoTenantsSpending(simulator, signer, 'alpha', spending),
          'alpha',
          'gamma',
        ),
      }),
    );
    return gateway;
  }

  function as(tenant: 'alpha' | 'beta' | 'gamma', roles: readonly Role[]) {
    return signedCaller<OrderAnswer>(signer, gatewayUrl, tenant, roles);
  }

  function gatewayUrl(): string {
    if (gateway === undefined) throw new Error('no gateway');
    return gateway.url;
  }

  afterEach(async () => {
    await gateway?.close();
    await simulator?.close();
    await place?.remove();
    gateway = undefined;
    simulator = undefined;
    place = undefined;
  });

  it('refuses an order over the month’s budget with what is left, and sends nothing', async () => {
    await start({ monthlyBudget: 1_000, approvalThreshold: null });
    const alpha = await as('alpha', ['read', 'order']);

    const first = await alpha(CREATE_ORDER, { input: orderInput('within-budget') });
    const second = await alpha(CREATE_ORDER, { input: orderInput('over-budget') });

    expect(first.data?.createOrder).toMatchObject({ status: 'PLACED', totalAmount: ORDER_PRICE });
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      remainingAmount: 1_000 - ORDER_PRICE,
      currency: first.data?.createOrder?.currency,
    });
    expect(posts(await upstreamRequests(controlsOf(simulator)), '/orders')).toBe(1);
    expect(await ledger(controlsOf(simulator))).toHaveLength(1);
    const refused = await alpha<{ orderAttempt: unknown }>(ATTEMPT, { key: 'over-budget' });
    expect(refused.data?.orderAttempt).toBeNull();
  });

  it('holds an order above the threshold until someone with the approve role approves it, re-priced', async () => {
    await start({ monthlyBudget: null, approvalThreshold: 500 });
    const orderer = await as('alpha', ['read', 'order']);
    const approver = await as('alpha', ['read', 'approve']);
    const otherTenantsApprover = await as('beta', ['read', 'order', 'approve']);

    const held = await orderer(CREATE_ORDER, { input: orderInput('big-order') });
    expect(held.data?.createOrder).toMatchObject({ status: 'AWAITING_APPROVAL', salesOrderId: null });
    expect(await ledger(controlsOf(simulator))).toHaveLength(0);
    expect(posts(await upstreamRequests(controlsOf(simulator)), '/orders')).toBe(0);

    const byOrderer = await orderer(APPROVE, { key: 'big-order' });
    const byOtherTenant = await otherTenantsApprover(APPROVE, { key: 'big-order' });
    expect(byOrderer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byOtherTenant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ledger(controlsOf(simulator))).toHaveLength(0);

    const pricedBefore = posts(await upstreamRequests(controlsOf(simulator)), '/prices');
    const approved = await approver(APPROVE, { key: 'big-order' });
    const orders = await ledger(controlsOf(simulator));
    expect(orders).toHaveLength(1);
    expect(approved.data?.approveOrder).toMatchObject({
      status: 'PLACED',
      salesOrderId: orders[0]?.salesOrderId,
      totalAmount: ORDER_PRICE,
    });
    expect(posts(await upstreamRequests(controlsOf(simulator)), '/prices')).toBe(pricedBefore + 1);

    // The journal: who asked, who approved, when, and the amount.
    const journaled = await approver<{
      orderAttempt: Record<string, unknown> & { events: { kind: string; detail: string | null }[] };
    }>(ATTEMPT, { key: 'big-order' });
    const attempt = journaled.data?.orderAttempt;
    expect(attempt).toMatchObject({
      state: 'PLACED',
      tenantId: 'alpha',
      requestedBy: 'alpha/user-of-alpha',
      decidedBy: 'alpha/user-of-alpha',
      totalAmount: ORDER_PRICE,
      salesOrderId: orders[0]?.salesOrderId,
      sendCount: 1,
    });
    expect(Date.parse(String(attempt?.decidedAt))).toBeGreaterThanOrEqual(
      Date.parse(String(attempt?.createdAt)),
    );
    expect(attempt?.events.map((event) => event.kind)).toEqual([
      'AWAITING_APPROVAL',
      'APPROVED',
      'SENT',
      'PLACED',
    ]);
    expect(attempt?.events.map((event) => event.detail)).toEqual([
      `by alpha/user-of-alpha, priced ${ORDER_PRICE} EUR`,
      `by alpha/user-of-alpha at ${ORDER_PRICE} EUR`,
      null,
      `sales order ${orders[0]?.salesOrderId}`,
    ]);
    // The other tenant does not see it at all.
    const seenByBeta = await otherTenantsApprover<{ orderAttempt: unknown }>(ATTEMPT, { key: 'big-order' });
    expect(seenByBeta.data?.orderAttempt).toBeNull();
  });

  it('keeps idempotency keys per tenant: two tenants’ same key are two orders, neither sees nor decides the other’s', async () => {
    await start({ monthlyBudget: null, approvalThreshold: 500 });
    const alpha = await as('alpha', ['read', 'order', 'approve']);
    // Gamma orders on alpha's account and contract, without an approval threshold.
    const gamma = await as('gamma', ['read', 'order', 'approve']);
    const alphaOrder = orderInput('alpha-order', { idempotencyKey: 'same-key' });
    const gammaOrder = orderInput('gamma-order', { idempotencyKey: 'same-key' });

    const held = await alpha(CREATE_ORDER, { input: alphaOrder });
    expect(held.data?.createOrder?.status).toBe('AWAITING_APPROVAL');
    // Gamma's own order under the same key: placed, neither refused nor answered alpha's attempt.
    const placed = await gamma(CREATE_ORDER, { input: gammaOrder });
    expect(placed.data?.createOrder).toMatchObject({ status: 'PLACED', idempotencyKey: 'same-key' });
    const again = await gamma(CREATE_ORDER, { input: gammaOrder });
    expect(again.data?.createOrder).toEqual(placed.data?.createOrder);
    expect(await ledger(controlsOf(simulator))).toHaveLength(1);

    const attemptOf = async (caller: typeof alpha) =>
      (await caller<{ orderAttempt: { state: string; tenantId: string } }>(ATTEMPT, { key: 'same-key' })).data
        ?.orderAttempt;
    expect(await attemptOf(alpha)).toMatchObject({ state: 'AWAITING_APPROVAL', tenantId: 'alpha' });
    expect(await attemptOf(gamma)).toMatchObject({ state: 'PLACED', tenantId: 'gamma' });
    // Gamma's approver reaches gamma's attempt only: placed, so not awaiting approval; alpha's stays held.
    expect((await gamma(APPROVE, { key: 'same-key' })).errors?.[0]?.extensions?.code).toBe(
      'NOT_AWAITING_APPROVAL',
    );
    expect(await attemptOf(alpha)).toMatchObject({ state: 'AWAITING_APPROVAL' });

    expect((await alpha(APPROVE, { key: 'same-key' })).data?.approveOrder?.status).toBe('PLACED');
    expect(await ledger(controlsOf(simulator))).toHaveLength(2);
  });

  it('holds an order that needs a manual feasibility study whatever the threshold, and sends it unpriced, at 0', async () => {
    // Its cost is unknown until Airbus' study, and charged only once its requester confirms it in
    // OneAtlas; a budget smaller than any price does not stop it: nothing is charged through the API.
    await start({ monthlyBudget: 100, approvalThreshold: 1_000_000 });
    const orderer = await as('alpha', ['read', 'order']);
    const approver = await as('alpha', ['read', 'approve']);
    const input = orderInput('stereo-order', {
      acquisitionMode: 'STEREO',
      stereo: { minBH: 0.4, maxBH: 0.7 },
    });

    const held = await orderer(CREATE_ORDER, { input });
    expect(held.data?.createOrder).toMatchObject({
      status: 'AWAITING_APPROVAL',
      salesOrderId: null,
      currency: 'EUR',
      totalAmount: 0,
    });
    expect(await ledger(controlsOf(simulator))).toHaveLength(0);

    const approved = await approver(APPROVE, { key: 'stereo-order' });
    const orders = await ledger(controlsOf(simulator));
    expect(orders).toHaveLength(1);
    expect(approved.data?.approveOrder).toEqual({
      status: 'PLACED',
      salesOrderId: orders[0]?.salesOrderId,
      totalAmount: 0,
    });
    const requests = await upstreamRequests(controlsOf(simulator));
    expect(posts(requests, '/prices')).toBe(0);
    expect(posts(requests, '/orders')).toBe(1);
  });

  it('rejects a held order with a reason, sends nothing, and it cannot be approved afterwards', async () => {
    await start({ monthlyBudget: null, approvalThreshold: 500 });
    const orderer = await as('alpha', ['read', 'order']);
    const approver = await as('alpha', ['read', 'approve']);
    await orderer(CREATE_ORDER, { input: orderInput('refused-order') });

    const withoutRole = await orderer(REJECT, { key: 'refused-order', reason: 'too dear' });
    expect(withoutRole.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rejected = await approver<{ rejectOrder: Record<string, unknown> }>(REJECT, {
      key: 'refused-order',
      reason: 'Cheaper archive imagery covers it',
    });
    expect(rejected.data?.rejectOrder).toMatchObject({
      state: 'APPROVAL_REJECTED',
      decidedBy: 'alpha/user-of-alpha',
      decisionReason: 'Cheaper archive imagery covers it',
    });
    expect(rejected.data?.rejectOrder.decidedAt).toEqual(expect.any(String));

    const lateApproval = await approver(APPROVE, { key: 'refused-order' });
    expect(lateApproval.errors?.[0]?.extensions?.code).toBe('NOT_AWAITING_APPROVAL');
    expect(await ledger(controlsOf(simulator))).toHaveLength(0);
    expect(posts(await upstreamRequests(controlsOf(simulator)), '/orders')).toBe(0);
  });

  it('counts placed and held orders against the budget across restarts, and re-checks it on approval', async () => {
    await start({ monthlyBudget: 2_000, approvalThreshold: 600 });
    const orderer = await as('alpha', ['read', 'order']);
    const approver = await as('alpha', ['read', 'approve']);
    const held = await orderer(CREATE_ORDER, { input: orderInput('held-across-restart') });
    expect(held.data?.createOrder?.status).toBe('AWAITING_APPROVAL');
    // Placed without approval once the threshold is raised (a configuration change needs a restart).
    await start({ monthlyBudget: 2_000, approvalThreshold: null });
    const placed = await orderer(CREATE_ORDER, { input: orderInput('placed-across-restart') });
    expect(placed.data?.createOrder?.status).toBe('PLACED');

    await start({ monthlyBudget: 2_000, approvalThreshold: null });
    const third = await orderer(CREATE_ORDER, { input: orderInput('third') });
    expect(third.errors?.[0]?.extensions).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      remainingAmount: 2_000 - 2 * ORDER_PRICE,
    });

    // The budget is cut below what the held order costs: approving it is refused, nothing sent.
    await start({ monthlyBudget: 1_000, approvalThreshold: 600 });
    const approval = await approver(APPROVE, { key: 'held-across-restart' });
    expect(approval.errors?.[0]?.extensions).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      remainingAmount: 1_000 - ORDER_PRICE,
    });
    expect(await ledger(controlsOf(simulator))).toHaveLength(1);
    const stillHeld = await approver<{ orderAttempt: { state: string } }>(ATTEMPT, {
      key: 'held-across-restart',
    });
    expect(stillHeld.data?.orderAttempt.state).toBe('AWAITING_APPROVAL');
  });
});

describe('the spending guard across two replicas sharing one PostgreSQL journal', () => {
  let replicas: SpendingReplicas | undefined;

  afterEach(async () => {
    await replicas?.close();
    replicas = undefined;
  });

  it('never lets concurrent orders on different replicas overrun the budget', async () => {
    replicas = await startSpendingReplicas('alpha', { monthlyBudget: 1_000, approvalThreshold: null });
    const { post, simulator } = replicas;

    // Each order fits the budget alone; any two together do not.
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name, index) =>
        post<OrderAnswer>(index, CREATE_ORDER, { input: orderInput(`race-${name}`) }),
      ),
    );

    const placed = answers.filter((answer) => answer.data?.createOrder?.status === 'PLACED');
    const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'BUDGET_EXCEEDED');
    expect(placed).toHaveLength(1);
    expect(refused).toHaveLength(3);
    expect(await ledger(controlsOf(simulator))).toHaveLength(1);
  });
});
