import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../src/auth/api-keys.js';
import { type RunningSimulator, startSimulator } from '../src/simulator/index.js';
import { upstreamRequests } from './safety/support.js';
import { postAs } from './support/callers.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const BUSY_KEY = 'context-test-busy-caller-key-0123456789';
const QUIET_KEY = 'context-test-quiet-caller-key-0123456789';
const TASKINGS_BY_REFERENCE = 'query ($ref: String!) { taskings(customerReference: $ref) { totalCount } }';

describe('the per-request context', () => {
  let simulator: RunningSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator({ orderApiMaxRps: 1000 });
    const urls = simulator.endpoints;
    const serviceCaller = (name: string, key: string) => ({
      name,
      sha256: sha256Of(key),
      roles: new Set(['read'] as const),
    });
    gateway = await startTestGateway(simulator, {
      // 4 ordering calls per second: calls queue, so the order in which callers get turns shows. The
      // contract list is cached, as in production, so only the callers' own reads compete.
      safety: { orderApiMaxRps: 4, catalogueTtlMs: 600_000 },
      callers: {
        tenants: {
          credentials: [{ id: 'company', apiKey: simulator.apiKey, ...urls }],
          tenants: [
            {
              id: 'imagery',
              jwtClaimValue: 'imagery',
              credentialId: 'company',
              contracts: [simulator.contractId],
              workspaceId: simulator.workspaceId,
              apiKeys: [serviceCaller('busy-batch', BUSY_KEY), serviceCaller('quiet-screen', QUIET_KEY)],
              monthlyBudget: null,
              approvalThreshold: null,
            },
          ],
        },
        jwt: null,
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it('lets a verified caller take turns as itself: one caller’s many requests do not crowd out another’s one', async () => {
    const busy = Array.from({ length: 8 }, (_, index) =>
      postAs(gateway.url, `ApiKey ${BUSY_KEY}`, TASKINGS_BY_REFERENCE, { ref: `busy-${index}` }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const quiet = postAs(gateway.url, `ApiKey ${QUIET_KEY}`, TASKINGS_BY_REFERENCE, { ref: 'quiet' });
    const answers = await Promise.all([...busy, quiet]);
    expect(answers.map((answer) => answer.errors)).toEqual(answers.map(() => undefined));

    const calls = await upstreamRequests({
      control: async (_method, path) => (await fetch(`${simulator.url}/__simulator${path}`)).json() as never,
    });
    const order = calls
      .filter((call) => call.path.endsWith('/taskings'))
      .map((call) => JSON.stringify(call.query));
    // Round-robin between callers: the quiet caller's one call goes right after the busy caller's
    // calls already started, not behind all eight. Were each request a caller of its own, it would be last.
    expect(order).toHaveLength(9);
    expect(order.findIndex((query) => query.includes('quiet'))).toBeLessThanOrEqual(2);
  });
});
