import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorClient, startSimulatorClient } from './simulator-client.js';

const TOKEN_ERROR_SHAPE = {
  correlationId: expect.any(String),
  hint: expect.any(String),
  internalCode: expect.any(String),
  message: expect.any(String),
  timestamp: expect.any(Number),
};

describe('simulator authentication', () => {
  let client: SimulatorClient;
  beforeAll(async () => {
    client = await startSimulatorClient({ tokenTtlSeconds: 1, apiKey: 'the-right-key' });
  });
  afterAll(() => client.close());

  it('exchanges the API key for a bearer token', async () => {
    const { status, body } = await client.requestToken();
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 1, refresh_expires_in: 0, token_type: 'Bearer' });
    expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses a wrong API key with 403 in the token-endpoint error shape', async () => {
    const { status, body } = await client.requestToken({ apikey: 'stale-key' });
    expect(status).toBe(403);
    expect(body).toEqual({ ...TOKEN_ERROR_SHAPE, internalCode: 'INVALID_API_KEY' });
  });

  it('refuses a missing or wrong grant_type with 400', async () => {
    const wrongGrant = await client.requestToken({ grant_type: 'password' });
    expect(wrongGrant.status).toBe(400);
    expect(wrongGrant.body).toEqual({ ...TOKEN_ERROR_SHAPE, internalCode: 'UNSUPPORTED_GRANT_TYPE' });
    const response = await fetch(`${client.simulator.url}/auth/realms/IDP/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ apikey: 'the-right-key', client_id: 'IDP' }),
    });
    expect(response.status).toBe(400);
  });

  it('answers 401 on /api calls without a token or with an unknown one', async () => {
    const anonymous = await fetch(`${client.simulator.url}/api/v1/contracts`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Authentication failed (cause: Token expired)' });
    const unknown = await client.api('GET', '/api/v2/opensearch?workspaceid=x', undefined, 'not-a-token');
    expect(unknown.status).toBe(401);
  });

  it('expires tokens after tokenTtlSeconds of real time', async () => {
    const token = String((await client.requestToken()).body.access_token);
    expect((await client.api('GET', '/api/v1/contracts', undefined, token)).status).toBe(200);
    await delay(1100);
    const expired = await client.api('GET', '/api/v1/contracts', undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ message: 'Authentication failed (cause: Token expired)' });
  });
});
