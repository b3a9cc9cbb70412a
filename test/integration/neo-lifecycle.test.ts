/**
 * The Pléiades Neo lifecycle through GraphQL against the simulator, from feasibility to delivered
 * imagery, and its journaled actions: accepting and refusing quotations, cancelling and stopping order
 * items, cancelling legacy taskings. The simulator's request log proves what reached "Airbus": each
 * action at most once, and nothing at all for what the gateway refuses itself.
 */
import { describe, expect, it } from 'vitest';
import { SEEDED_NEO_CONTRACT_ID, SEEDED_NEO_WORKSPACE_ID } from '../../src/simulator/seed.js';
import { type GraphQLResponse, SimulatedClock, sharedTestStack } from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';

const HOUR_S = 3_600;
const LEGACY_CONTRACT = 'CTR21000411';

interface LoggedRequest {
  method: string;
  path: string;
}

interface Action {
  action: string;
  targetId: string;
  state: string;
  requestedBy: string | null;
  createdAt: string;
  sentAt: string | null;
}

const ACTION_FIELDS = 'action targetId state requestedBy createdAt sentAt';

const QUOTE = /* GraphQL */ `
  mutation Quote($input: OrderInput!) {
    requestQuotation(input: $input) { id totalAmount currency validUntil cancellationDeadline orderItemIds }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($c: ID, $q: ID!) {
    acceptQuotation(contractId: $c, quotationId: $q) { status salesOrderId idempotencyKey currency totalAmount }
  }
`;
const REFUSE = `mutation Refuse($c: ID, $q: ID!) { refuseQuotation(contractId: $c, quotationId: $q) { ${ACTION_FIELDS} } }`;
const CANCEL = `mutation Cancel($c: ID, $i: ID!) { cancelOrderItem(contractId: $c, orderItemId: $i) { ${ACTION_FIELDS} } }`;
const STOP = `mutation Stop($c: ID, $i: ID!) { stopOrderItem(contractId: $c, orderItemId: $i) { ${ACTION_FIELDS} } }`;
const CANCEL_TASKING = `mutation CancelTasking($c: ID, $t: ID!) { cancelTasking(contractId: $c, taskingId: $t) { ${ACTION_FIELDS} } }`;
const ITEM = /* GraphQL */ `
  query Item($c: ID, $id: ID!) {
    neoOrderItem(contractId: $c, id: $id) {
      id status quotationStatus amount currency
      coverageItems { id status }
    }
  }
`;

interface Quotation {
  id: string;
  totalAmount: number;
  currency: string;
  orderItemIds: string[];
}

interface Accepted {
  status: string;
  salesOrderId: string | null;
  idempotencyKey: string;
  currency: string;
  totalAmount: number;
}

function errorCode(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.code;
}

