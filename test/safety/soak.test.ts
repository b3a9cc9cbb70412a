import { describe, expect, it } from 'vitest';
import { loadSafetyConfig } from '../../src/config.js';
import { startTestStack } from '../support/gateway.js';
import { postgresJournals } from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import { testRedisConfig } from '../support/redis.js';
import {
  aliasBomb,
  CREATE_ORDER,
  ledger,
  loseNextOrderAnswer,
  type OrderData,
  upstreamRequests,
} from './support.js';

/**
 * 200 simulated users polling their taskings, a few placing orders (one of whose answers is lost) and
 * one sending alias bombs one after another (the most aliases the operation limits allow, each an
 * upstream read of its own), against a simulator limited to 1 call per second with a 10-minute ban, like Airbus. Bounded:
 * each user stops after POLL_MS or MAX_POLLS polls (the bomber after MAX_BOMBS); all traffic stays on
 * 127.0.0.1.
 */

const USERS = 200;
const ORDERING_USERS = 4;
const POLL_MS = 20_000;
const MAX_POLLS = 60;
const MAX_BOMBS = 40;
/** The operation limits' alias cap (docs/security.md). */
const BOMB_ALIASES = 15;
const TASKINGS = '{ taskings(first: 10) { totalCount edges { node { id status fetchedAt } } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Embedded (SQLite journal, in-process state), or shared (a PostgreSQL schema and a Redis prefix of the run's own). */
const STORES = [
  { name: 'embedded stores', shared: false },
  { name: 'PostgreSQL and Redis', shared: true },
] as const;

describe.each(STORES)('soak, $name', ({ shared }) => {
  it('keeps 200 polling users and a few orders within 1 call/s: no 429, no duplicate, no lost order', async () => {
    const journal = shared ? await postgresJournals.place() : undefined;
    const redis = shared ? await testRedisConfig('soak') : undefined;
    // The gateway as it runs against Airbus (1 call/s, caches, retries), only its stores the test's own.
    const stack = await startTestStack({
      simulator: { orderApiMaxRps: 1, orderApiBanSeconds: 600 },
      safety: { ...loadSafetyConfig({}), dataDir: undefined },
      stores: { database: journal?.gateway.stores.database ?? null, redis: redis?.config ?? null },
    });
    try {
      const latencies: number[] = [];
      let polls = 0;
      let pollErrors = 0;
      const started = Date.now();
      const until = started + POLL_MS;

      const poller = async () => {
        for (let poll = 0; poll < MAX_POLLS && Date.now() < until; poll += 1) {
          const sent = performance.now();
          const response = await stack.graphql(TASKINGS);
          latencies.push(performance.now() - sent);
          polls += 1;
          if (response.errors !== undefined) pollErrors += 1;
          await sleep(500 + Math.random() * 1_000);
        }
      };
      const orderer = async (index: number) => {
        await sleep(1_000 + index * 2_000);
        const input = orderInput(`soak-order-${index}`);
        if (index === 1) {
          // This order's answer is lost after the upstream created it.
          await loseNextOrderAnswer(stack);
        }
        const first = await stack.graphql<OrderData>(CREATE_ORDER, { input });
        // The impatient second click.
        const second = await stack.graphql<OrderData>(CREATE_ORDER, { input });
        return [first, second];
      };

      // One client sending alias bombs, one after another, each up to its request's call budget.
      let bombs = 0;
      const bomber = async () => {
        for (; bombs < MAX_BOMBS && Date.now() < until; bombs += 1) {
          await stack.graphql(aliasBomb(`bomb-${bombs}`, BOMB_ALIASES));
        }
      };

      const [orderAnswers] = await Promise.all([
        Promise.all(Array.from({ length: ORDERING_USERS }, (_, index) => orderer(index))),
        Promise.all(Array.from({ length: USERS }, () => poller())),
        bomber(),
      ]);
      const seconds = (Date.now() - started) / 1000;

      const calls = (await upstreamRequests(stack)).filter((call) => call.path.startsWith('/api/'));
      const isBomb = (call: (typeof calls)[number]) => JSON.stringify(call.query).includes('bomb-');
      const taskingListCalls = calls.filter(
        (call) => call.method === 'GET' && call.path.endsWith('/taskings') && !isBomb(call),
      );
      const sorted = [...latencies].sort((a, b) => a - b);
      const hitRate = 1 - taskingListCalls.length / polls;
      process.stdout.write(
        [
          `soak (${shared ? 'shared' : 'embedded'} stores): ${USERS} users, ${polls} tasking polls and ${ORDERING_USERS * 2} order calls in ${seconds.toFixed(1)} s`,
          `  upstream calls: ${calls.length} (${(calls.length / seconds).toFixed(2)}/s, of which ${calls.filter(isBomb).length} for ${bombs} alias bombs), 429s: ${calls.filter((call) => call.status === 429).length}`,
          `  taskings cache hit rate: ${(hitRate * 100).toFixed(2)} %`,
          `  poll latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
          '',
        ].join('\n'),
      );

      expect(calls.filter((call) => call.status === 429)).toEqual([]);
      expect(pollErrors).toBe(0);
      const orders = await ledger(stack);
      for (let index = 0; index < ORDERING_USERS; index += 1) {
        // Exactly one order per reference: none lost, none doubled.
        const placed = orders.filter((order) => order.customerReference === `soak-order-${index}`);
        expect(placed).toHaveLength(1);
        for (const answer of orderAnswers[index] ?? []) {
          expect(answer.data?.createOrder).toMatchObject({
            status: 'PLACED',
            salesOrderId: placed[0]?.salesOrderId,
          });
        }
      }
      expect(orders).toHaveLength(ORDERING_USERS);
    } finally {
      await stack.close();
      await journal?.remove();
      await redis?.remove();
    }
  }, 60_000);
});
