import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attemptsRequest } from '../fixtures/guide-samples.js';
import { CREATE_ORDER, upstreamRequests } from '../safety/support.js';
import { type GraphQLResponse, sharedTestStack, startTestStack } from '../support/gateway.js';
import { orderInput, SMALL_AOI_INSIDE_TOULOUSE } from '../support/order-input.js';
import { apiCallsSince, isCatalogueRead, requestLogLength } from '../support/request-log.js';

/** Every extensions.code of the README, each produced over real HTTP against the simulator. */

const toulouse = attemptsRequest('').aoi;
const CONTRACTS = 'query { contracts { id } }';
const FEASIBILITY = 'query F($input: TaskingSearchInput!) { feasibility(input: $input) { mission } }';

const stack = sharedTestStack(
  { oneAtlas: (config) => ({ ...config, timeoutMs: 500 }) },
  { resetBetweenTests: true },
);

async function upstreamCallCount(): Promise<number> {
  const { requests } = await stack().control<{ requests: { path: string }[] }>('GET', '/requests');
  return requests.filter((request) => request.path.startsWith('/api/')).length;
}

function firstError(response: GraphQLResponse): {
  code: unknown;
  message: string;
  extensions: Record<string, unknown>;
} {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return { code: error.extensions?.code, message: error.message, extensions: error.extensions ?? {} };
}

function search(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    missions: ['PLEIADES'],
    progTypes: ['ONEPLAN'],
    aoi: toulouse,
    window: { start: '2030-01-01T00:00:00.000Z', end: '2030-03-01T00:00:00.000Z' },
    ...overrides,
  };
}

describe('invalid input is refused before any upstream call', () => {
  it('BAD_USER_INPUT for a polygon in variables that is not closed, naming the argument and the rule', async () => {
    const open = {
      type: 'Polygon',
      coordinates: [toulouse.coordinates[0]?.slice(0, 4).concat([[1.45, 43.6]])],
    };
    const before = await upstreamCallCount();
    const response = await stack().graphql(FEASIBILITY, { input: search({ aoi: open }) });
    const error = firstError(response);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/input\.aoi/);
    expect(error.message).toMatch(/must be closed/);
    expect(await upstreamCallCount()).toBe(before);
  });

  it('GRAPHQL_VALIDATION_FAILED for the same polygon written inline', async () => {
    const response = await stack().graphql(
      `query { feasibility(input: { missions: [PLEIADES], progTypes: [ONEPLAN], window: { start: "2030-01-01T00:00:00Z" },
        aoi: { type: "Polygon", coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } }) { mission } }`,
    );
    const error = firstError(response);
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/must not intersect itself/);
  });

  it.each([
    [{ optical: { maxCloudCover: 150 } }, 'input.optical.maxCloudCover: must be between 0 and 100, got 150'],
    [
      { optical: { maxIncidenceAngle: 91 } },
      'input.optical.maxIncidenceAngle: must be between 0 and 90, got 91',
    ],
    [
      { window: { start: '2030-03-01T00:00:00.000Z', end: '2030-01-01T00:00:00.000Z' } },
      'input.window.end: must be after window.start',
    ],
  ])('BAD_USER_INPUT for %j', async (override, message) => {
    const before = await upstreamCallCount();
    const error = firstError(await stack().graphql(FEASIBILITY, { input: search(override) }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message });
    expect(error.extensions.field).toBeDefined();
    expect(await upstreamCallCount()).toBe(before);
  });

  it('BAD_USER_INPUT for missing BH ratios on a STEREO order', async () => {
    const error = firstError(
      await stack().graphql('query P($input: OrderInput!) { price(input: $input) { totalAmount } }', {
        input: {
          productTypeId: 'SpotTaskingOnePlan',
          aoi: toulouse,
          customerReference: 'stereo',
          acquisitionMode: 'STEREO',
        },
      }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^input\.stereo: is required for acquisitionMode STEREO; /);
  });
});

