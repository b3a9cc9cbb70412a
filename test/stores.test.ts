import { renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE_ORDER, ledger, upstreamRequests } from './safety/support.js';
import { startTestStack, type TestStack } from './support/gateway.js';
import { orderInput } from './support/order-input.js';
import { type PrivateRedis, startPrivateRedis } from './support/redis.js';

async function readyz(stack: TestStack): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.gatewayUrl}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe('/readyz, and failing safe when a store is lost', () => {
  let stack: TestStack | undefined;
  let redis: PrivateRedis | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await stack?.close();
    await redis?.kill();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    stack = undefined;
    redis = undefined;
    dataDir = undefined;
  });

  it('is ready on embedded stores, with nothing shared to reach', async () => {
    stack = await startTestStack();
    expect(await readyz(stack)).toEqual({
      status: 200,
      body: { status: 'ready', stores: { journal: true, redis: null } },
    });
  });

  it('refuses orders with STORE_UNAVAILABLE once its Redis is gone, sends nothing, and says it is not ready', async () => {
    redis = await startPrivateRedis();
    stack = await startTestStack({ stores: { redis: redis.config } });
    expect(await readyz(stack)).toMatchObject({ status: 200, body: { stores: { redis: true } } });

    await redis.kill();

    expect(await readyz(stack)).toEqual({
      status: 503,
      body: { status: 'unavailable', stores: { journal: true, redis: false } },
    });
    const answer = await stack.graphql(CREATE_ORDER, { input: orderInput('redis-lost') });
    expect(answer.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
    // No private budget to fall back on: not even the price or the options were asked for.
    expect((await upstreamRequests(stack)).filter((call) => call.path.startsWith('/api/'))).toEqual([]);
    expect(await ledger(stack)).toEqual([]);
  });

  it('says it is not ready when its order journal can no longer be written', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'readyz-'));
    const journalDir = join(dataDir, 'journal');
    stack = await startTestStack({ safety: { dataDir: journalDir } });
    expect((await readyz(stack)).status).toBe(200);

    renameSync(journalDir, join(dataDir, 'moved-away'));

    expect(await readyz(stack)).toEqual({
      status: 503,
      body: { status: 'unavailable', stores: { journal: false, redis: null } },
    });
  });
});
