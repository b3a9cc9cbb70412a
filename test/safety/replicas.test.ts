import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../src/auth/api-keys.js';
import type { TrafficStats } from '../../src/simulator/control.js';
import { startSimulator } from '../../src/simulator/index.js';
import { type GraphQLResponse, postGraphQL } from '../support/gateway.js';
import { postgresJournals } from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import { testRedisConfig } from '../support/redis.js';
import { type Replica, startReplica } from '../support/replicas.js';
import { CREATE_ORDER, type OrderData } from './support.js';

/**
 * Three gateway processes in shared mode (one PostgreSQL journal, one Redis) in front of one
 * simulator limited to 1 ordering call per second with a 10-minute ban, like Airbus: 200 clients
 * spread round-robin over the replicas poll taskings while a few order, then one replica is killed
 * while its POST /orders is held upstream and the client retries on another. Bounded: each client
 * stops after LOAD_MS or MAX_POLLS polls; all traffic stays on 127.0.0.1.
 */

const REPLICAS = 3;
const CLIENTS = 200;
const ORDERS = 3;
const LOAD_MS = 15_000;
const MAX_POLLS = 30;
const GATEWAY_KEY = 'replica-test-gateway-key-0123456789abcdef';
const TASKINGS = '{ taskings(first: 10) { totalCount edges { node { id status } } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('several replicas sharing PostgreSQL and Redis', () => {
  it('keep one token, one rate budget and one journal: no 429, no overlap, one order per key, even when a replica dies mid-order', async () => {
    const simulator = await startSimulator({ orderApiMaxRps: 1, orderApiBanSeconds: 600 });
    const journal = await postgresJournals.place();
    const redis = await testRedisConfig('replicas');
    const folder = mkdtempSync(join(tmpdir(), 'replicas-'));
    const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${simulator.url}/__simulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    };
    const replicas: Replica[] = [];
    try {
      const tenantsFile = join(folder, 'tenants.json');
      writeFileSync(
        tenantsFile,
        JSON.stringify({
          credentials: { company: { apiKeyEnv: 'ONEATLAS_API_KEY' } },
          tenants: {
            imagery: {
              credential: 'company',
              contracts: [simulator.contractId],
              workspaceId: simulator.workspaceId,
              apiKeys: [
                {
                  name: 'replica-test',
                  sha256: sha256Of(GATEWAY_KEY).toString('hex'),
                  roles: ['read', 'order'],
                },
              ],
            },
          },
        }),
      );
      const env = {
        ONEATLAS_API_KEY: simulator.apiKey,
        ONEATLAS_CONTRACT_ID: simulator.contractId,
        ONEATLAS_AUTH_URL: simulator.endpoints.authUrl,
        ONEATLAS_ORDER_URL: simulator.endpoints.orderUrl,
        ONEATLAS_SEARCH_URL: simulator.endpoints.searchUrl,
        ONEATLAS_DATA_URL: simulator.endpoints.dataUrl,
        // The killed replica's turn is released by its lease: short here, so the test need not wait minutes.
        ONEATLAS_TIMEOUT_MS: '3000',
        ONEATLAS_CALL_HOLD_SECONDS: '6',
        ORDER_RECONCILE_INTERVAL_SECONDS: '2',
        GATEWAY_TENANTS_FILE: tenantsFile,
        GATEWAY_DATA_DIR: join(folder, 'data'),
        REDIS_URL: redis.config.url,
        REDIS_KEY_PREFIX: redis.config.keyPrefix,
        ...journal.env,
      };
      replicas.push(...(await Promise.all(Array.from({ length: REPLICAS }, () => startReplica(env)))));
      const graphql = <T>(replica: Replica | undefined, query: string, variables?: Record<string, unknown>) =>
        postGraphQL<T>(replica?.url ?? '', query, variables, { authorization: `ApiKey ${GATEWAY_KEY}` });

      // 1. Load: pollers and orderers spread round-robin over the replicas.
      const started = Date.now();
      let polls = 0;
      let pollErrors = 0;
      const poller = async (index: number) => {
        const replica = replicas[index % REPLICAS];
        for (let poll = 0; poll < MAX_POLLS && Date.now() < started + LOAD_MS; poll += 1) {
          const answer = await graphql(replica, TASKINGS);
          polls += 1;
          if (answer.errors !== undefined) pollErrors += 1;
          await sleep(500 + Math.random() * 1_000);
        }
      };
      const orderer = async (index: number): Promise<GraphQLResponse<OrderData>[]> => {
        await sleep(1_000 + index * 2_000);
        const input = orderInput(`replicas-order-${index}`);
        // The impatient second click lands on another replica, at the same time.
        return Promise.all([
          graphql<OrderData>(replicas[index % REPLICAS], CREATE_ORDER, { input }),
          graphql<OrderData>(replicas[(index + 1) % REPLICAS], CREATE_ORDER, { input }),
        ]);
      };
      const [orderAnswers] = await Promise.all([
        Promise.all(Array.from({ length: ORDERS }, (_, index) => orderer(index))),
        Promise.all(Array.from({ length: CLIENTS }, (_, index) => poller(index))),
      ]);
      const loadSeconds = (Date.now() - started) / 1000;
      const loadCalls = (await control<{ requests: { path: string }[] }>('GET', '/requests')).requests.filter(
        (call) => call.path.startsWith('/api/'),
      );

      // 2. A replica dies while OneAtlas holds its POST /orders (the order is created; the answer is late).
      await control('POST', '/faults', {
        method: 'POST',
        path: '/api/v1/orders',
        count: 1,
        latencyMs: 4_000,
        afterHandling: true,
      });
      const killedInput = orderInput('replicas-killed');
      const doomed = graphql<OrderData>(replicas[0], CREATE_ORDER, { input: killedInput }).catch(() => null);
      const ledger = () =>
        control<{ orders: { salesOrderId: string; customerReference: string }[] }>('GET', '/orders');
      for (let tries = 0; tries < 100; tries += 1) {
        if ((await ledger()).orders.some((order) => order.customerReference === 'replicas-killed')) break;
        await sleep(100);
      }
      await replicas[0]?.kill();
      await doomed;
      // The client retries the same order on a surviving replica until its outcome is known.
      let retried: GraphQLResponse<OrderData> | undefined;
      for (let tries = 0; tries < 20; tries += 1) {
        retried = await graphql<OrderData>(replicas[1], CREATE_ORDER, { input: killedInput });
        if (retried.data?.createOrder.status === 'PLACED') break;
        await sleep(1_000);
      }

      const stats = await control<TrafficStats>('GET', '/stats');
      const orders = (await ledger()).orders;
      const taskingReads = loadCalls.filter((call) => call.path.endsWith('/taskings')).length;
      process.stdout.write(
        [
          `replicas: ${REPLICAS} gateways, ${CLIENTS} clients, ${polls} tasking polls, ${ORDERS * 2} order calls in ${loadSeconds.toFixed(1)} s`,
          `  upstream calls during the load: ${loadCalls.length} (${(loadCalls.length / loadSeconds).toFixed(2)}/s; the fleet's budget is 1/s), of which tasking lists: ${taskingReads}`,
          `  token requests: ${stats.tokenRequests}, 429s: ${stats.rateLimitedAnswers}, most ordering calls at once: ${stats.maxOrderApiInFlight}`,
          `  orders upstream: ${orders.length} for ${ORDERS + 1} idempotency keys; killed replica's order answered ${retried?.data?.createOrder.status ?? JSON.stringify(retried?.errors)}`,
          '',
        ].join('\n'),
      );

      expect(stats.tokenRequests).toBe(1);
      expect(stats.rateLimitedAnswers).toBe(0);
      expect(stats.maxOrderApiInFlight).toBe(1);
      expect(pollErrors).toBe(0);
      // One upstream call per second at most, as with one replica: the 1/s limit would have banned more.
      expect(loadCalls.length).toBeLessThanOrEqual(Math.ceil(loadSeconds) + 1);
      for (let index = 0; index < ORDERS; index += 1) {
        const placed = orders.filter((order) => order.customerReference === `replicas-order-${index}`);
        expect(placed).toHaveLength(1);
        for (const answer of orderAnswers[index] ?? []) {
          expect(answer.data?.createOrder).toMatchObject({
            status: 'PLACED',
            salesOrderId: placed[0]?.salesOrderId,
          });
        }
      }
      const killed = orders.filter((order) => order.customerReference === 'replicas-killed');
      expect(killed).toHaveLength(1);
      expect(retried?.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: killed[0]?.salesOrderId,
      });
      expect(orders).toHaveLength(ORDERS + 1);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await simulator.close();
      await journal.remove();
      await redis.remove();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