describe('what the gateway can know is checked before the upstream', () => {
  const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';
  const ATTEMPTS =
    'query A($input: TaskingSearchInput!) { attempts(input: $input) { progTypes { attempts { segmentKey } } } }';
  const ONE_DAY_SEARCH = {
    missions: ['PLEIADES'],
    progTypes: ['ONEDAY'],
    aoi: toulouse,
    window: { start: new Date(Date.now() + 86_400_000).toISOString() },
    optical: { acquisitionMode: 'MONO', maxCloudCover: 25, maxIncidenceAngle: 30 },
  };
  /** The guide's 132 km² Toulouse AOI moved a degree east: outside every pass over Toulouse. */
  const elsewhere = {
    type: 'Polygon',
    coordinates: [toulouse.coordinates[0]?.map(([lon, lat]) => [(lon ?? 0) + 1, lat])],
  };
  const inside = SMALL_AOI_INSIDE_TOULOUSE;

  async function toulousePass(): Promise<string> {
    const answer = await stack().graphql<{
      attempts: { progTypes: { attempts: { segmentKey: string }[] }[] }[];
    }>(ATTEMPTS, { input: ONE_DAY_SEARCH });
    const segmentKey = answer.data?.attempts[0]?.progTypes[0]?.attempts[0]?.segmentKey;
    if (segmentKey === undefined) throw new Error(`no pass: ${JSON.stringify(answer)}`);
    return segmentKey;
  }

  function oneDay(customerReference: string, overrides: Record<string, unknown>) {
    return orderInput(customerReference, {
      productTypeId: 'PleiadesTaskingOneDay',
      window: null,
      ...overrides,
    });
  }

  it.each([
    [
      'feasibility without a window end',
      FEASIBILITY,
      { input: search({ window: { start: '2030-01-01T00:00:00.000Z' } }) },
      'input.window.end',
    ],
    [
      'a OnePlan order without a window',
      PRICE,
      { input: orderInput('no-window', { window: null }) },
      'input.window',
    ],
    ['a OneDay order without a segment key', PRICE, { input: oneDay('no-pass', {}) }, 'input.segmentKey'],
    [
      'a OneNow order without a segment key',
      CREATE_ORDER,
      { input: oneDay('no-pass-now', { productTypeId: 'PleiadesTaskingOneNow' }) },
      'input.segmentKey',
    ],
  ])('BAD_USER_INPUT for %s, with nothing sent', async (_, query, variables, field) => {
    const error = firstError(await stack().graphql(query, variables));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe(field);
    // Only reads: the contract's back end and the product's option rules (so that a wrong option
    // joins the same answer). Nothing priced or ordered.
    const calls = await upstreamRequests(stack());
    expect(calls.filter((call) => call.path.startsWith('/api/') && !isCatalogueRead(call))).toEqual([]);
  });

  it("refuses a segment key used with an AOI outside its pass's footprint, before anything is priced or journaled", async () => {
    const segmentKey = await toulousePass();
    for (const query of [PRICE, CREATE_ORDER]) {
      const error = firstError(
        await stack().graphql(query, { input: oneDay('elsewhere', { segmentKey, aoi: elsewhere }) }),
      );
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.segmentKey' } });
      expect(error.message).toMatch(/computed for another AOI/);
    }
    // Its price was not asked for, and nothing was ordered.
    const posts = (await upstreamRequests(stack())).filter(
      (call) => call.method === 'POST' && call.path.startsWith('/api/') && !isCatalogueRead(call),
    );
    expect(posts.map((call) => call.path)).toEqual(['/api/v1/attempts']);
  });

  it('leaves a smaller AOI inside the footprint to the upstream, which refuses the key and orders nothing', async () => {
    const segmentKey = await toulousePass();
    for (const query of [PRICE, CREATE_ORDER]) {
      const error = firstError(
        await stack().graphql(query, { input: oneDay('inside', { segmentKey, aoi: inside }) }),
      );
      expect(error).toMatchObject({
        code: 'UPSTREAM_REJECTED',
        extensions: { upstreamCode: 'INVALID_SEGMENT_KEY' },
      });
    }
    const { orders } = await stack().control<{ orders: unknown[] }>('GET', '/orders');
    expect(orders).toEqual([]);
    // The AOI the key was computed for is priced as the guide prices it.
    const priced = await stack().graphql<{ price: { totalAmount: number } }>(PRICE, {
      input: oneDay('toulouse', { segmentKey }),
    });
    expect(priced.errors).toBeUndefined();
    expect(priced.data?.price.totalAmount).toBe(7392);
  });
});

