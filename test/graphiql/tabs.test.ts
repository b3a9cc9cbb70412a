import { NoDeprecatedCustomRule, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS, WINDOW_END_TOKEN, WINDOW_START_TOKEN } from '../../src/graphiql/tabs.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { type GraphQLResponse, sharedTestStack } from '../support/gateway.js';

/** GraphiQL's first-visit tabs, each run on a fresh simulator with the variables the page gives it. */

const stack = sharedTestStack();

const DAY_MS = 86_400_000;

/** The tab's variables with the window the page fills in (boot.js): tomorrow for a week. */
function variablesOf(tab: (typeof GRAPHIQL_TABS)[number]): Record<string, unknown> {
  const text = (tab.variables ?? '{}')
    .replace(WINDOW_START_TOKEN, new Date(Date.now() + DAY_MS).toISOString())
    .replace(WINDOW_END_TOKEN, new Date(Date.now() + 8 * DAY_MS).toISOString());
  return JSON.parse(text) as Record<string, unknown>;
}

async function run(query: string, variables: Record<string, unknown>, operationName?: string) {
  const response = await fetch(`${stack().gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await response.json()) as GraphQLResponse;
}

describe('GraphiQL tabs', () => {
  it('open with the overview, then one tab per workflow step in order', () => {
    const names = GRAPHIQL_TABS.map((tab) =>
      [...tab.query.matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => m[1]),
    );
    expect(names).toEqual([
      ['Overview'],
      ['Catalogue'],
      ['Feasibility'],
      ['Attempts'],
      ['Price'],
      ['CreateOrder'],
      ['Taskings'],
      ['Accept', 'Refuse'],
      ['Imagery'],
    ]);
  });

  it('are valid against the schema and ask for no deprecated field: a first visit shows the fields to use', async () => {
    const schema = await buildGatewaySchema();
    for (const tab of GRAPHIQL_TABS) {
      const problems = validate(schema, parse(tab.query), [...specifiedRules, NoDeprecatedCustomRule]);
      expect(problems.map((problem) => problem.message)).toEqual([]);
    }
  });

  it('run as they stand on a fresh simulator, in order, without an error', async () => {
    for (const tab of GRAPHIQL_TABS) {
      const operation = /^(?:query|mutation) (\w+)/m.exec(tab.query)?.[1];
      const answer = await run(tab.query, variablesOf(tab), operation);
      expect(answer.errors, `${operation}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
      expect(
        Object.values(answer.data ?? {}).every((value) => value !== null),
        String(operation),
      ).toBe(true);
    }
    const attempts = await run(GRAPHIQL_TABS[3]?.query ?? '', variablesOf(GRAPHIQL_TABS[3] ?? { query: '' }));
    expect(JSON.stringify(attempts.data)).toContain('segmentKey');
  });

  it('decide on a fresh simulator with Refuse as well as Accept, once: then the other is refused upstream', async () => {
    const decide = GRAPHIQL_TABS[7];
    if (decide === undefined) throw new Error('no decision tab');
    await stack().control('POST', '/reset');
    const refused = await run(decide.query, variablesOf(decide), 'Refuse');
    expect(refused.errors, JSON.stringify(refused.errors)).toBeUndefined();
    expect(refused.data?.refuseSegment).toMatchObject({ status: 'Refused' });
    const accepted = await run(decide.query, variablesOf(decide), 'Accept');
    expect(accepted.errors?.[0]?.extensions?.code).toBe('UPSTREAM_REJECTED');
  });
});
