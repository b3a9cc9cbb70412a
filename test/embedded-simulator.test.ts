import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { resolveUpstream, type Upstream } from '../src/embedded-simulator.js';

describe('the embedded simulator', () => {
  let upstream: Upstream | undefined;
  const folder = mkdtempSync(join(tmpdir(), 'embedded-simulator-'));
  // Its state goes to a data directory of this test, and it listens on a free port, not 4010.
  const env = { GATEWAY_DATA_DIR: join(folder, 'data'), SIMULATOR_PORT: '0' };
  afterEach(async () => {
    await upstream?.simulator?.close();
    upstream = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('is called within ONEATLAS_TIMEOUT_MS, like Airbus', async () => {
    upstream = await resolveUpstream(loadConfig({ ...env, ONEATLAS_TIMEOUT_MS: '2500' }));
    expect(upstream.simulator).not.toBeNull();
    expect(upstream.oneAtlas.timeoutMs).toBe(2500);
  });

  it('is reached at the URLs the running simulator reports', async () => {
    upstream = await resolveUpstream(loadConfig(env));
    const { authUrl, apiKey, orderUrl } = upstream.oneAtlas;
    const token = await fetch(authUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ apikey: apiKey, client_id: 'IDP', grant_type: 'api_key' }),
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const contracts = await fetch(`${orderUrl}/contracts`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(contracts.status).toBe(200);
  });
});