describe('production options are checked against the upstream rules before anything is priced or ordered', () => {
  const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';
  const ATTEMPTS =
    'query A($ref: String) { orderAttempts(customerReference: $ref) { edges { node { idempotencyKey } } } }';
  /** The guide's option set, which SpotTaskingOnePlan takes as it stands. */
  const GUIDE = orderInput('').options;
  const OPTIONS_PATH = /^\/api\/v1\/contracts\/[^/]+\/productTypes\/SpotTaskingOnePlan\/options$/;

  async function postsTo(path: RegExp): Promise<number> {
    return (await upstreamRequests(stack())).filter((call) => call.method === 'POST' && path.test(call.path))
      .length;
  }

  async function journaled(customerReference: string): Promise<unknown[]> {
    const listed = await stack().graphql<{ orderAttempts: { edges: unknown[] } }>(ATTEMPTS, {
      ref: customerReference,
    });
    expect(listed.errors).toBeUndefined();
    return listed.data?.orderAttempts.edges ?? [];
  }

  it.each([
    [
      'a missing mandatory option',
      GUIDE.filter((option) => option.key !== 'processing_level'),
      'input.options: "processing_level" is required for SpotTaskingOnePlan',
    ],
    [
      'a value out of its range',
      [...GUIDE, { key: 'elevation', value: '20000' }],
      'input.options: "elevation" must be between -100 and 10000',
    ],
    [
      'a value its condition forbids',
      GUIDE.map((option) =>
        option.key === 'radiometric_processing' ? { ...option, value: 'reflectance' } : option,
      ),
      'input.options: "pixel_coding"="8bits" requires radiometric_processing:(basic|display)',
    ],
    [
      'an unknown option',
      [...GUIDE, { key: 'colour', value: 'blue' }],
      'input.options: "colour" is not an option of SpotTaskingOnePlan (its options: processing_level,',
    ],
  ])(
    'createOrder with %s is BAD_USER_INPUT naming it: nothing journaled, nothing sent',
    async (_, options, message) => {
      const customerReference = `bad-options-${randomUUID()}`;
      const error = firstError(
        await stack().graphql(CREATE_ORDER, { input: orderInput(customerReference, { options }) }),
      );

      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message.startsWith(message)).toBe(true);
      expect(error.extensions.field).toBe('input.options');
      // Judged by the rules the upstream publishes, read for this order…
      expect(await postsTo(OPTIONS_PATH)).toBe(1);
      // …and refused before the order was journaled or sent.
      expect(await postsTo(/^\/api\/v1\/(orders|prices)$/)).toBe(0);
      expect(await journaled(customerReference)).toEqual([]);
    },
  );

  it('names every wrong option in one answer, each with its allowed values and published default', async () => {
    const options = [
      ...GUIDE.filter((option) => option.key !== 'image_format' && option.key !== 'licence'),
      { key: 'licence', value: 'open' },
      { key: 'colour', value: 'blue' },
    ];
    const error = firstError(await stack().graphql(PRICE, { input: orderInput('all-at-once', { options }) }));

    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('input.options');
    expect(error.extensions.optionProblems).toEqual([
      {
        option: 'licence',
        reason: 'NOT_ALLOWED',
        message: expect.stringMatching(/^"licence" must be one of /),
        allowedValues: expect.arrayContaining(['standard']),
        range: null,
        defaultValue: 'standard',
      },
      {
        option: 'colour',
        reason: 'UNKNOWN_OPTION',
        message: expect.stringMatching(/^"colour" is not an option of SpotTaskingOnePlan/),
        allowedValues: [],
        range: null,
        defaultValue: null,
      },
      {
        option: 'image_format',
        reason: 'REQUIRED',
        message: '"image_format" is required for SpotTaskingOnePlan',
        allowedValues: expect.arrayContaining(['dimap_geotiff']),
        range: null,
        defaultValue: 'dimap_geotiff',
      },
    ]);
    // One message names them all, so a client that reads only the message learns of each.
    expect(error.message.split('; ')).toHaveLength(3);
    expect(await postsTo(/^\/api\/v1\/prices$/)).toBe(0);
  });

  it('names every problem it can know in one answer: the fields, the offer’s window and the options', async () => {
    const customerReference = `all-at-once-${randomUUID()}`;
    const input = orderInput(customerReference, {
      window: null,
      maxIncidenceAngle: 95,
      options: GUIDE.filter((option) => option.key !== 'image_format'),
    });
    const error = firstError(await stack().graphql(CREATE_ORDER, { input }));

    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('input.maxIncidenceAngle');
    expect(error.extensions.problems).toEqual([
      { field: 'input.maxIncidenceAngle', message: 'must be between 0 and 90, got 95' },
      { field: 'input.window', message: 'is required for SpotTaskingOnePlan: its acquisition period' },
      {
        field: 'input.options',
        message: '"image_format" is required for SpotTaskingOnePlan',
        option: 'image_format',
        reason: 'REQUIRED',
        allowedValues: expect.arrayContaining(['dimap_geotiff']),
        range: null,
        defaultValue: 'dimap_geotiff',
      },
    ]);
    expect(error.message).toBe(
      'input.maxIncidenceAngle: must be between 0 and 90, got 95; input.window: is required for SpotTaskingOnePlan: its acquisition period; input.options: "image_format" is required for SpotTaskingOnePlan',
    );
    // The option problem keeps its earlier place too, for clients that read it there.
    expect(error.extensions.optionProblems).toEqual([expect.objectContaining({ option: 'image_format' })]);
    expect(await postsTo(/^\/api\/v1\/(orders|prices)$/)).toBe(0);
    expect(await journaled(customerReference)).toEqual([]);
  });

  it('price with a wrong option is BAD_USER_INPUT, and nothing is priced upstream', async () => {
    const options = GUIDE.filter((option) => option.key !== 'dem');
    const error = firstError(await stack().graphql(PRICE, { input: orderInput('bad-price', { options }) }));

    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'input.options: "dem_1" is required for SpotTaskingOnePlan when processing_level:(ortho)',
      extensions: { field: 'input.options' },
    });
    expect(await postsTo(/^\/api\/v1\/prices$/)).toBe(0);
  });

  it("refuses a product type id unfit for the rules' URL rather than taking it for an unreadable rule set", async () => {
    const error = firstError(
      await stack().graphql(PRICE, { input: orderInput('dot', { productTypeId: '..' }) }),
    );

    expect(error.code).toBe('BAD_USER_INPUT');
    // The contract's workspace is read first (GET /contracts, /me); nothing is asked of the product.
    const calls = await upstreamRequests(stack());
    expect(calls.filter((call) => call.path.startsWith('/api/') && !isCatalogueRead(call))).toEqual([]);
    expect(calls.filter((call) => /\/options$/.test(call.path))).toEqual([]);
  });

  it('leaves the verdict to the upstream when the rules cannot be read', async () => {
    await stack().control('POST', '/faults', {
      path: `/api/v1/contracts/${stack().simulator.contractId}/productTypes/SpotTaskingOnePlan/options`,
      count: 2,
      status: 503,
    });

    const priced = await stack().graphql<{ price: { totalAmount: number } }>(PRICE, {
      input: orderInput('unchecked'),
    });
    expect(priced.errors).toBeUndefined();
    expect(priced.data?.price.totalAmount).toBeGreaterThan(0);

    const options = GUIDE.filter((option) => option.key !== 'processing_level');
    const refused = firstError(await stack().graphql(PRICE, { input: orderInput('unchecked', { options }) }));
    expect(refused).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      extensions: { upstreamCode: 'INVALID_OPTION', upstreamStatus: 400 },
    });
    expect(await postsTo(OPTIONS_PATH)).toBe(2);
    expect(await postsTo(/^\/api\/v1\/prices$/)).toBe(2);
  });
});

