import { SAMPLE_LEGACY_OPTIONS } from '../simulator/samples.js';
import { DEFAULT_QUERY } from './page.js';

/** One GraphiQL tab: an operation and its variables, ready to run on the embedded simulator. */
export interface GraphiqlTab {
  query: string;
  /** JSON text; the tokens below are replaced with dates by the page when it opens. */
  variables?: string;
}

/**
 * Replaced in a tab's variables by tomorrow and the day a week later (boot.js), on the gateway's clock
 * the page carries: in development mode the embedded simulator's, which the walkthrough moves ahead.
 */
export const WINDOW_START_TOKEN = '$TOMORROW';
export const WINDOW_END_TOKEN = '$IN_EIGHT_DAYS';

/** The README's sample AOI: 11 km by 12 km over Toulouse, large enough for every legacy offer. */
const SAMPLE_AOI = {
  type: 'Polygon',
  coordinates: [
    [
      [1.37, 43.54],
      [1.51, 43.54],
      [1.51, 43.65],
      [1.37, 43.65],
      [1.37, 43.54],
    ],
  ],
};

const WINDOW = { start: WINDOW_START_TOKEN, end: WINDOW_END_TOKEN };

/** A SPOT ONEPLAN order over the sample AOI: it needs no pass chosen first, so it runs as is. */
const SAMPLE_ORDER = {
  productTypeId: 'SpotTaskingOnePlan',
  aoi: SAMPLE_AOI,
  acquisitionMode: 'MONO',
  window: WINDOW,
  maxCloudCover: 10,
  maxIncidenceAngle: 30,
  options: SAMPLE_LEGACY_OPTIONS,
  primaryMarket: 'NQUAL',
  customerReference: 'graphiql-first-order',
};

const variables = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * What GraphiQL opens with on a first visit (it keeps the user's own tabs afterwards): the overview,
 * then one tab per workflow step, in order. Every tab runs as it stands on a fresh embedded simulator:
 * searches start tomorrow, the order is the sample one, the decision names the seeded Proposed segment.
 */
export const GRAPHIQL_TABS: readonly GraphiqlTab[] = [
  { query: DEFAULT_QUERY },
  {
    query: `# Step 1: what can I order, and the order form with its published defaults.
query Catalogue($aoi: GeoJSONPolygon!) {
  contracts { id name backendSource workspaceId }
  productTypes { id label minimumOrderAreaKm2 }
  productionOptions(productTypeId: "SpotTaskingOnePlan", aoi: $aoi) {
    name mandatory condition defaultValue
    values { id label }
  }
}
`,
    variables: variables({ aoi: SAMPLE_AOI }),
  },
  {
    query: `# Step 2: ONEPLAN feasibility over the sample AOI, from tomorrow for a week.
query Feasibility($input: TaskingSearchInput!) {
  feasibility(input: $input) {
    mission
    progTypes {
      name available
      feasibility { classificationLevel automationMode }
      errors { code message }
    }
  }
}
`,
    variables: variables({
      input: {
        missions: ['SPOT'],
        progTypes: ['ONEPLAN'],
        aoi: SAMPLE_AOI,
        window: WINDOW,
        optical: { acquisitionMode: 'MONO', maxCloudCover: 10, maxIncidenceAngle: 30 },
      },
    }),
  },
  {
    query: `# Step 2 for ONEDAY/ONENOW: the passes; an order names one by its segmentKey.
query Attempts($input: TaskingSearchInput!) {
  attempts(input: $input) {
    mission
    progTypes {
      name
      attempts { segmentKey satellite acquisitionStart orderDeadline incidenceAngle }
      errors { code message }
    }
  }
}
`,
    variables: variables({
      input: { missions: ['PLEIADES'], progTypes: ['ONEDAY'], aoi: SAMPLE_AOI, window: WINDOW },
    }),
  },
  {
    query: `# Step 3: what the order would cost, without ordering.
query Price($input: OrderInput!) {
  price(input: $input) {
    totalAmount currency
    productTypes { productTypeId areaKm2 amount }
  }
}
`,
    variables: variables({ input: SAMPLE_ORDER }),
  },
  {
    query: `# Step 4: order (the simulator's money only). Running it again answers the same order:
# the idempotencyKey makes a retry safe; a new order needs a new key and customerReference.
mutation CreateOrder($input: OrderInput!) {
  createOrder(input: $input) {
    status salesOrderId customerReference idempotencyKey totalAmount currency
  }
}
`,
    variables: variables({ input: { ...SAMPLE_ORDER, idempotencyKey: 'graphiql-first-order' } }),
  },
  {
    query: `# Step 5: track the orders; acquisitions (segments) appear as the simulator's clock passes
# them (POST /__simulator/clock/advance on the simulator's address, printed at start-up).
query Taskings($first: Int) {
  taskings(first: $first) {
    totalCount
    edges {
      node {
        id customerReference status progress proposedSegmentCount
        segments { id status acquisitionDate }
      }
    }
  }
}
`,
    variables: variables({ first: 10 }),
  },
  {
    query: `# Step 6: decide on a proposed acquisition: run Accept or Refuse (the run button asks which).
# Both name the simulator's seeded Proposed segment. A decision is taken once: after one,
# the other is UPSTREAM_REJECTED. Your own orders' segments (Taskings tab) appear once the
# simulator's clock passes them; put their ids in the variables to decide on them.
mutation Accept($taskingId: ID!, $segmentId: ID!) {
  acceptSegment(taskingId: $taskingId, segmentId: $segmentId) { id status }
}

mutation Refuse($taskingId: ID!, $segmentId: ID!) {
  refuseSegment(taskingId: $taskingId, segmentId: $segmentId) { id status }
}
`,
    variables: variables({ taskingId: 'ICR_FC_0000002', segmentId: 'AS_FC_0000002_1_1' }),
  },
  {
    query: `# Step 7: delivered acquisitions in the contract's workspace.
query Imagery($first: Int) {
  imagery(first: $first) {
    totalCount
    edges { node { id platform acquisitionDate cloudCover footprint } }
  }
}
`,
    variables: variables({ first: 5 }),
  },
];
