import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_NEO_CONTRACT_ID } from '../../src/simulator/seed.js';
import { sharedTestStack } from '../support/gateway.js';
import { neoOrderInput } from '../support/neo.js';
import {
  CompositionProblems,
  composeSupergraph,
  type SubgraphDefinition,
  withoutAccessControl,
} from './compose.js';

/**
 * This gateway as one subgraph of a company supergraph: composed with a small `projects` subgraph
 * that references and extends its entities, served by @apollo/gateway in-process (a stand-in for
 * Apollo Router), and queried over HTTP across both subgraphs. Everything listens on loopback only.
 */

const PROJECTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    projects: [Project!]!
  }

  type Project @key(fields: "id") {
    id: ID!
    name: String!
    contract: Contract!
    taskings: [Tasking!]!
    neoOrderItems: [NeoOrderItem!]!
  }

  # Extends the gateway's Tasking with the project it was ordered for.
  type Tasking @key(fields: "id") {
    id: ID!
    project: Project
  }

  # The same for a Pléiades Neo order item.
  type NeoOrderItem @key(fields: "id") {
    id: ID!
    project: Project
  }

  # Only referenced: the gateway subgraph resolves contracts.
  type Contract @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

interface Project {
  id: string;
  name: string;
  contractId: string;
  taskingIds: string[];
  /** Set by a test once the gateway has quoted the order items. */
  neoOrderItemIds: string[];
}

const PROJECTS: Project[] = [
  {
    id: 'PRJ-LYON',
    name: 'Lyon 3D city model',
    contractId: 'CTR21000411',
    taskingIds: ['ICR_FC_0000001'],
    neoOrderItemIds: [],
  },
  {
    id: 'PRJ-SOUTH',
    name: 'South coast monitoring',
    contractId: 'CTR21000411',
    taskingIds: ['ICR_FC_0000002', 'ICR_FC_0000003'],
    neoOrderItemIds: [],
  },
];

const projectsSchema = buildSubgraphSchema({
  typeDefs: parse(PROJECTS_SDL),
  resolvers: {
    Query: { projects: () => PROJECTS },
    Project: {
      contract: (project: Project) => ({ id: project.contractId }),
      taskings: (project: Project) => project.taskingIds.map((id) => ({ id })),
      neoOrderItems: (project: Project) => project.neoOrderItemIds.map((id) => ({ id })),
    },
    Tasking: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      project: (tasking: { id: string }) =>
        PROJECTS.find((project) => project.taskingIds.includes(tasking.id)),
    },
    NeoOrderItem: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      project: (item: { id: string }) =>
        PROJECTS.find((project) => project.neoOrderItemIds.includes(item.id)),
    },
  },
});

const stack = sharedTestStack({}, { resetBetweenTests: true });
let projects: ApolloServer;
let router: ApolloServer;
let routerUrl: string;
let gatewaySubgraph: SubgraphDefinition;
let projectsSubgraph: SubgraphDefinition;

beforeAll(async () => {
  projects = new ApolloServer({ schema: projectsSchema });
  const projectsUrl = (await startStandaloneServer(projects, { listen: { host: '127.0.0.1', port: 0 } })).url;
  // The committed SDL: what `rover subgraph publish` sends to the registry (the drift test keeps it current).
  gatewaySubgraph = {
    name: 'oneatlas',
    url: `${stack().gatewayUrl}/graphql`,
    sdl: await readFile('schema.graphql', 'utf8'),
  };
  projectsSubgraph = { name: 'projects', url: projectsUrl, sdl: PROJECTS_SDL };

  router = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: withoutAccessControl(composeSupergraph([gatewaySubgraph, projectsSubgraph])),
    }),
  });
  routerUrl = (await startStandaloneServer(router, { listen: { host: '127.0.0.1', port: 0 } })).url;
});

afterAll(async () => {
  await router?.stop();
  await projects?.stop();
});

beforeEach(() => {
  for (const project of PROJECTS) project.neoOrderItemIds = [];
});

async function queryRouter<TData>(query: string): Promise<{ data?: TData; errors?: unknown[] }> {
  const response = await fetch(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: TData; errors?: unknown[] };
}

async function upstreamApiCalls(): Promise<string[]> {
  const { requests } = await stack().control<{ requests: Array<{ method: string; path: string }> }>(
    'GET',
    '/requests',
  );
  return requests.filter((request) => request.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
}

describe('the supergraph of oneatlas + projects', () => {
  it('answers a query starting in projects with taskings and contracts from the gateway', async () => {
    const result = await queryRouter(`{
      projects {
        name
        contract { id name currency }
        taskings { id status customerReference project { id } }
      }
    }`);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      projects: [
        {
          name: 'Lyon 3D city model',
          contract: { id: 'CTR21000411', name: expect.any(String), currency: 'EUR' },
          taskings: [
            {
              id: 'ICR_FC_0000001',
              status: 'FEASIBILITY_STUDY',
              customerReference: 'seed-lyon-tristereo',
              project: { id: 'PRJ-LYON' },
            },
          ],
        },
        {
          name: 'South coast monitoring',
          contract: { id: 'CTR21000411', name: expect.any(String), currency: 'EUR' },
          taskings: [
            {
              id: 'ICR_FC_0000002',
              status: 'IN_PROGRESS',
              customerReference: 'seed-marseille-plan',
              project: { id: 'PRJ-SOUTH' },
            },
            {
              id: 'ICR_FC_0000003',
              status: 'COMPLETED',
              customerReference: 'seed-toulouse-oneday',
              project: { id: 'PRJ-SOUTH' },
            },
          ],
        },
      ],
    });
    // The router sends the three taskings in one _entities fetch and the gateway reads them with one
    // list call (none per id); earlier answers it cached may spare calls, never add any.
    const calls = await upstreamApiCalls();
    expect(new Set(calls).size).toBe(calls.length);
    for (const call of calls) {
      expect(['GET /api/v1/contracts', 'GET /api/v1/contracts/CTR21000411/taskings']).toContain(call);
    }
  });

  it('answers a query starting in the gateway with the project field from projects', async () => {
    const result = await queryRouter(`{
      tasking(id: "ICR_FC_0000003") {
        id
        statusLabel
        project { name }
        segments { id status }
      }
    }`);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      tasking: {
        id: 'ICR_FC_0000003',
        statusLabel: 'Completed',
        project: { name: 'South coast monitoring' },
        segments: [{ id: 'AS_FC_0000003_1_1', status: 'Validated' }],
      },
    });
  });
});