describe('the Pléiades Neo lifecycle and its journaled actions, through GraphQL', () => {
  const clock = new SimulatedClock();
  // No reset between tests: quotation and order item ids stay unique, as upstream, for the one journal.
  const stack = sharedTestStack({ now: clock.now });

  /** The gateway's calls to OneAtlas since the mark, the token endpoint aside. */
  async function callsSince(mark: number): Promise<LoggedRequest[]> {
    const { requests } = await stack().control<{ requests: LoggedRequest[] }>('GET', '/requests');
    return requests.slice(mark).filter((request) => request.path.startsWith('/api/'));
  }

  async function mark(): Promise<number> {
    return (await stack().control<{ requests: unknown[] }>('GET', '/requests')).requests.length;
  }

  function countOf(calls: LoggedRequest[], pattern: RegExp): number {
    return calls.filter((call) => pattern.test(`${call.method} ${call.path}`)).length;
  }

  async function quote(reference: string): Promise<Quotation> {
    const response = await stack().graphql<{ requestQuotation: Quotation }>(QUOTE, {
      input: neoOrderInput(reference),
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data?.requestQuotation as Quotation;
  }

  function accept(quotationId: string) {
    return stack().graphql<{ acceptQuotation: Accepted }>(ACCEPT, {
      c: SEEDED_NEO_CONTRACT_ID,
      q: quotationId,
    });
  }

  function act(query: string, variables: Record<string, unknown>) {
    return stack().graphql<Record<string, Action>>(query, { c: SEEDED_NEO_CONTRACT_ID, ...variables });
  }

  async function item(id: string) {
    const response = await stack().graphql<{
      neoOrderItem: {
        status: string;
        quotationStatus: string;
        amount: number;
        coverageItems: { id: string; status: string }[];
      };
    }>(ITEM, { c: SEEDED_NEO_CONTRACT_ID, id });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data?.neoOrderItem;
  }

  /** An accepted quotation's order item, under way. */
  async function orderedItem(reference: string): Promise<string> {
    const quotation = await quote(reference);
    expect((await accept(quotation.id)).errors).toBeUndefined();
    return String(quotation.orderItemIds[0]);
  }

  it('runs feasibility → attempts → price → quotation → accept → order item → coverage → delivered imagery', async () => {
    const input = neoOrderInput('life-1');
    const discovery = await stack().graphql<{
      feasibility: { progTypes: { name: string; available: boolean }[] }[];
      attempts: { progTypes: { name: string; attempts: unknown[] }[] }[];
      price: { totalAmount: number; currency: string };
    }>(
      `query Discover($search: TaskingSearchInput!, $input: OrderInput!) {
        feasibility(input: $search) { progTypes { name available } }
        attempts(input: $search) { progTypes { name attempts { segmentKey } } }
        price(input: $input) { totalAmount currency }
      }`,
      {
        search: {
          contractId: SEEDED_NEO_CONTRACT_ID,
          missions: ['PLEIADES_NEO'],
          progTypes: ['ONEPLAN', 'ONEDAY'],
          aoi: input.aoi,
          window: input.window,
        },
        input,
      },
    );
    expect(discovery.errors, JSON.stringify(discovery.errors)).toBeUndefined();
    expect(discovery.data?.feasibility[0]?.progTypes.some((progType) => progType.available)).toBe(true);
    expect(discovery.data?.price.totalAmount).toBeGreaterThan(0);

    const quotation = await quote('life-1');
    const before = await item(String(quotation.orderItemIds[0]));
    expect(before).toMatchObject({ status: 'PENDING', quotationStatus: 'SENT' });

    const since = await mark();
    const accepted = await accept(quotation.id);
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(accepted.data?.acceptQuotation).toMatchObject({
      status: 'PLACED',
      idempotencyKey: `quotation:${quotation.id}`,
      currency: quotation.currency,
      salesOrderId: expect.stringMatching(/^SAL/),
    });
    // What it spent is the quotation's lines: here its one item.
    expect(accepted.data?.acceptQuotation.totalAmount).toBe(before?.amount);

    // Accepting again, and again at once, answers the first acceptance: one PUT in all.
    const repeats = await Promise.all([accept(quotation.id), accept(quotation.id)]);
    for (const repeat of repeats) expect(repeat.data).toEqual(accepted.data);
    expect(countOf(await callsSince(since), /^PUT .*\/quotations\/.*\/accept$/)).toBe(1);

    await clock.advance(stack(), 27 * HOUR_S);
    const ordered = await item(String(quotation.orderItemIds[0]));
    expect(ordered).toMatchObject({ status: 'IN_PROGRESS', quotationStatus: 'ACCEPTED' });
    const proposed = ordered?.coverageItems.find((coverage) => coverage.status === 'PROPOSED');
    expect(proposed).toBeDefined();

    const decided = await stack().graphql<{ acceptCoverage: { status: string } }>(
      `mutation Decide($c: ID, $o: ID!, $v: ID!) {
        acceptCoverage(contractId: $c, orderItemId: $o, coverageItemId: $v) { status }
      }`,
      { c: SEEDED_NEO_CONTRACT_ID, o: quotation.orderItemIds[0], v: proposed?.id },
    );
    expect(decided.data?.acceptCoverage.status).toBe('VALIDATED');
    const imagery = await stack().graphql<{ imagery: { edges: { node: { id: string } }[] } }>(
      'query Imagery($w: ID) { imagery(workspaceId: $w) { edges { node { id } } } }',
      { w: SEEDED_NEO_WORKSPACE_ID },
    );
    expect(imagery.data?.imagery.edges).toHaveLength(1);

    const journal = await stack().graphql<{
      orderAttempt: { operation: string; state: string; totalAmount: number; sendCount: number };
    }>(
      'query A($k: String!) { orderAttempt(idempotencyKey: $k) { operation state totalAmount sendCount } }',
      {
        k: `quotation:${quotation.id}`,
      },
    );
    expect(journal.data?.orderAttempt).toEqual({
      operation: 'QUOTATION_ACCEPTANCE',
      state: 'PLACED',
      totalAmount: before?.amount,
      sendCount: 1,
    });
  });

  it('refuses an expired quotation, an unknown one, and one already refused, sending no decision', async () => {
    const expired = await quote('life-expired');
    const refused = await quote('life-refused');
    const first = await act(REFUSE, { q: refused.id });
    expect(first.data?.refuseQuotation).toMatchObject({
      action: 'REFUSE_QUOTATION',
      targetId: refused.id,
      state: 'DONE',
      requestedBy: expect.any(String),
    });
    await clock.advance(stack(), 25 * HOUR_S);

    const since = await mark();
    expect(errorCode(await accept(expired.id))).toBe('QUOTATION_EXPIRED');
    expect(errorCode(await accept('QUO999999999'))).toBe('NOT_FOUND');
    expect(errorCode(await accept(refused.id))).toBe('QUOTATION_ALREADY_DECIDED');
    // Refusing again answers the first refusal, whatever the quotation's state since.
    expect((await act(REFUSE, { q: refused.id })).data).toEqual(first.data);
    expect(countOf(await callsSince(since), /^PUT /)).toBe(0);
  });

  it('refuses to refuse a quotation accepted through the gateway, without calling OneAtlas', async () => {
    const quotation = await quote('life-accept-refuse');
    expect((await accept(quotation.id)).errors).toBeUndefined();
    const since = await mark();
    expect(errorCode(await act(REFUSE, { q: quotation.id }))).toBe('QUOTATION_ALREADY_DECIDED');
    // Only the contract list (the back-end check) was read; no quotation read, no decision.
    expect((await callsSince(since)).map((call) => call.path)).toEqual(['/api/v1/contracts']);
  });

  it('cancels an order item before its deadline, once; a second call answers the first outcome', async () => {
    const orderItemId = await orderedItem('life-cancel');
    const since = await mark();
    const cancelled = await act(CANCEL, { i: orderItemId });
    expect(cancelled.errors, JSON.stringify(cancelled.errors)).toBeUndefined();
    expect(cancelled.data?.cancelOrderItem).toMatchObject({
      action: 'CANCEL_ORDER_ITEM',
      targetId: orderItemId,
      state: 'DONE',
      sentAt: expect.any(String),
    });
    expect((await item(orderItemId))?.status).toBe('CANCELLED');
    expect((await act(CANCEL, { i: orderItemId })).data).toEqual(cancelled.data);
    expect(countOf(await callsSince(since), /^POST .*\/orders\/[^/]+\/cancel$/)).toBe(1);
  });

  it('refuses a cancel after the deadline without calling OneAtlas; the item can still be stopped, once', async () => {
    const orderItemId = await orderedItem('life-late');
    await clock.advance(stack(), 49 * HOUR_S);
    const since = await mark();
    const late = await act(CANCEL, { i: orderItemId });
    expect(errorCode(late)).toBe('CANCELLATION_DEADLINE_PASSED');
    expect(late.errors?.[0]?.message).toContain('stopOrderItem');
    expect(countOf(await callsSince(since), /\/cancel$/)).toBe(0);

    const stopped = await act(STOP, { i: orderItemId });
    expect(stopped.data?.stopOrderItem).toMatchObject({ action: 'STOP_ORDER_ITEM', state: 'DONE' });
    expect((await item(orderItemId))?.status).toBe('STOPPED');
    expect((await act(STOP, { i: orderItemId })).data).toEqual(stopped.data);
    // Stopped: cancelling is refused by the gateway itself.
    expect(errorCode(await act(CANCEL, { i: orderItemId }))).toBe('NOT_CANCELLABLE');
    expect(countOf(await callsSince(since), /^POST .*\/orders\/[^/]+\/(cancel|stop)$/)).toBe(1);
  });

  it('refuses cancel and stop of an unknown order item or one not ordered yet, sending nothing', async () => {
    const pending = await quote('life-pending');
    const since = await mark();
    expect(errorCode(await act(CANCEL, { i: 'WOI_999999999_1' }))).toBe('NOT_FOUND');
    expect(errorCode(await act(STOP, { i: pending.orderItemIds[0] }))).toBe('NOT_CANCELLABLE');
    expect(countOf(await callsSince(since), /\/(cancel|stop)$/)).toBe(0);
  });

  it('never sends a cancel twice when its answer is lost: OUTCOME_UNKNOWN, then DONE once the item shows it', async () => {
    const orderItemId = await orderedItem('life-lost');
    await stack().control('POST', '/faults', {
      method: 'POST',
      path: `/api/v1/orders/${orderItemId}/cancel`,
      afterHandling: true,
      drop: true,
    });
    const since = await mark();
    const lost = await act(CANCEL, { i: orderItemId });
    expect(lost.data?.cancelOrderItem?.state).toBe('OUTCOME_UNKNOWN');
    const again = await act(CANCEL, { i: orderItemId });
    expect(again.data?.cancelOrderItem).toMatchObject({
      state: 'DONE',
      createdAt: lost.data?.cancelOrderItem?.createdAt,
    });
    expect(countOf(await callsSince(since), /\/cancel$/)).toBe(1);
  });

  it("sends a cancel again once the gateway's credential works: a 401 after the token renewal judged nothing", async () => {
    const orderItemId = await orderedItem('life-credential');
    // The cancel and its one retry with a renewed token are refused (a key being rotated).
    await stack().control('POST', '/faults', {
      method: 'POST',
      path: `/api/v1/orders/${orderItemId}/cancel`,
      count: 2,
      status: 401,
    });
    const since = await mark();
    const refused = await act(CANCEL, { i: orderItemId });
    expect(errorCode(refused)).toBe('UPSTREAM_AUTH_FAILED');
    expect((await item(orderItemId))?.status).not.toBe('CANCELLED');

    const cancelled = await act(CANCEL, { i: orderItemId });
    expect(cancelled.errors, JSON.stringify(cancelled.errors)).toBeUndefined();
    expect(cancelled.data?.cancelOrderItem).toMatchObject({ state: 'DONE', sentAt: expect.any(String) });
    expect((await item(orderItemId))?.status).toBe('CANCELLED');
    expect(countOf(await callsSince(since), /^POST .*\/orders\/[^/]+\/cancel$/)).toBe(3);
  });

  it('cancels a legacy tasking once, and refuses one already ended without calling OneAtlas', async () => {
    const since = await mark();
    const cancelled = await stack().graphql<{ cancelTasking: Action }>(CANCEL_TASKING, {
      c: LEGACY_CONTRACT,
      t: 'ICR_FC_0000002',
    });
    expect(cancelled.errors, JSON.stringify(cancelled.errors)).toBeUndefined();
    expect(cancelled.data?.cancelTasking).toMatchObject({ action: 'CANCEL_TASKING', state: 'DONE' });
    const again = await stack().graphql(CANCEL_TASKING, { c: LEGACY_CONTRACT, t: 'ICR_FC_0000002' });
    expect(again.data).toEqual(cancelled.data);
    const tasking = await stack().graphql<{ tasking: { status: string } }>(
      'query T($c: ID) { tasking(contractId: $c, id: "ICR_FC_0000002") { status } }',
      { c: LEGACY_CONTRACT },
    );
    expect(tasking.data?.tasking.status).toBe('CANCELED');

    for (const ended of ['ICR_FC_0000003', 'ICR_FC_0000004']) {
      const refused = await stack().graphql(CANCEL_TASKING, { c: LEGACY_CONTRACT, t: ended });
      expect(errorCode(refused)).toBe('NOT_CANCELLABLE');
    }
    expect(countOf(await callsSince(since), /\/taskings\/[^/]+\/cancel$/)).toBe(1);
  });
});
