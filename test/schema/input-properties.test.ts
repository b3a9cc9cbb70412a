import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptsRequest } from '../fixtures/guide-samples.js';
import { upstreamRequests } from '../safety/support.js';
import { type GraphQLResponse, sharedTestStack } from '../support/gateway.js';
import { orderInput } from '../support/order-input.js';
import { isCatalogueRead } from '../support/request-log.js';

/**
 * Property-based tests over every GraphQL input type, through the real gateway over HTTP against the
 * simulator: whatever a client sends, the answer is never INTERNAL_SERVER_ERROR (nor an HTTP 5xx),
 * and input the gateway refuses costs no upstream call. Each run starts from a reset simulator, so
 * its request log holds exactly the calls that run caused.
 */

const RUNS = 300;
/**
 * A guard against a hang, not a speed target: each run is a few loopback round trips, valid inputs
 * reach the simulator, and on a busy 2-core machine beside the other test files a property has taken
 * over two minutes.
 */
const PROPERTY_TIMEOUT_MS = 300_000;

const stack = sharedTestStack();

/** Refusals of the input itself: nothing may have been sent for them. */
const INPUT_REFUSALS = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
/**
 * A refusal that legitimately follows a read of a page: the segments bound counts the taskings of the
 * page read. (The catalogue reads every order check may make are not counted at all, below.)
 */
const refusedAfterARead = (extensions: Record<string, unknown>): boolean => extensions.field === 'segments';

/**
 * Upstream calls made, but the catalogue reads the checks before the upstream make to judge an input
 * (its contract's back end and workspace, its product's option rules): they send nothing of it.
 */
async function apiCalls(): Promise<number> {
  return (await upstreamRequests(stack())).filter(
    (request) => request.path.startsWith('/api/') && !isCatalogueRead(request),
  ).length;
}

/** The property every operation keeps, whatever its variables. */
async function answersSafely(query: string, variables: Record<string, unknown>): Promise<void> {
  await stack().control('POST', '/reset');
  const response: GraphQLResponse = await stack().graphql(query, variables);
  expect(response.status).toBeLessThan(500);
  const errors = response.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  const refusedAsInput = errors.some(
    (error) =>
      INPUT_REFUSALS.has(String(error.extensions?.code)) && !refusedAfterARead(error.extensions ?? {}),
  );
  if (refusedAsInput) expect(await apiCalls()).toBe(0);
}

// ---------------------------------------------------------------- generators

/** Strings a careless or hostile client sends: control characters, commas, path tricks, huge ones. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u001b[31m',
    'a,b',
    'ICR_1, ICR_2',
    '..',
    '.',
    '../contracts',
    'a/b',
    '%2e%2e',
  ),
  fc.integer({ min: 60, max: 70 }).map((length) => 'r'.repeat(length)),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
);
/** Any JSON a variable may hold, to try every coercion path. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A field's value: plausible, hostile, or any JSON at all. */
const field = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: anyJson },
  );
const numberish = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constant(null),
);
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const window = fc.record({ start: field(isoDate), end: field(isoDate) }, { requiredKeys: [] });

const toulouse = attemptsRequest('').aoi;
/** Rectangles around Toulouse (valid), rings broken in each documented way, and any JSON. */
const aoi = fc.oneof(
  fc.record({ size: fc.double({ min: 0.0001, max: 2, noNaN: true }) }).map(({ size }) => ({
    type: 'Polygon',
    coordinates: [
      [
        [1.4, 43.5],
        [1.4 + size, 43.5],
        [1.4 + size, 43.5 + size],
        [1.4, 43.5 + size],
        [1.4, 43.5],
      ],
    ],
  })),
  fc.constant(toulouse),
  fc.constant({ type: 'Polygon', coordinates: [toulouse.coordinates[0]?.slice(0, 3)] }),
  fc.constant({ type: 'Point', coordinates: [1, 43] }),
  anyJson,
);
const keyValues = fc.array(
  fc.record({
    key: field(fc.constantFrom('processing_level', 'dem_1', 'acqPeriod', 'ACQ_PERIOD', 'note')),
    value: field(fc.string()),
  }),
  { maxLength: 60 },
);
const enumValue = (...values: string[]) => field(fc.constantFrom(...values));
const enumList = (...values: string[]) => fc.oneof(fc.array(enumValue(...values), { maxLength: 8 }), anyJson);
const id = field(
  fc.constantFrom('CTR21000411', 'CTR22000512', 'ICR_FC_0000002', 'AS_FC_0000002_1_1', 'NOPE'),
);
const pageSize = fc.oneof(fc.integer({ min: -5, max: 150 }), anyJson);

