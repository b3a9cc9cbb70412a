import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/caller.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { type LoggedRequest, upstreamRequests } from '../safety/support.js';
import {
  BETA_CONTRACT,
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
import { neoOrderInput } from '../support/neo.js';
import { type SpendingReplicas, startSpendingReplicas } from '../support/spending-replicas.js';

/**
 * Accepting a Pléiades Neo quotation spends money under `createOrder`'s rules, through the real
 * gateway against the simulator: beta owns the Neo contract (with the spending guard each test sets)
 * and shares it with gamma (no guard), alpha is the tenant next door. The simulator's request log counts the acceptances that reached it.
 */

const QUOTE = `mutation Quote($input: OrderInput!) {
  requestQuotation(input: $input) { id totalAmount currency }
}`;
const ACCEPT = `mutation Accept($c: ID, $q: ID!) {
  acceptQuotation(contractId: $c, quotationId: $q) { status salesOrderId idempotencyKey totalAmount }
}`;
const APPROVE = `mutation Approve($key: ID!) {
  approveOrder(idempotencyKey: $key) { status salesOrderId totalAmount }
}`;
const ATTEMPT = `query Attempt($key: String!) {
  orderAttempt(idempotencyKey: $key) { operation state requestedBy decidedBy totalAmount sendCount events { kind } }
}`;

interface Answer {
  requestQuotation?: { id: string; totalAmount: number; currency: string };
  acceptQuotation?: {
    status: string;
    salesOrderId: string | null;
    idempotencyKey: string;
    totalAmount: number;
  };
  approveOrder?: { status: string; salesOrderId: string | null; totalAmount: number };
}

function acceptances(requests: LoggedRequest[]): number {
  return requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/accept')).length;
}

describe.each(JOURNAL_STORES)(
  'acceptQuotation spends money like createOrder (journal in $name)',
  (journals) => {
    let simulator: RunningSimulator | undefined;
    let place: JournalPlace | undefined;
    let gateway: TestGateway | undefined;
    let signer: Signer;

    async function start(spending: Spending): Promise<RunningSimulator> {
      signer = await createSigner();
      simulator = await startTwoAccountSimulator();
      place = await journals.place();
      gateway = await startTestGateway(
        simulator,
        inJournal(place, {
          callers: withSharingTenant(
            twoTenantsSpending(simulator, signer, 'beta', spending),
            'beta',
            'gamma',
          ),
        }),
      );
      return simulator;
    }

    function as(tenant: 'alpha' | 'beta' | 'gamma', roles: readonly Role[]) {
      return signedCaller<Answer>(signer, gatewayUrl, tenant, roles);
    }

    function gatewayUrl(): string {
      if (gateway === undefined) throw new Error('no gateway');
      return gateway.url;
    }

    async function quotation(reference: string): Promise<{ id: string; totalAmount: number }> {
      const orderer = await as('beta', ['read', 'order']);
      const quoted = await orderer(QUOTE, { input: neoOrderInput(reference) });
      expect(quoted.errors, JSON.stringify(quoted.errors)).toBeUndefined();
      return quoted.data?.requestQuotation as { id: string; totalAmount: number };
    }

    afterEach(async () => {
      await gateway?.close();
      await simulator?.close();
      await place?.remove();
      gateway = undefined;
      simulator = undefined;
      place = undefined;
    });

    it('refuses an acceptance over the month’s budget, journals nothing and sends nothing', async () => {
      const upstream = await start({ monthlyBudget: 1, approvalThreshold: null });
      const quote = await quotation('neo-over-budget');
      const orderer = await as('beta', ['read', 'order']);

      const refused = await orderer(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXCEEDED', remainingAmount: 1 });
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(0);
      const journaled = await orderer<{ orderAttempt: unknown }>(ATTEMPT, { key: `quotation:${quote.id}` });
      expect(journaled.data?.orderAttempt).toBeNull();
    });

    it('holds an acceptance above the threshold until an approver of the tenant releases it, once', async () => {
      const upstream = await start({ monthlyBudget: null, approvalThreshold: 1 });
      const quote = await quotation('neo-held');
      const orderer = await as('beta', ['read', 'order']);
      const approver = await as('beta', ['read', 'approve']);
      const otherTenant = await as('alpha', ['read', 'order', 'approve']);
      const key = `quotation:${quote.id}`;

      const held = await orderer(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(held.data?.acceptQuotation).toEqual({
        status: 'AWAITING_APPROVAL',
        salesOrderId: null,
        idempotencyKey: key,
        totalAmount: quote.totalAmount,
      });
      // Asked again while held: the same answer, still nothing sent.
      expect((await orderer(ACCEPT, { c: BETA_CONTRACT, q: quote.id })).data).toEqual(held.data);
      expect((await otherTenant(APPROVE, { key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await orderer(APPROVE, { key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(0);

      const approved = await approver(APPROVE, { key });
      expect(approved.data?.approveOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: expect.stringMatching(/^SAL/),
        totalAmount: quote.totalAmount,
      });
      expect((await orderer(ACCEPT, { c: BETA_CONTRACT, q: quote.id })).data?.acceptQuotation?.status).toBe(
        'PLACED',
      );
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(1);
      const journaled = await approver<{ orderAttempt: Record<string, unknown> }>(ATTEMPT, { key });
      expect(journaled.data?.orderAttempt).toEqual({
        operation: 'QUOTATION_ACCEPTANCE',
        state: 'PLACED',
        requestedBy: 'beta/user-of-beta',
        decidedBy: 'beta/user-of-beta',
        totalAmount: quote.totalAmount,
        sendCount: 1,
        events: [{ kind: 'AWAITING_APPROVAL' }, { kind: 'APPROVED' }, { kind: 'SENT' }, { kind: 'PLACED' }],
      });
    });

    it('accepts a quotation once for the tenants sharing its contract: the other is told it is decided, and sees nothing of the first’s entry', async () => {
      const upstream = await start({ monthlyBudget: null, approvalThreshold: 1 });
      const quote = await quotation('neo-shared');
      const orderer = await as('beta', ['read', 'order']);
      const approver = await as('beta', ['read', 'approve']);
      const sharing = await as('gamma', ['read', 'order', 'approve']);
      const key = `quotation:${quote.id}`;

      expect((await orderer(ACCEPT, { c: BETA_CONTRACT, q: quote.id })).data?.acceptQuotation?.status).toBe(
        'AWAITING_APPROVAL',
      );
      const whileHeld = await sharing(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(whileHeld.errors?.[0]?.extensions?.code).toBe('QUOTATION_ALREADY_DECIDED');
      expect((await sharing(APPROVE, { key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await sharing<{ orderAttempt: unknown }>(ATTEMPT, { key })).data?.orderAttempt).toBeNull();
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(0);

      expect((await approver(APPROVE, { key })).data?.approveOrder?.status).toBe('PLACED');
      const afterwards = await sharing(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(afterwards.errors?.[0]?.extensions?.code).toBe('QUOTATION_ALREADY_DECIDED');
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(1);
    });

    it('lets gamma accept a quotation beta shares with it, counted as gamma’s', async () => {
      const upstream = await start({ monthlyBudget: null, approvalThreshold: 1 });
      const quote = await quotation('neo-by-gamma');
      const sharing = await as('gamma', ['read', 'order']);

      // Beta's threshold is beta's: gamma, without one, accepts at once.
      const accepted = await sharing(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(accepted.data?.acceptQuotation).toMatchObject({
        status: 'PLACED',
        idempotencyKey: `quotation:${quote.id}`,
      });
      const byBeta = await (await as('beta', ['read', 'order']))(ACCEPT, { c: BETA_CONTRACT, q: quote.id });
      expect(byBeta.errors?.[0]?.extensions?.code).toBe('QUOTATION_ALREADY_DECIDED');
      const journaled = await sharing<{ orderAttempt: { requestedBy: string } }>(ATTEMPT, {
        key: `quotation:${quote.id}`,
      });
      expect(journaled.data?.orderAttempt.requestedBy).toBe('gamma/user-of-gamma');
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(1);
    });

    it('refuses a quotation once for the tenants sharing its contract, telling the second the outcome but not who asked', async () => {
      const upstream = await start({ monthlyBudget: null, approvalThreshold: null });
      const quote = await quotation('neo-refused-once');
      const REFUSE = `mutation Refuse($c: ID, $q: ID!) { refuseQuotation(contractId: $c, quotationId: $q) { state requestedBy } }`;
      const refuse = async (tenant: 'beta' | 'gamma') =>
        (
          await (
            await as(tenant, ['read', 'order'])
          )<{ refuseQuotation: unknown }>(REFUSE, {
            c: BETA_CONTRACT,
            q: quote.id,
          })
        ).data?.refuseQuotation;

      expect(await refuse('beta')).toEqual({ state: 'DONE', requestedBy: 'beta/user-of-beta' });
      expect(await refuse('gamma')).toEqual({ state: 'DONE', requestedBy: null });
      expect(await refuse('beta')).toEqual({ state: 'DONE', requestedBy: 'beta/user-of-beta' });
      const refusals = (await upstreamRequests(controlsOf(upstream))).filter(
        (request) => request.method === 'PUT' && request.path.endsWith('/refuse'),
      );
      expect(refusals).toHaveLength(1);
    });

    it('lets only the contract’s tenant with the order role accept, once per operation', async () => {
      const upstream = await start({ monthlyBudget: null, approvalThreshold: null });
      const quote = await quotation('neo-who');
      const reader = await as('beta', ['read']);
      const otherTenant = await as('alpha', ['read', 'order']);
      const orderer = await as('beta', ['read', 'order']);

      expect((await reader(ACCEPT, { c: BETA_CONTRACT, q: quote.id })).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await otherTenant(ACCEPT, { c: BETA_CONTRACT, q: quote.id })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      const twice = await orderer(
        `mutation Twice($c: ID, $q: ID!) {
        a: acceptQuotation(contractId: $c, quotationId: $q) { status }
        b: acceptQuotation(contractId: $c, quotationId: $q) { status }
      }`,
        { c: BETA_CONTRACT, q: quote.id },
      );
      expect(twice.errors?.[0]?.message).toContain('spends money');
      expect(acceptances(await upstreamRequests(controlsOf(upstream)))).toBe(0);
    });
  },
);

describe('acceptQuotation on two replicas sharing one PostgreSQL journal', () => {
  let replicas: SpendingReplicas | undefined;

  afterEach(async () => {
    await replicas?.close();
    replicas = undefined;
  });

  it('accepts a quotation clicked on both at once exactly once, and both answer the same order', async () => {
    replicas = await startSpendingReplicas('beta', { monthlyBudget: null, approvalThreshold: null });
    const { post, simulator } = replicas;
    const quoted = await post<Answer>(0, QUOTE, { input: neoOrderInput('neo-replicas') });
    const quotationId = quoted.data?.requestQuotation?.id;

    const answers = await Promise.all(
      [0, 1, 2, 3].map((index) => post<Answer>(index, ACCEPT, { c: BETA_CONTRACT, q: quotationId })),
    );
    for (const answer of answers) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    const salesOrders = new Set(answers.map((answer) => answer.data?.acceptQuotation?.salesOrderId));
    expect(answers.every((answer) => answer.data?.acceptQuotation?.status === 'PLACED')).toBe(true);
    expect(salesOrders.size).toBe(1);
    expect(acceptances(await upstreamRequests(controlsOf(simulator)))).toBe(1);
  });
});
