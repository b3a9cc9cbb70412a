import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type GraphQLSchema, Kind, print, specifiedRules, validate, visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as documents from '../../operations/documents.generated.js';
import { sha256Of } from '../../src/auth/api-keys.js';
import { DEFAULT_OPERATION_LIMITS, operationLimits } from '../../src/auth/operation-limits.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  ALPHA_GATEWAY_KEY,
  createSigner,
  postAs,
  startTwoAccountSimulator,
  twoTenants,
} from '../support/callers.js';
import { sharedTestStack, startTestGateway, type TestGateway } from '../support/gateway.js';

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
    expect(response.errors?.[0]?.message).not.toContain('Syntax Error');
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
    expect(response.errors?.[0]?.message).not.toContain('Syntax Error');
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

/** The operations of operations/ that read a page (`first: $first`). */
const PAGED_OPERATIONS = Object.entries(documents).flatMap(([name, document]) =>
  typeof document === 'object' && 'definitions' in document && JSON.stringify(document).includes('"first"')
    ? [{ name, document: document as TypedDocumentNode }]
    : [],
);

/** The same operation with its page size written in the query instead of passed as `$first`. */
function withLiteralPageSize(document: DocumentNode, size: number): DocumentNode {
  return visit(document, {
    VariableDefinition(definition) {
      return definition.variable.name.value === 'first' ? null : undefined;
    },
    Argument(argument) {
      return argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE
        ? { ...argument, value: { kind: Kind.INT, value: String(size) } }
        : undefined;
    },
  });
}

describe('page sizes and the cost limit', () => {
  const rules = [...specifiedRules, ...operationLimits(DEFAULT_OPERATION_LIMITS).validationRules];
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
  });

  it('finds the paged operations of operations/', () => {
    expect(PAGED_OPERATIONS.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'TaskingsDocument',
        'ImageryDocument',
        'OrderAttemptsDocument',
        'TaskingLinesDocument',
      ]),
    );
  });

  it.each(PAGED_OPERATIONS)(
    'passes $name with a page of 100, written in the query or passed as a variable',
    async ({ document }) => {
      expect(validate(schema, document, rules).map((error) => error.message)).toEqual([]);
      const literal = withLiteralPageSize(document, 100);
      expect(JSON.stringify(literal)).toContain('"value":"100"');
      expect(validate(schema, literal, rules).map((error) => error.message)).toEqual([]);
    },
  );

  it('answers a page of 100 taskings written in the query, as it does one passed as a variable', async () => {
    const query = '{ totalCount edges { node { id status } } }';
    const literal = await stack().graphql(`{ taskings(first: 100) ${query} }`);
    expect(literal.errors).toBeUndefined();
    const variable = await stack().graphql(`query($first: Int) { taskings(first: $first) ${query} }`, {
      first: 100,
    });
    expect(variable.errors).toBeUndefined();
    expect(literal.data).toEqual(variable.data);
  });

  it('still refuses fan-out: aliased copies of the costliest page, with a plain message and no upstream call', async () => {
    const page = 'taskingLines(first: 100) { edges { node { ...TaskingLineFields } } }';
    const aliases = Array.from({ length: 3 }, (_, index) => `p${index}: ${page}`).join(' ');
    const fragments = print({
      kind: Kind.DOCUMENT,
      definitions: documents.TaskingLinesDocument.definitions.filter(
        (definition) => definition.kind === Kind.FRAGMENT_DEFINITION,
      ),
    });
    const response = await stack().graphql(`{ ${aliases} } ${fragments}`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/^Query cost limit of 1000 exceeded, found \d+\.$/);
    expect(await upstreamApiCalls()).toEqual([]);
  });
});

/** A closed ring of `count` distinct positions on a circle around (2, 45), walked `step` positions at a time: 1 a plain circle, more a star that crosses itself all over. */
function ringOf(count: number, step = 1): number[][] {
  const positions = Array.from({ length: count - 1 }, (_, index) => {
    const angle = (2 * Math.PI * ((index * step) % (count - 1))) / (count - 1);
    return [2 + Math.cos(angle), 45 + Math.sin(angle)];
  });
  return [...positions, positions[0] as number[]];
}
const CIRCLE = { type: 'Polygon', coordinates: [ringOf(1000)] };
const STAR = { type: 'Polygon', coordinates: [ringOf(1000, 499)] };

