import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../../src/config.js';
import { startTestGateway, type TestGateway } from '../support/test-schema.js';

const APP_ORIGIN = 'https://app.example.com';
const QUERY = JSON.stringify({ query: '{ contracts { id } }' });

let production: TestGateway;
let development: TestGateway;

beforeAll(async () => {
  // Production's CORS: only the listed origin. Development's: also any local dev server.
  production = await startTestGateway({ cors: { origins: [APP_ORIGIN], loopbackOrigins: false } });
  development = await startTestGateway({ cors: loadSecurityConfig({}).cors });
});

afterAll(async () => {
  await production?.close();
  await development?.close();
});

function preflight(
  gateway: TestGateway,
  origin: string,
  headers = 'content-type, authorization',
): Promise<Response> {
  return fetch(`${gateway.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

function post(gateway: TestGateway, origin: string): Promise<Response> {
  return fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', authorization: 'Bearer page-token' },
    body: QUERY,
  });
}

describe('CORS', () => {
  it('answers an allowed origin’s preflight with its origin, credentials, methods and headers', async () => {
    const response = await preflight(production, APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    const allowed = response.headers.get('access-control-allow-headers')?.split(', ') ?? [];
    expect(allowed).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight']),
    );
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read the answer and its request id', async () => {
    const response = await post(production, APP_ORIGIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
    expect(await response.json()).toMatchObject({ data: { contracts: expect.any(Array) } });
  });

  it('gives any other origin no CORS header and refuses its preflight', async () => {
    const refused = await preflight(production, 'https://evil.example.net');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await post(production, 'http://localhost:5173');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toContain('Origin');
  });

  it('lets local dev servers on any port call a development gateway, and nothing else', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const response = await preflight(development, origin);
      expect(response.status, origin).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    expect((await preflight(development, APP_ORIGIN)).status).toBe(403);
    expect((await preflight(development, 'http://localhost.example.com')).status).toBe(403);
  });

  it('keeps Apollo’s CSRF prevention: a simple cross-site GET without a preflight header is refused', async () => {
    const url = `${development.url}/graphql?query=${encodeURIComponent('{ contracts { id } }')}`;
    const simple = await fetch(url, { headers: { origin: 'http://localhost:5173' } });
    expect(simple.status).toBe(400);
    expect(await simple.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const flagged = await fetch(url, {
      headers: { origin: 'http://localhost:5173', 'apollo-require-preflight': 'true' },
    });
    expect(flagged.status).toBe(200);
  });
});
