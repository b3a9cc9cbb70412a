import { connect, type Socket } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONTEXT_BUG_CALLER,
  LEAKY_MESSAGE,
  startTestGateway,
  TEST_CONTRACTS,
  type TestGateway,
} from './support/test-schema.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.close();
});

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

async function graphql(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  to: TestGateway = gateway,
): Promise<{ response: Response; body: GraphQLBody }> {
  const response = await fetch(`${to.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { response, body: (await response.json()) as GraphQLBody };
}

describe('health', () => {
  it('answers GET /healthz with ok', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${gateway.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });
});

describe('GraphQL over HTTP', () => {
  it('executes a POSTed query', async () => {
    const { response, body } = await graphql('{ contracts { id name } }');
    expect(response.status).toBe(200);
    expect(body).toEqual({ data: { contracts: TEST_CONTRACTS } });
  });

  it('builds the context per request from its headers', async () => {
    const first = await graphql('{ caller }', {}, { 'x-caller': 'alice' });
    const second = await graphql('{ caller }', {}, { 'x-caller': 'bob' });
    expect(first.body.data).toEqual({ caller: 'alice' });
    expect(second.body.data).toEqual({ caller: 'bob' });
  });

  it('returns a federated trace (ftv1) to a Router that asks for one, and to nobody else', async () => {
    const asked = await graphql('{ contracts { id } }', {}, { 'apollo-federation-include-trace': 'ftv1' });
    expect(asked.body.extensions?.ftv1).toEqual(expect.any(String));
    const plain = await graphql('{ contracts { id } }');
    expect(plain.body).toEqual({ data: { contracts: TEST_CONTRACTS.map(({ id }) => ({ id })) } });
  });

  it('still answers a non-browser GET /graphql with GraphQL, not the page', async () => {
    const response = await fetch(
      `${gateway.url}/graphql?query=${encodeURIComponent('{ contracts { id } }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { contracts: TEST_CONTRACTS.map(({ id }) => ({ id })) } });
  });

  it('answers malformed JSON with a 400 GraphQL error, not an HTML stack page', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/node_modules|at .*\(/);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ contracts { id } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
  });
});