describe('polygon positions per operation', () => {
  const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';
  const aois = (count: number, geometry: object) =>
    Array.from({ length: count }, (_, index) => ({ id: index + 1, geometry }));

  it('refuses six AOIs of 1000 crossing positions for their positions, before any ring is checked or anything asked upstream', async () => {
    const response = await stack().graphql(PRICE, { input: { ...ORDER, aois: aois(6, STAR) } });
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('input.aois[5].geometry');
    expect(response.errors?.[0]?.message).toBe(
      "input.aois[5].geometry: brings the operation's polygons past 5000 positions in all, the most one operation may send",
    );
    // Had the rings been checked, each would be refused for crossing itself.
    expect(JSON.stringify(response.errors)).not.toContain('intersect itself');
    expect(await upstreamApiCalls()).toEqual([]);
    // Within the bound, such a ring is still refused with its rule and path.
    const crossing = await stack().graphql(PRICE, { input: { ...ORDER, aois: aois(1, STAR) } });
    expect(crossing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(crossing.errors?.[0]?.message).toMatch(
      /input\.aois\[0\]\.geometry.*the ring must not intersect itself/,
    );
  });

  it('counts every variable of the operation: the largest order passes, beside one more area it is refused', async () => {
    const largest = await stack().graphql(PRICE, { input: { ...ORDER, aois: aois(5, CIRCLE) } });
    expect(JSON.stringify(largest.errors ?? [])).not.toContain('positions in all');
    await stack().control('POST', '/reset');
    const response = await stack().graphql(
      `query Both($input: OrderInput!, $search: TaskingSearchInput!) {
         price(input: $input) { totalAmount } feasibility(input: $search) { mission } }`,
      {
        input: { ...ORDER, aois: aois(5, CIRCLE) },
        search: {
          missions: ['PLEIADES'],
          progTypes: ['ONEPLAN'],
          aoi: CIRCLE,
          window: { start: '2030-01-01T00:00:00Z' },
        },
      },
    );
    expect(response.errors?.[0]?.extensions?.field).toBe('search.aoi');
    expect(response.errors?.[0]?.message).toContain('past 5000 positions');
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

describe('the subgraph SDL (_service)', () => {
  /** The composition job's key: an API key of any tenant, with the `schema` role only. */
  const SCHEMA_KEY = 'composition-key-0123456789abcdef0123456789abcdef';
  const SDL = '{ _service { sdl } }';
  let simulator: RunningSimulator;
  let withIntrospection: TestGateway;
  let withoutIntrospection: TestGateway;

  beforeAll(async () => {
    simulator = await startTwoAccountSimulator();
    const callers = twoTenants(simulator, await createSigner());
    const [alpha, ...others] = callers.tenants.tenants;
    if (alpha === undefined) throw new Error('no alpha tenant');
    const composition = {
      name: 'composition',
      sha256: sha256Of(SCHEMA_KEY),
      roles: new Set(['schema'] as const),
    };
    const withSchemaKey = {
      ...callers,
      tenants: {
        ...callers.tenants,
        tenants: [{ ...alpha, apiKeys: [...alpha.apiKeys, composition] }, ...others],
      },
    };
    withIntrospection = await startTestGateway(simulator, {
      callers: withSchemaKey,
      security: { introspection: true },
    });
    withoutIntrospection = await startTestGateway(simulator, {
      callers: withSchemaKey,
      security: { introspection: false, graphiql: false, fieldSuggestions: false },
    });
  });
  afterAll(async () => {
    await withIntrospection?.close();
    await withoutIntrospection?.close();
    await simulator?.close();
  });

  it('is read with the read role while introspection is on, as __schema is', async () => {
    const sdl = await postAs<{ _service: { sdl: string } }>(
      withIntrospection.url,
      `ApiKey ${ALPHA_GATEWAY_KEY}`,
      SDL,
    );
    expect(sdl.data?._service.sdl).toContain('clearUpstreamPause');
    const schemaRole = await postAs<{ _service: { sdl: string } }>(
      withIntrospection.url,
      `ApiKey ${SCHEMA_KEY}`,
      SDL,
    );
    expect(schemaRole.data?._service.sdl).toContain('clearUpstreamPause');
  });

  it('needs the schema role once introspection is off: read gets FORBIDDEN, the composition key the SDL and nothing else', async () => {
    const introspection = await postAs(
      withoutIntrospection.url,
      `ApiKey ${ALPHA_GATEWAY_KEY}`,
      '{ __schema { types { name } } }',
    );
    expect(introspection.errors?.length).toBeGreaterThan(0);
    const refused = await postAs(withoutIntrospection.url, `ApiKey ${ALPHA_GATEWAY_KEY}`, SDL);
    expect(refused.status).toBe(403);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('the schema role for _service');
    expect(refused.text).not.toContain('clearUpstreamPause');
    const sdl = await postAs<{ _service: { sdl: string } }>(
      withoutIntrospection.url,
      `ApiKey ${SCHEMA_KEY}`,
      SDL,
    );
    expect(sdl.errors).toBeUndefined();
    expect(sdl.data?._service.sdl).toContain('clearUpstreamPause');
    // and nothing else: no query, no entity
    const contracts = await postAs(withoutIntrospection.url, `ApiKey ${SCHEMA_KEY}`, '{ contracts { id } }');
    expect(contracts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const entities = await postAs(
      withoutIntrospection.url,
      `ApiKey ${SCHEMA_KEY}`,
      '{ _entities(representations: [{ __typename: "Contract", id: "CTR21000411" }]) { __typename } }',
    );
    expect(entities.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