describe('upstream failures become stable codes', () => {
  it('NOT_FOUND for a contract the upstream does not know', async () => {
    const error = firstError(await stack().graphql('query { productTypes(contractId: "CTR_NOPE") { id } }'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('CTR_NOPE');
  });

  it('UPSTREAM_REJECTED with the upstream code, its cleaned message and the call’s correlation id for a 400', async () => {
    await stack().control('POST', '/faults', {
      path: '/api/v1/contracts',
      count: 1,
      status: 400,
      body: {
        errorCode: 'E2203',
        message: 'Unable to access workspace w-17 (see https://order.internal/ws?apikey=abc)',
      },
    });
    const error = firstError(await stack().graphql(CONTRACTS));
    const { requests } = await stack().control<{ requests: { path: string; correlationId?: string }[] }>(
      'GET',
      '/requests',
    );
    const sent = requests.filter((request) => request.path === '/api/v1/contracts');
    expect(error).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      extensions: {
        upstreamCode: 'E2203',
        upstreamStatus: 400,
        upstreamMessage: 'Unable to access workspace w-17 (see [url]',
        correlationId: sent.at(-1)?.correlationId,
      },
    });
    expect(error.extensions.correlationId).toEqual(expect.any(String));
    // The gateway's own message is its own: the upstream's words are only in upstreamMessage.
    expect(error.message).not.toContain('w-17');
  });

  it('never relays the upstream message of a 5xx', async () => {
    await stack().control('POST', '/faults', {
      path: '/api/v1/contracts',
      count: 1,
      status: 500,
      body: { code: 'UNEXPECTED_SERVER_ERROR', message: 'NullPointerException at com.airbus.Order' },
    });
    const error = firstError(await stack().graphql(CONTRACTS));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions).not.toHaveProperty('upstreamMessage');
    expect(JSON.stringify(error)).not.toContain('NullPointer');
  });

  it('UPSTREAM_UNAVAILABLE for a 5xx and for a dropped connection', async () => {
    await stack().control('POST', '/faults', { path: '/api/v1/contracts', count: 1, status: 503 });
    expect(firstError(await stack().graphql(CONTRACTS)).code).toBe('UPSTREAM_UNAVAILABLE');
    await stack().control('POST', '/faults', { path: '/api/v1/contracts', count: 1, drop: true });
    expect(firstError(await stack().graphql(CONTRACTS)).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('UPSTREAM_TIMEOUT when the upstream does not answer in time', async () => {
    await stack().control('POST', '/faults', { path: '/api/v1/contracts', count: 1, latencyMs: 2_000 });
    expect(firstError(await stack().graphql(CONTRACTS)).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('never answers with a stack trace, the API key or a token', async () => {
    await stack().control('POST', '/faults', { path: '/api/v1/contracts', count: 1, status: 500 });
    const response = await stack().graphql(CONTRACTS);
    const text = JSON.stringify(response);
    expect(text).not.toContain(stack().simulator.apiKey);
    expect(text).not.toMatch(/Bearer|stacktrace|at .*\.ts:\d+/);
  });
});

describe('a 429 from the upstream', () => {
  it('is UPSTREAM_RATE_LIMITED with the Retry-After hint when the pause outlasts the wait', async () => {
    // A 429 pauses every call of the key, so this runs on a stack of its own whose callers wait at most 1 s.
    const limited = await startTestStack({ safety: { queueWaitMs: 1_000 } });
    try {
      await limited.control('POST', '/faults', {
        path: '/api/v1/contracts',
        count: 1,
        status: 429,
        retryAfter: 7,
      });
      const error = firstError(await limited.graphql(CONTRACTS));
      expect(error.code).toMatch(/^UPSTREAM_(RATE_LIMITED|BUSY)$/);
      expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(6);
    } finally {
      await limited.close();
    }
  });
});

describe('a key the upstream refuses', () => {
  it('is UPSTREAM_AUTH_FAILED, and the token endpoint is not asked again in a loop', async () => {
    const refused = await startTestStack({ oneAtlas: (config) => ({ ...config, apiKey: 'not-the-key' }) });
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => refused.graphql(CONTRACTS)));
      for (const response of responses) expect(firstError(response).code).toBe('UPSTREAM_AUTH_FAILED');
      const again = await refused.graphql(CONTRACTS);
      expect(firstError(again).code).toBe('UPSTREAM_AUTH_FAILED');
      const { count } = await refused.control<{ count: number }>('GET', '/token-requests');
      expect(count).toBe(1);
      expect(JSON.stringify(responses)).not.toContain('not-the-key');
    } finally {
      await refused.close();
    }
  });
});

describe('client strings are bounded and checked before anything else', () => {
  const PRICE = 'query P($input: OrderInput!) { price(input: $input) { totalAmount } }';

  it.each([
    [
      'a 900 KB customerReference with NUL and control characters',
      { customerReference: `a\u0000\u001b${'x'.repeat(900_000)}` },
      'input.customerReference',
    ],
    ['a 500 KB productTypeId', { productTypeId: 'P'.repeat(500_000) }, 'input.productTypeId'],
    ['a contract id with a comma', { contractId: `${'CTR21000411'},CTR22000512` }, 'input.contractId'],
  ])('refuses %s as BAD_USER_INPUT without sending it upstream or echoing it', async (_, override, field) => {
    const before = await requestLogLength(stack());
    const response = await stack().graphql(PRICE, { input: orderInput('bounded', override) });
    const error = firstError(response);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } });
    expect(JSON.stringify(response).length).toBeLessThan(2_000);
    // At most the product's option rules were read (they carry no client string but its ids).
    expect((await apiCallsSince(stack(), before)).filter((call) => !isCatalogueRead(call))).toEqual([]);
  });

  it('refuses a tasking id that would split the upstream id list', async () => {
    const before = await upstreamCallCount();
    const error = firstError(await stack().graphql('query { tasking(id: "ICR_1,ICR_2") { id } }'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'id' } });
    expect(await upstreamCallCount()).toBe(before);
  });
});

