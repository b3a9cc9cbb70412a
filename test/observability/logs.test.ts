import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import { createLogger } from '../../src/logger.js';
import { CREATE_ORDER } from '../safety/support.js';
import { postGraphQL, sharedTestStack } from '../support/gateway.js';
import { orderInput } from '../support/order-input.js';

/**
 * The logs of every error path, captured the way `npm start` writes them (the request's context on
 * each line): nothing secret on any line, and each line written for a request names its request
 * id and trace id.
 */

const API_KEY = 'key-SECRET-0b1c2d3e';
/** Put by the upstream into its error answers: a gateway that logged bodies would leak it. */
const BODY_SECRET = 'body-SECRET-4f5e6d';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  traceId?: string;
  [field: string]: unknown;
}

describe('log lines on error paths', () => {
  const lines: string[] = [];
  const entries = () => lines.map((line) => JSON.parse(line) as LogLine);
  let tokenPath: string;
  const sentIds = new Set<string>();

  // Registered before the stack so that it runs after the stack has closed (vitest runs afterAll hooks
  // in reverse), and checks the lines written while it closed too.
  afterAll(() => {
    // Whatever happened in any test: no key, token, upstream body or query string on any line.
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(API_KEY);
      expect(line).not.toContain(BODY_SECRET);
      expect(line).not.toMatch(/Bearer|access_token/i);
      expect(line).not.toMatch(/"path":"[^"]*\?/);
    }
    // A line that names a request names one of those sent: a call started for one request (even
    // one finishing during the next) never logs under another's id.
    for (const { requestId } of entries()) if (requestId !== undefined) expect(sentIds).toContain(requestId);
  });

  const stack = sharedTestStack({
    simulator: { apiKey: API_KEY },
    oneAtlas: (config) => ({ ...config, timeoutMs: 400 }),
    safety: { orderOutcomeGraceMs: 3_600_000 },
    logger: createLogger('debug', { write: (line: string) => lines.push(line) }),
  });

  /** One request with its own request id and the Router's trace; answers the lines it wrote. */
  async function request(requestId: string, query: string, variables?: Record<string, unknown>) {
    const before = lines.length;
    sentIds.add(requestId);
    const answer = await postGraphQL(stack().gatewayUrl, query, variables, {
      'x-request-id': requestId,
      traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
    });
    // The access line is written when the response closes, just after the client has the answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { answer, lines: entries().slice(before) };
  }

  /** Reads contracts with a request id of its own: `message` is logged for it, with its ids. */
  async function expectWarningOfItsRequest(what: string, message: string): Promise<void> {
    const requestId = `req-${what.replaceAll(' ', '-')}`;
    const { answer, lines: written } = await request(requestId, 'query Contracts { contracts { id } }');
    expect(answer.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_/);
    expect(written.find((line) => line.msg === message)).toMatchObject({ requestId, traceId: TRACE_ID });
    expect(written.find((line) => line.msg === 'http request')).toMatchObject({
      requestId,
      traceId: TRACE_ID,
    });
    // A failed call's line names it as the client's error does, for a support ticket to Airbus.
    const correlationId = answer.errors?.[0]?.extensions?.correlationId;
    if (message === 'OneAtlas call failed') {
      expect(correlationId).toEqual(expect.any(String));
      expect(written.find((line) => line.msg === message)?.correlationId).toBe(correlationId);
    }
  }

  const fault = (spec: Record<string, unknown>) => stack().control('POST', '/faults', spec);

  beforeAll(() => {
    tokenPath = new URL(oneAtlasConfigForSimulator(stack().simulator).authUrl).pathname;
  });

  it.each([
    [
      'a 500 whose body quotes secrets',
      () =>
        fault({
          method: 'GET',
          path: '/api/v1/contracts',
          count: 1,
          status: 500,
          body: { message: `${BODY_SECRET} Bearer x` },
        }),
      'OneAtlas call failed',
    ],
    [
      'a connection reset',
      () => fault({ method: 'GET', path: '/api/v1/contracts', count: 1, drop: true }),
      'OneAtlas call failed',
    ],
    [
      'a timeout',
      () => fault({ method: 'GET', path: '/api/v1/contracts', count: 1, latencyMs: 1_000 }),
      'OneAtlas call failed',
    ],
    [
      'a 2xx that is not JSON',
      () =>
        fault({
          method: 'GET',
          path: '/api/v1/contracts',
          count: 1,
          status: 200,
          body: `<html>${BODY_SECRET}</html>`,
        }),
      'OneAtlas call failed',
    ],
    [
      'a 429',
      () =>
        fault({
          method: 'GET',
          path: '/api/v1/contracts',
          count: 1,
          status: 429,
          retryAfter: 600,
          body: { message: BODY_SECRET },
        }),
      'OneAtlas rate limit hit: pausing every call of this credential',
    ],
  ])(
    '%s: the warning carries the request id and trace id, and nothing secret',
    async (what, inject, message) => {
      await inject();
      await expectWarningOfItsRequest(what, message);
      if (message.startsWith('OneAtlas rate limit')) {
        await request('req-clear-pause', 'mutation { clearUpstreamPause(api: ORDER) { pausedForSeconds } }');
      }
    },
  );

  it('an order of unknown outcome: its lines carry the request id, the idempotency key, nothing secret', async () => {
    await fault({
      method: 'POST',
      path: '/api/v1/orders',
      count: 1,
      status: 500,
      body: { message: BODY_SECRET },
    });
    const { answer, lines: written } = await request('req-unknown-order', CREATE_ORDER, {
      input: orderInput('logs-unknown'),
    });
    expect((answer.data as { createOrder?: { status: string } } | undefined)?.createOrder?.status).toBe(
      'OUTCOME_UNKNOWN',
    );
    const failed = written.filter((line) => line.level >= 40 && line.msg !== 'http request');
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed)
      expect(line).toMatchObject({ requestId: 'req-unknown-order', traceId: TRACE_ID });
  });

  it('a request body that is not JSON is refused with its request id, and a line only for the answer', async () => {
    sentIds.add('req-bad-json');
    const response = await fetch(`${stack().gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'req-bad-json',
        authorization: `Bearer ${BODY_SECRET}`,
      },
      body: `{"query": "${BODY_SECRET}`,
    });
    expect(response.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(entries().find((line) => line.requestId === 'req-bad-json')).toMatchObject({
      msg: 'http request',
      status: 400,
    });
  });

  // Last: a refused key is remembered for a while, so every later call would fail the same way.
  it('a refused API key: the warning carries the request id and trace id, and nothing secret', async () => {
    // The current token is refused, and so is the key when the gateway asks for a new one.
    await fault({ method: 'GET', path: '/api/v1/contracts', count: 1, status: 401 });
    await fault({ method: 'POST', path: tokenPath, count: 1, status: 401, body: { error: BODY_SECRET } });
    await expectWarningOfItsRequest('a refused API key', 'OneAtlas token request failed');
  });
});
