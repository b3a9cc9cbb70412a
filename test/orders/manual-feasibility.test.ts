import { describe, expect, it } from 'vitest';
import { ledger } from '../safety/support.js';
import { sharedTestStack } from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';
import { orderInput } from '../support/order-input.js';
import { apiCallsSince, requestLogLength } from '../support/request-log.js';

/**
 * Orders that need Airbus' manual feasibility study (guide: "STEREO and TRISTEREO requires manual
 * feasibility"; a MANUAL feasibility result), through the real gateway against the simulator. They
 * have no price before the study (guide step 4), so they are placed without one, at 0.
 */

const CREATE_ORDER = `mutation Order($input: OrderInput!) {
  createOrder(input: $input) { status salesOrderId customerReference idempotencyKey currency totalAmount }
}`;
const PRICE = `query Price($input: OrderInput!) { price(input: $input) { totalAmount } }`;
const REQUEST_QUOTATION = `mutation Quote($input: OrderInput!) { requestQuotation(input: $input) { id } }`;
const ATTEMPT = `query Attempt($key: String!) {
  orderAttempt(idempotencyKey: $key) { state salesOrderId currency totalAmount sendCount events { kind } }
}`;
const TASKINGS = `query Taskings($customerReference: String) {
  taskings(customerReference: $customerReference) { edges { node { status requiredAction customerReference } } }
}`;

interface OrderAnswer {
  createOrder: {
    status: string;
    salesOrderId: string | null;
    customerReference: string;
    idempotencyKey: string;
    currency: string | null;
    totalAmount: number | null;
  };
}

/** The guide's TRISTEREO sample ("Stereo and tristereo specificities"), and a MONO OnePlan studied by hand. */
const MANUAL_ORDERS = [
  {
    name: 'a SpotTaskingOnePlan TRISTEREO (the guide’s sample)',
    field: 'input.acquisitionMode',
    overrides: {
      acquisitionMode: 'TRISTEREO',
      stereo: { minBH: 0.2, maxBH: 0.8 },
      maxIncidenceAngle: 50,
      feasibility: { classificationLevel: 'EASY', automationMode: 'MANUAL' },
    },
  },
  {
    name: 'a MONO OnePlan whose feasibility is MANUAL',
    field: 'input.feasibility.automationMode',
    overrides: { feasibility: { classificationLevel: 'CHALLENGING', automationMode: 'MANUAL' } },
  },
];

const stack = sharedTestStack({}, { resetBetweenTests: true });

describe.each(MANUAL_ORDERS)('$name', ({ field, overrides }) => {
  it('is placed without a price, journaled at 0, and its tasking waits for the study and the requester', async () => {
    const reference = `manual-${field}`;
    const input = orderInput(reference, { ...overrides, idempotencyKey: `key-${reference}` });
    const before = await requestLogLength(stack());

    const placed = await stack().graphql<OrderAnswer>(CREATE_ORDER, { input });

    expect(placed.errors).toBeUndefined();
    const [order] = await ledger(stack());
    expect(placed.data?.createOrder).toEqual({
      status: 'PLACED',
      salesOrderId: order?.salesOrderId,
      customerReference: reference,
      idempotencyKey: `key-${reference}`,
      currency: 'EUR',
      totalAmount: 0,
    });
    const calls = (await apiCallsSince(stack(), before)).map((call) => `${call.method} ${call.path}`);
    expect(calls).not.toContain('POST /api/v1/prices');
    expect(calls.filter((call) => call === 'POST /api/v1/orders')).toHaveLength(1);

    const journaled = await stack().graphql<{ orderAttempt: Record<string, unknown> }>(ATTEMPT, {
      key: `key-${reference}`,
    });
    expect(journaled.data?.orderAttempt).toEqual({
      state: 'PLACED',
      salesOrderId: order?.salesOrderId,
      currency: 'EUR',
      totalAmount: 0,
      sendCount: 1,
      events: [{ kind: 'RECORDED' }, { kind: 'SENT' }, { kind: 'PLACED' }],
    });

    const tracked = await stack().graphql<{
      taskings: { edges: { node: Record<string, unknown> }[] };
    }>(TASKINGS, { customerReference: reference });
    expect(tracked.data?.taskings.edges.map(({ node }) => node)).toEqual([
      {
        status: 'FEASIBILITY_STUDY',
        requiredAction: 'CONFIRM_AFTER_FEASIBILITY_STUDY',
        customerReference: reference,
      },
    ]);

    // The same key and input again: the first outcome, and nothing more sent or ordered.
    const beforeRepeat = await requestLogLength(stack());
    const repeated = await stack().graphql<OrderAnswer>(CREATE_ORDER, { input });
    expect(repeated.data?.createOrder).toEqual(placed.data?.createOrder);
    expect(
      (await apiCallsSince(stack(), beforeRepeat)).filter((call) => call.path === '/api/v1/orders'),
    ).toEqual([]);
    expect(await ledger(stack())).toHaveLength(1);
  });

  it('has no price: FEASIBILITY_STUDY_REQUIRED naming the field, without asking OneAtlas', async () => {
    const before = await requestLogLength(stack());

    const priced = await stack().graphql(PRICE, { input: orderInput(`price-${field}`, overrides) });

    expect(priced.errors?.[0]?.extensions).toMatchObject({ code: 'FEASIBILITY_STUDY_REQUIRED', field });
    expect(priced.errors?.[0]?.message).toContain('createOrder');
    const calls = await apiCallsSince(stack(), before);
    expect(calls.filter((call) => call.path === '/api/v1/prices')).toEqual([]);
  });
});

describe('a Pléiades Neo order whose feasibility is MANUAL', () => {
  it('has no quotation: FEASIBILITY_STUDY_REQUIRED, without asking OneAtlas', async () => {
    const before = await requestLogLength(stack());

    const quoted = await stack().graphql(REQUEST_QUOTATION, {
      input: {
        ...neoOrderInput('neo-manual'),
        feasibility: { classificationLevel: 'EASY', automationMode: 'MANUAL' },
      },
    });

    expect(quoted.errors?.[0]?.extensions).toMatchObject({
      code: 'FEASIBILITY_STUDY_REQUIRED',
      field: 'input.feasibility.automationMode',
    });
    const calls = await apiCallsSince(stack(), before);
    expect(calls.filter((call) => call.path === '/api/v1/quotations')).toEqual([]);
  });
});