describe('the delivery workspace belongs to the contract used', () => {
  it('price on another contract does not send the configured workspace', async () => {
    await stack().graphql('query P($input: OrderInput!) { price(input: $input) { totalAmount } }', {
      input: orderInput('other-contract', { contractId: 'CTR22000512' }),
    });
    const { requests } = await stack().control<{ requests: { path: string; body?: unknown }[] }>(
      'GET',
      '/requests',
    );
    const prices = requests.filter((call) => call.path === '/api/v1/prices');
    expect(prices.length).toBeGreaterThan(0);
    for (const call of prices) {
      expect(JSON.stringify(call.body)).not.toContain(stack().simulator.workspaceId);
    }
  });
});

describe('answers of the wrong shape are the upstream’s failure, not the gateway’s', () => {
  it.each([
    ['contracts', CONTRACTS, '/api/v1/contracts', { notContracts: [] }],
    ['a tasking', 'query { tasking(id: "ICR_FC_0000002") { id } }', '/api/v1/contracts/*', { icr: null }],
  ])('%s: UPSTREAM_UNAVAILABLE with upstreamCode MALFORMED_RESPONSE', async (_, query, path, body) => {
    await stack().control('POST', '/faults', { path, count: 1, status: 200, body });
    const error = firstError(await stack().graphql(query));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      extensions: { upstreamCode: 'MALFORMED_RESPONSE' },
    });
  });
});

