import { Writable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { ROLES, type Role } from '../../src/auth/caller.js';
import { loadSecurityConfig } from '../../src/config.js';
import type { RequestScope } from '../../src/datasources/http/request-scope.js';
import { ErrorCode, GatewayError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { type GatewayServer, type ServerSecurity, startGatewayServer } from '../../src/server.js';

/** A secret-looking message: the masking tests check that it never reaches a client. */
export const LEAKY_MESSAGE = 'upstream said 500 at https://order.example/api?apikey=SECRET-KEY-123';
/** The X-Caller whose context fails to build with LEAKY_MESSAGE. */
export const CONTEXT_BUG_CALLER = 'context-bug';

export const TEST_CONTRACTS = [
  { id: 'CTR-TEST-1', name: 'Pléiades test contract' },
  { id: 'CTR-TEST-2', name: 'SPOT test contract' },
];

export interface TestContext {
  /** The name from the X-Caller header, and every role (the test schema's fields need none). */
  caller: { name: string | undefined; roles: ReadonlySet<Role> };
  scope: RequestScope;
}

/** Refuses odd numbers with a plain Error, as a custom scalar's parseValue would. */
const EvenInt = new GraphQLScalarType({
  name: 'EvenInt',
  parseValue(value) {
    if (typeof value !== 'number' || value % 2 !== 0) throw new Error('EvenInt must be an even number.');
    return value;
  },
  serialize: (value) => value,
});

const Contract = new GraphQLObjectType({
  name: 'Contract',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
  },
});

/** The server shell's stand-in for the gateway schema: one field per behaviour under test. */
export const testSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, TestContext>({
    name: 'Query',
    fields: {
      contracts: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Contract))),
        resolve: () => TEST_CONTRACTS,
      },
      caller: { type: GraphQLString, resolve: (_source, _args, context) => context.caller.name },
      leaky: {
        type: GraphQLString,
        resolve: () => {
          throw new Error(LEAKY_MESSAGE);
        },
      },
      notFound: {
        type: GraphQLString,
        resolve: () => {
          throw new GatewayError(ErrorCode.NOT_FOUND, 'Tasking T-1 does not exist.');
        },
      },
      slow: {
        type: GraphQLString,
        args: { ms: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_source, args: { ms: number }) => {
          await setTimeout(args.ms);
          return `after ${args.ms} ms`;
        },
      },
      half: {
        type: GraphQLString,
        args: { value: { type: new GraphQLNonNull(EvenInt) } },
        resolve: (_source, args: { value: number }) => String(args.value / 2),
      },
      halves: {
        type: new GraphQLList(GraphQLString),
        args: { values: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(EvenInt))) } },
        resolve: (_source, args: { values: number[] }) => args.values.map((value) => String(value / 2)),
      },
    },
  }),
});

export interface TestGateway extends GatewayServer {
  /** Every JSON log line the server wrote. */
  logLines: Array<Record<string, unknown>>;
}

/** The gateway's server on 127.0.0.1 and a free port, with the test schema and a captured log. */
export async function startTestGateway(
  security: Partial<Omit<ServerSecurity, 'http'>> & { http?: Partial<ServerSecurity['http']> } = {},
): Promise<TestGateway> {
  const defaults = loadSecurityConfig({});
  const logLines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const server = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    schema: testSchema,
    createContext: async ({ headers, scope }): Promise<TestContext> => {
      // A wiring bug while the context is built: its message is not for the client.
      if (headers['x-caller'] === CONTEXT_BUG_CALLER) throw new Error(LEAKY_MESSAGE);
      return { caller: { name: headers['x-caller']?.toString(), roles: new Set(ROLES) }, scope };
    },
    logger: createLogger('info', sink),
    security: { ...defaults, ...security, http: { ...defaults.http, ...security.http } },
  });
  return { ...server, logLines };
}