const taskingSearchInput = fc.record(
  {
    contractId: id,
    missions: enumList('PLEIADES', 'SPOT', 'PLEIADES_NEO'),
    progTypes: enumList('ONEPLAN', 'ONEDAY', 'ONENOW', 'ONESERIES', 'ONENOWATTEMPTS', 'ONENOWWEATHER'),
    aoi,
    window,
    optical: fc.oneof(
      fc.record(
        {
          acquisitionMode: enumValue('MONO', 'STEREO', 'TRISTEREO'),
          maxCloudCover: numberish,
          maxIncidenceAngle: numberish,
        },
        { requiredKeys: [] },
      ),
      anyJson,
    ),
  },
  { requiredKeys: [] },
);

/** An order: starts from one the simulator accepts, then replaces some fields with generated ones. */
const orderInputVariable = fc
  .record(
    {
      contractId: id,
      productTypeId: field(fc.constantFrom('SpotTaskingOnePlan', 'PleiadesTaskingOneDay')),
      aoi,
      aoiName: field(fc.string()),
      segmentKey: field(fc.string()),
      acquisitionMode: enumValue('MONO', 'STEREO', 'TRISTEREO'),
      window,
      maxCloudCover: numberish,
      maxIncidenceAngle: numberish,
      notificationThreshold: numberish,
      extendedAngle: field(fc.boolean()),
      feasibility: fc.oneof(
        fc.record(
          {
            classification: field(fc.constantFrom('EASY', 'CHALLENGING')),
            automation: field(fc.constantFrom('AUTOMATIC', 'MANUAL')),
            automationName: field(fc.string()),
          },
          { requiredKeys: [] },
        ),
        anyJson,
      ),
      stereo: fc.oneof(fc.record({ minBH: numberish, maxBH: numberish }, { requiredKeys: [] }), anyJson),
      comments: field(fc.string()),
      customerReference: field(fc.string({ minLength: 1 })),
      idempotencyKey: field(fc.string({ minLength: 1 })),
      primaryMarket: field(fc.constantFrom('NQUAL', 'DEFENCE')),
      secondaryMarket: field(fc.constant('NQUAL')),
      programReference: field(fc.string()),
      options: fc.oneof(keyValues, anyJson),
      workspaceId: id,
      notifyEmails: fc.oneof(fc.array(field(fc.emailAddress()), { maxLength: 12 }), anyJson),
      endUsers: fc.oneof(
        fc.array(
          fc.record(
            { name: field(fc.string()), country: field(fc.constantFrom('FR', 'fr', 'France')) },
            { requiredKeys: [] },
          ),
          { maxLength: 12 },
        ),
        anyJson,
      ),
      extraProperties: fc.oneof(keyValues, anyJson),
    },
    { requiredKeys: [] },
  )
  .map((overrides) => orderInput('property-run', overrides));

// ---------------------------------------------------------------- properties

const property = <T>(
  arbitrary: fc.Arbitrary<T>,
  query: string,
  variables: (value: T) => Record<string, unknown>,
) =>
  fc.assert(
    fc.asyncProperty(arbitrary, (value) => answersSafely(query, variables(value))),
    { numRuns: RUNS },
  );