describe('request ids and the request log', () => {
  it('echoes a sane X-Request-Id and logs one line for the request, without its headers', async () => {
    const { response } = await graphql(
      '{ contracts { id } }',
      {},
      { 'x-request-id': 'req-123', authorization: 'Bearer TOKEN-XYZ' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-123');
    await vi.waitFor(() =>
      expect(gateway.logLines.filter((line) => line.requestId === 'req-123')).toHaveLength(1),
    );
    const line = gateway.logLines.find((candidate) => candidate.requestId === 'req-123');
    expect(line).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(gateway.logLines)).not.toContain('TOKEN-XYZ');
  });

  it('replaces an insane X-Request-Id with a generated one', async () => {
    const response = await fetch(`${gateway.url}/healthz`, {
      headers: { 'x-request-id': 'bad id\twith "quotes"' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('field suggestions', () => {
  const MISSPELT = '{ contract { id } contracts { nam } }';

  it('are given in development, to help whoever writes a query', async () => {
    const { body } = await graphql(MISSPELT);
    expect(body.errors?.map((error) => error.message)).toEqual([
      'Cannot query field "contract" on type "Query". Did you mean "contracts"?',
      'Cannot query field "nam" on type "Contract". Did you mean "name"?',
    ]);
  });

  it('are hidden when turned off (production), keeping what is wrong', async () => {
    const production = await startTestGateway({ fieldSuggestions: false });
    try {
      const { response, body } = await graphql(MISSPELT, {}, {}, production);
      expect(response.status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Cannot query field "contract" on type "Query".',
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
        }),
        expect.objectContaining({ message: 'Cannot query field "nam" on type "Contract".' }),
      ]);
    } finally {
      await production.close();
    }
  });
});

describe('error masking', () => {
  it('masks a plain Error from a resolver, and logs it with the request id', async () => {
    const { body, response } = await graphql(
      '{ leaky contracts { id } }',
      {},
      { 'x-request-id': 'req-leak' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-leak');
    expect(body.data).toEqual({ leaky: null, contracts: TEST_CONTRACTS.map(({ id }) => ({ id })) });
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['leaky'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-leak' },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('SECRET');
    const logged = gateway.logLines.find((line) => line.requestId === 'req-leak' && line.level === 50);
    expect(logged).toMatchObject({ msg: 'GraphQL request failed', err: { message: LEAKY_MESSAGE } });
    expect(JSON.stringify(logged)).toContain('at '); // the stack, for whoever reads the log
  });

  it('masks a plain Error thrown while the context is built, with the request id on the answer and the log line', async () => {
    const { body } = await graphql(
      '{ contracts { id } }',
      {},
      { 'x-request-id': 'req-context-bug', 'x-caller': CONTEXT_BUG_CALLER },
    );
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-context-bug' },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('SECRET');
    const logged = gateway.logLines.find((line) => line.requestId === 'req-context-bug' && line.level === 50);
    expect(logged).toMatchObject({ msg: 'GraphQL request failed', err: { message: LEAKY_MESSAGE } });
  });

  it('passes a GatewayError through with its code', async () => {
    const { body } = await graphql('{ notFound }');
    expect(body.errors).toEqual([
      {
        message: 'Tasking T-1 does not exist.',
        locations: [{ line: 1, column: 3 }],
        path: ['notFound'],
        extensions: { code: 'NOT_FOUND' },
      },
    ]);
  });

  it('keeps our message when a scalar refuses a variable', async () => {
    const { response, body } = await graphql('query Half($value: EvenInt!) { half(value: $value) }', {
      value: 3,
    });
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('EvenInt must be an even number.');
  });

  it('answers BAD_USER_INPUT, not an internal error, when a variable holds more problems than graphql-js lists', async () => {
    const { response, body } = await graphql(
      'query Halves($values: [EvenInt!]!) { halves(values: $values) }',
      {
        values: Array.from({ length: 60 }, () => 3),
      },
    );
    expect(response.status).toBe(400);
    const codes = new Set(body.errors?.map((error) => error.extensions?.code));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.at(-1)?.message).toBe(
      'The variables hold more problems than are listed here: execution stopped at the 50th.',
    );
  });

  it.each([
    ['a parse error', '{ contracts {', 'GRAPHQL_PARSE_FAILED', 'Syntax Error'],
    ['a validation error', '{ nope }', 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope"'],
  ])('keeps %s as it is', async (_name, query, code, message) => {
    const { body } = await graphql(query);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(body.errors?.[0]?.message).toContain(message);
  });

  it('never puts a stacktrace in a response', async () => {
    for (const query of ['{ leaky }', '{ notFound }', '{ nope }', '{ contracts {']) {
      const { body } = await graphql(query);
      for (const error of body.errors ?? []) expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });
});

describe('GraphiQL', () => {
  async function openPage(): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${gateway.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    return { response, html: await response.text() };
  }

  it('serves the page to browsers at /graphql with a same-origin CSP', async () => {
    const { response, html } = await openPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toContain('Accept');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(html).toContain('id="graphiql"');
    expect(html).toContain('query Overview');
    expect(html).not.toMatch(/<script>|<style|https?:\/\//);
  });

  it('serves every asset the page references from our origin, with long cache headers', async () => {
    const { html } = await openPage();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((match) => match[1] ?? '')
      .filter((url) => url !== 'data:,'); // the empty favicon, which spares the browser a /favicon.ico request
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      expect(url).toMatch(/^\/graphiql\/assets\/[0-9a-f]{16}\/[\w.-]+$/);
      const response = await fetch(`${gateway.url}${url}`);
      expect(response.status, url).toBe(200);
      const expectedType = url.endsWith('.css')
        ? 'text/css; charset=utf-8'
        : 'text/javascript; charset=utf-8';
      expect(response.headers.get('content-type'), url).toBe(expectedType);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('serves nothing outside the whitelist', async () => {
    for (const path of [
      '/graphiql/assets/0000000000000000/graphiql.js',
      '/graphiql/assets/../../package.json',
    ]) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const server = await startTestGateway();
    const inFlight = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow(ms: 500) }' }),
    });
    // Long enough for the request to reach the resolver, well short of its 500 ms.
    await setTimeout(150);
    await server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { slow: 'after 500 ms' } });
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('slow and numerous clients', () => {
  /**
   * Opens `count` sockets that send half a request head and then nothing. `closed` resolves once the
   * server has closed every one of them (listened for from the start, so none is missed).
   */
  async function slowSockets(
    url: string,
    count: number,
  ): Promise<{ sockets: Socket[]; closed: Promise<unknown> }> {
    const { hostname, port } = new URL(url);
    const connected: Promise<void>[] = [];
    const closedEach: Promise<void>[] = [];
    const sockets = Array.from({ length: count }, () => {
      const socket = connect(Number(port), hostname);
      connected.push(new Promise((resolve) => socket.once('connect', resolve)));
      // Not events.once: it rejects on 'error', and a dropped connection may well be reset.
      closedEach.push(new Promise((resolve) => socket.once('close', () => resolve())));
      socket.on('connect', () => socket.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\nX-Slow: '));
      socket.on('error', () => {});
      // Read (and discard) the server's answer, or the socket never sees the server close it.
      socket.resume();
      return socket;
    });
    const closed = Promise.all(closedEach);
    await Promise.all(connected);
    return { sockets, closed };
  }

  const refusedCount = (server: TestGateway, field: 'timedOut' | 'overCap') =>
    server.logLines
      .filter((line) => String(line.msg).startsWith('HTTP clients refused'))
      .reduce((sum, line) => sum + Number(line[field]), 0);

  it('answers a normal request beside 300 slow-header sockets, drops them after the header timeout, and logs it', async () => {
    const server = await startTestGateway({ http: { headersTimeoutMs: 500, requestTimeoutMs: 1_000 } });
    const { closed } = await slowSockets(server.url, 300);

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ contracts { id } }' }),
    });
    expect(response.status).toBe(200);

    // Every slow socket is closed by the server (the test times out otherwise).
    await closed;
    await server.close();
    expect(refusedCount(server, 'timedOut')).toBe(300);
  });

  it('drops connections over the cap and logs them', async () => {
    const server = await startTestGateway({ http: { maxConnections: 5 } });
    const { sockets } = await slowSockets(server.url, 8);
    // The three beyond the cap are closed by the server; the five within stay open.
    await vi.waitFor(() => expect(sockets.filter((socket) => socket.destroyed)).toHaveLength(3));
    for (const socket of sockets) socket.destroy();
    await server.close();
    expect(refusedCount(server, 'overCap')).toBe(3);
  });
});
