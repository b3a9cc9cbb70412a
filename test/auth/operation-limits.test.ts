import { describe, expect, it } from 'vitest';
import { sharedTestStack } from '../support/gateway.js';

/**
 * Operations the gateway refuses as a whole, before any resolver runs: the simulator's request log
 * proves that none of them cost an upstream call. Development mode: the caller has every role.
 */

const stack = sharedTestStack({}, { resetBetweenTests: true });

async function upstreamApiCalls(): Promise<unknown[]> {
  const { requests } = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
  return requests.filter((request) => request.path.startsWith('/api/'));
}

const ORDER = {
  productTypeId: 'PleiadesTaskingOneDay',
  customerReference: 'limits-test-1',
  primaryMarket: 'NQUAL',
};

describe('operation limits', () => {
  it('refuses a depth bomb (fragments nested 20 deep, under the token limit) without an upstream call', async () => {
    const nested = `${'... on TaskingConnection { '.repeat(20)}totalCount${' }'.repeat(20)}`;
    const response = await stack().graphql(`{ taskings { ${nested} } }`);
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.map((error) => error.message).join('\n')).toMatch(/depth limit/i);
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('refuses an alias bomb (40 aliased taskings, under the token limit) without an upstream call', async () => {
    const aliases = Array.from(
      { length: 40 },
      (_, index) => `t${index}: tasking(id: "ICR_FC_0000002") { id }`,
    );
    const response = await stack().graphql(`{ ${aliases.join(' ')} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.map((error) => error.message).join('\n')).toMatch(/aliases limit/i);
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('refuses a document over the token limit as a parse error', async () => {
    const fields = Array.from({ length: 2_500 }, () => '__typename').join(' ');
    const response = await stack().graphql(`{ ${fields} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses an aliased createOrder pair', async () => {
    const response = await stack().graphql(
      `mutation($input: OrderInput!) { a: createOrder(input: $input) { status } b: createOrder(input: $input) { status } }`,
      { input: ORDER },
    );
    expect(response.status).toBe(400);
    const messages = response.errors?.map((error) => error.message).join('\n');
    expect(messages).toContain('createOrder spends money and may not be aliased');
    expect(messages).toContain('one money-spending field');
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('refuses two money-spending fields in one operation, even through a fragment', async () => {
    const response = await stack().graphql(
      `mutation($input: OrderInput!) { createOrder(input: $input) { status } ...again }
       fragment again on Mutation { approveOrder(idempotencyKey: "limits-test-1") { status } }`,
      { input: ORDER },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.map((error) => error.message).join('\n')).toContain('one money-spending field');
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('refuses a single aliased createOrder', async () => {
    const response = await stack().graphql(
      'mutation($input: OrderInput!) { mine: createOrder(input: $input) { status } }',
      { input: ORDER },
    );
    expect(response.errors?.[0]?.message).toContain('may not be aliased');
    expect(await upstreamApiCalls()).toEqual([]);
  });
});

describe('HTTP', () => {
  it('refuses a batched request', async () => {
    const response = await fetch(`${stack().gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ contracts { id } }' }, { query: '{ contracts { id } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await upstreamApiCalls()).toEqual([]);
  });

  it('refuses a simple (CSRF-able) GET query without a preflight header', async () => {
    const response = await fetch(
      `${stack().gatewayUrl}/graphql?query=${encodeURIComponent('{ contracts { id } }')}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
    expect(await upstreamApiCalls()).toEqual([]);
  });
  it('refuses aliased pages of the order journal: one page per operation bounds what one query can answer', async () => {
    const aliased = Array.from(
      { length: 15 },
      (_, index) => `p${index}: orderAttempts(first: 100) { edges { node { input events { detail } } } }`,
    ).join(' ');
    const response = await stack().graphql(`{ ${aliased} }`);
    expect(response.status).toBe(400);
    const messages = response.errors?.map((error) => error.message).join('\n');
    expect(messages).toContain('orderAttempts reads a page of the order journal and may not be aliased');
    expect(messages).toContain('one journal-page field');
    const twice = await stack().graphql(
      '{ orderAttempts(first: 1) { totalCount } ...more } fragment more on Query { orderAttempts(first: 2) { totalCount } }',
    );
    expect(twice.errors?.[0]?.message).toContain('one journal-page field');
  });
});