describe('every input type, generated: never INTERNAL_SERVER_ERROR, no upstream call for refused input', () => {
  it(
    'OrderInput (price)',
    () =>
      property(
        orderInputVariable,
        'query P($input: OrderInput!) { price(input: $input) { __typename } }',
        (input) => ({ input }),
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'OrderInput (createOrder)',
    () =>
      property(
        orderInputVariable,
        'mutation O($input: OrderInput!) { createOrder(input: $input) { __typename } }',
        (input) => ({ input }),
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'TaskingSearchInput (feasibility and attempts)',
    () =>
      property(
        fc.tuple(taskingSearchInput, fc.constantFrom('feasibility', 'attempts')),
        'query F($input: TaskingSearchInput!, $attempts: Boolean!) { feasibility(input: $input) @skip(if: $attempts) { __typename } attempts(input: $input) @include(if: $attempts) { __typename } }',
        ([input, which]) => ({ input, attempts: which === 'attempts' }),
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'tasking filters and paging (taskings)',
    () =>
      property(
        fc.record(
          {
            contractId: id,
            customerReference: field(fc.string()),
            status: enumList('FEASIBILITY_STUDY', 'IN_PROGRESS', 'PAUSED', 'CANCELED', 'COMPLETED', 'OTHER'),
            first: pageSize,
            after: field(fc.constantFrom('b2Zmc2V0OjA', 'b2Zmc2V0Oi0x')),
          },
          { requiredKeys: [] },
        ),
        'query T($contractId: ID, $customerReference: String, $status: [TaskingStatus!], $first: Int, $after: String) { taskings(contractId: $contractId, customerReference: $customerReference, status: $status, first: $first, after: $after) { totalCount edges { node { id segments { id } } } } }',
        (variables) => variables,
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'ids (tasking, product types)',
    () =>
      property(
        fc.record(
          { id, contractId: id, which: fc.constantFrom('tasking', 'productTypes') },
          { requiredKeys: ['which'] },
        ),
        'query Q($id: ID!, $contractId: ID, $tasking: Boolean!, $productTypes: Boolean!) { tasking(id: $id, contractId: $contractId) @include(if: $tasking) { id } productTypes(contractId: $contractId) @include(if: $productTypes) { id } }',
        ({ which, ...variables }) => ({
          ...variables,
          tasking: which === 'tasking',
          productTypes: which === 'productTypes',
        }),
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'ids (segment decisions)',
    () =>
      property(
        fc.record(
          { taskingId: id, segmentId: id, contractId: id, refuse: fc.boolean() },
          { requiredKeys: ['refuse'] },
        ),
        'mutation D($taskingId: ID!, $segmentId: ID!, $contractId: ID, $refuse: Boolean!) { acceptSegment(taskingId: $taskingId, segmentId: $segmentId, contractId: $contractId) @skip(if: $refuse) { id } refuseSegment(taskingId: $taskingId, segmentId: $segmentId, contractId: $contractId) @include(if: $refuse) { id } }',
        (variables) => variables,
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'production options (productTypeId, aoi, contractId)',
    () =>
      property(
        fc.record(
          {
            productTypeId: field(fc.constantFrom('SpotTaskingOnePlan', 'PleiadesTaskingOneDay')),
            aoi,
            contractId: id,
          },
          { requiredKeys: [] },
        ),
        'query O($productTypeId: String!, $aoi: GeoJSONPolygon!, $contractId: ID) { productionOptions(productTypeId: $productTypeId, aoi: $aoi, contractId: $contractId) { name } }',
        (variables) => variables,
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'imagery (workspace, paging)',
    () =>
      property(
        fc.record({ workspaceId: id, first: pageSize, after: field(fc.string()) }, { requiredKeys: [] }),
        'query I($workspaceId: ID, $first: Int, $after: String) { imagery(workspaceId: $workspaceId, first: $first, after: $after) { totalCount } }',
        (variables) => variables,
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'the order journal (references, keys, states, paging)',
    () =>
      property(
        fc.record(
          {
            first: pageSize,
            after: field(fc.string()),
            customerReference: field(fc.string()),
            idempotencyKey: field(fc.string()),
            states: enumList('SENDING', 'PLACED', 'OUTCOME_UNKNOWN', 'REJECTED', 'NOT_SENT', 'ABSENT'),
            one: fc.boolean(),
          },
          { requiredKeys: ['one'] },
        ),
        'query J($first: Int, $after: String, $customerReference: String, $idempotencyKey: String!, $states: [OrderAttemptState!], $one: Boolean!) { orderAttempts(customerReference: $customerReference, states: $states, first: $first, after: $after) @skip(if: $one) { __typename } orderAttempt(idempotencyKey: $idempotencyKey) @include(if: $one) { __typename } }',
        (variables) => variables,
      ),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'federation representations (_entities)',
    () =>
      property(
        fc.array(
          fc.oneof(
            fc.record(
              { __typename: fc.constantFrom('Tasking', 'Contract'), id },
              { requiredKeys: ['__typename'] },
            ),
            anyJson,
          ),
          { maxLength: 20 },
        ),
        'query E($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
        (representations) => ({ representations }),
      ),
    PROPERTY_TIMEOUT_MS,
  );
});