describe('a segment decision answered without a segment', () => {
  const ACCEPT = `mutation A($t: ID!, $s: ID!) { acceptSegment(taskingId: $t, segmentId: $s) { id status fetchedAt } }`;
  const decision = { t: 'ICR_FC_0000002', s: 'AS_FC_0000002_1_1' };

  it.each([
    ['204 No Content', { status: 204 }],
    ['{}', { status: 200, body: {} }],
    ['an unexpected body', { status: 202, body: { accepted: 'yes' } }],
  ])('%s is a success, answered with the segment read afresh', async (_, answer) => {
    await stack().control('POST', '/faults', {
      path: `/api/v1/contracts/${stack().simulator.contractId}/taskings/${decision.t}/segments/${decision.s}/accept`,
      count: 1,
      afterHandling: true,
      ...answer,
    });
    const started = Date.now();
    const response = await stack().graphql<{
      acceptSegment: { id: string; status: string; fetchedAt: string };
    }>(ACCEPT, decision);
    expect(response.errors).toBeUndefined();
    expect(response.data?.acceptSegment).toMatchObject({ id: decision.s, status: 'Validated' });
    expect(Date.parse(response.data?.acceptSegment.fetchedAt ?? '')).toBeGreaterThanOrEqual(started - 1_000);
  });
});

describe('every tasking status of the schema can be asked for', () => {
  it('taskings(status: PAUSED) lists a tasking paused upstream', async () => {
    await stack().control('POST', '/taskings/ICR_FC_0000002/status', { status: 'Paused' });
    const response = await stack().graphql<{
      taskings: { edges: { node: { id: string; status: string } }[] };
    }>('query { taskings(status: [PAUSED]) { edges { node { id status } } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.taskings.edges.map((edge) => edge.node)).toEqual([
      { id: 'ICR_FC_0000002', status: 'PAUSED' },
    ]);
  });
});