describe('Pléiades Neo order items in the supergraph', () => {
  /** Two quotations on the simulator's Neo contract, through the gateway: their order item ids. */
  async function quotedOrderItems(): Promise<string[]> {
    const ids: string[] = [];
    for (const reference of ['supergraph-neo-1', 'supergraph-neo-2']) {
      const response = await stack().graphql<{ requestQuotation: { orderItemIds: string[] } }>(
        'mutation Q($input: OrderInput!) { requestQuotation(input: $input) { orderItemIds } }',
        { input: neoOrderInput(reference) },
      );
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      ids.push(...(response.data?.requestQuotation.orderItemIds ?? []));
    }
    return ids;
  }

  it('resolves the order items another subgraph references in one order search', async () => {
    const orderItemIds = await quotedOrderItems();
    const south = PROJECTS.find((project) => project.id === 'PRJ-SOUTH') as Project;
    south.neoOrderItemIds = orderItemIds;
    const since = (await upstreamApiCalls()).length;

    const result = await queryRouter<{
      projects: { id: string; neoOrderItems: { id: string; customerReference: string; state: string }[] }[];
    }>(`{ projects { id neoOrderItems { id customerReference state project { id } } } }`);

    expect(result.errors).toBeUndefined();
    expect(result.data?.projects.find((project) => project.id === 'PRJ-SOUTH')?.neoOrderItems).toEqual([
      {
        id: orderItemIds[0],
        customerReference: 'supergraph-neo-1',
        state: 'PENDING',
        project: { id: 'PRJ-SOUTH' },
      },
      {
        id: orderItemIds[1],
        customerReference: 'supergraph-neo-2',
        state: 'PENDING',
        project: { id: 'PRJ-SOUTH' },
      },
    ]);
    // Both representations in one _entities fetch, read with one order search on the Neo contract.
    const calls = (await upstreamApiCalls()).slice(since);
    expect(calls.filter((call) => call.endsWith('/orders/search'))).toHaveLength(1);
    expect(calls.filter((call) => call.includes('/taskings'))).toEqual([]);
  });

  it('extends a Neo order item reached through the TaskingLine interface with the project field from projects', async () => {
    const [orderItemId] = await quotedOrderItems();
    const south = PROJECTS.find((project) => project.id === 'PRJ-SOUTH') as Project;
    south.neoOrderItemIds = [String(orderItemId)];

    const result = await queryRouter<{ taskingLine: { id: string; project: { name: string } } }>(`{
      taskingLine(id: "${orderItemId}", contractId: "${SEEDED_NEO_CONTRACT_ID}") {
        id
        ... on NeoOrderItem { project { name } }
        ... on Tasking { project { name } }
      }
    }`);

    expect(result.errors).toBeUndefined();
    expect(result.data?.taskingLine).toEqual({
      id: orderItemId,
      project: { name: 'South coast monitoring' },
    });
  });
});

describe('composeSupergraph', () => {
  it('refuses a subgraph that redefines a gateway field', () => {
    const broken = {
      ...projectsSubgraph,
      sdl: PROJECTS_SDL.replace('project: Project', 'project: Project\n    status: String'),
    };
    expect(() => composeSupergraph([gatewaySubgraph, broken])).toThrow(CompositionProblems);
    expect(() => composeSupergraph([gatewaySubgraph, broken])).toThrow(
      /INVALID_FIELD_SHARING: .*Tasking\.status/,
    );
  });

  it('refuses a subgraph that references Tasking by a key the gateway cannot resolve', () => {
    const broken = {
      ...projectsSubgraph,
      sdl: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { projects: [Project!]! }
        type Project @key(fields: "id") { id: ID! tasking: Tasking }
        type Tasking @key(fields: "icrNumber", resolvable: false) { icrNumber: ID! }
      `,
    };
    expect(() => composeSupergraph([gatewaySubgraph, broken])).toThrow(/SATISFIABILITY_ERROR/);
  });

  it('treats composition hints as failures', () => {
    const hinted = {
      ...projectsSubgraph,
      sdl: PROJECTS_SDL.replace('type Tasking @key', '"A tasking, as projects see it."\n  type Tasking @key'),
    };
    expect(() => composeSupergraph([gatewaySubgraph, hinted])).toThrow(/INCONSISTENT_DESCRIPTION/);
  });
});
