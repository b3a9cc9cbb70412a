import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of } from '../../src/auth/api-keys.js';
import { loadSecurityConfig } from '../../src/config.js';
import { oneAtlasConfigForSimulator } from '../../src/embedded-simulator.js';
import type { CallerConfig } from '../../src/gateway.js';
import { postAs } from '../support/callers.js';
import { startTestGateway, startTestStack, type TestGateway, type TestStack } from '../support/gateway.js';
import { inJournal, JOURNAL_STORES, type JournalPlace } from '../support/journal-stores.js';
import { orderInput } from '../support/order-input.js';
import {
  type AttemptData,
  CREATE_ORDER,
  ledger,
  loseNextOrderAnswer,
  ORDER_ATTEMPT,
  type OrderData,
  upstreamRequests,
  waitFor,
} from './support.js';

/**
 * A gateway killed (SIGKILL, no goodbye) between sending an order and learning its fate: the journal
 * it leaves behind lets the next gateway finish the job with exactly one order upstream.
 */

interface ChildGateway {
  url: string;
  process: ChildProcess;
}

/** `npm start`'s entry point in its own process, on the test's simulator and journal. */
async function startChildGateway(
  stack: TestStack,
  place: JournalPlace,
  tenancy: Tenancy,
  env: Record<string, string> = {},
): Promise<ChildGateway> {
  const config = oneAtlasConfigForSimulator(stack.simulator);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      // Any free port: test files run in parallel, each may start a gateway process.
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
      ONEATLAS_API_KEY: config.apiKey,
      ONEATLAS_AUTH_URL: config.authUrl,
      ONEATLAS_ORDER_URL: config.orderUrl,
      ONEATLAS_SEARCH_URL: config.searchUrl,
      ONEATLAS_CONTRACT_ID: config.contractId,
      // The same defaults as the in-process gateway, or the same input would be a different order.
      ONEATLAS_WORKSPACE_ID: config.workspaceId ?? '',
      ONEATLAS_MAX_RPS: '1000',
      ...place.env,
      // One gateway process at a time (the killed one, then its restart): a journal without Redis is fine.
      GATEWAY_SINGLE_REPLICA: 'true',
      ...tenancy.env,
      ORDER_RECONCILE_INTERVAL_SECONDS: '600',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`child gateway did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/GraphiQL at (http:\/\/\S+)\/graphql/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', () => reject(new Error(`child gateway exited: ${output}`)));
  });
  return { url, process: child };
}

/** The service caller both the killed and the restarted gateway know (they serve the same tenant). */
const SERVICE_KEY = 'restart-test-service-key-0123456789abcdef';
const AUTHORIZATION = `ApiKey ${SERVICE_KEY}`;

interface Tenancy {
  /** For `npm start`: the tenants file naming the simulator's account (a real key needs one). */
  env: Record<string, string>;
  /** The same tenants, for a gateway in this process. */
  callers: CallerConfig;
  remove(): void;
}

/** One tenant on the simulator's account, with the key above allowed to read and order. */
function tenancyOn(stack: TestStack): Tenancy {
  const config = oneAtlasConfigForSimulator(stack.simulator);
  const dir = mkdtempSync(join(tmpdir(), 'restart-tenants-'));
  const file = join(dir, 'tenants.json');
  // The data URL too: a legacy contract's delivery workspace is read there (/me), on the simulator.
  const { authUrl, orderUrl, searchUrl, dataUrl } = config;
  writeFileSync(
    file,
    JSON.stringify({
      credentials: { simulator: { apiKeyEnv: 'ONEATLAS_API_KEY', authUrl, orderUrl, searchUrl, dataUrl } },
      tenants: {
        ops: {
          credential: 'simulator',
          contracts: [config.contractId],
          workspaceId: config.workspaceId,
          apiKeys: [
            { name: 'ops-batch', sha256: sha256Of(SERVICE_KEY).toString('hex'), roles: ['read', 'order'] },
          ],
        },
      },
    }),
  );
  const { tenants } = loadSecurityConfig({ GATEWAY_TENANTS_FILE: file, ONEATLAS_API_KEY: config.apiKey });
  if (tenants === null) throw new Error('the tenants file was not read');
  return {
    env: { GATEWAY_TENANTS_FILE: file },
    callers: { tenants, jwt: null },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function kill(child: ChildGateway): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

describe.each(JOURNAL_STORES)(
  'a gateway restart between the POST and its answer (journal in $name)',
  (journals) => {
    let stack: TestStack;
    let place: JournalPlace;
    let tenancy: Tenancy;
    let child: ChildGateway | undefined;
    let gateway: TestGateway | undefined;

    beforeEach(async () => {
      stack = await startTestStack();
      place = await journals.place();
      tenancy = tenancyOn(stack);
    });

    afterEach(async () => {
      if (child && child.process.exitCode === null && child.process.signalCode === null) await kill(child);
      await gateway?.close();
      await stack.close();
      await place.remove();
      tenancy.remove();
      child = undefined;
      gateway = undefined;
    });

    it('loses nothing when the upstream had created the order', async () => {
      child = await startChildGateway(stack, place, tenancy);
      // The order is created but answered with a 500; the gateway's look-up of it then stalls, and the
      // gateway is killed while it waits: it never learns that the order exists.
      await loseNextOrderAnswer(stack);
      await stack.control('POST', '/faults', {
        method: 'GET',
        path: '/api/v1/contracts/*',
        count: 1,
        latencyMs: 10_000,
      });
      const input = orderInput('restart-created');
      const pending = postAs(child.url, AUTHORIZATION, CREATE_ORDER, { input }).catch(() => undefined);
      await waitFor('the order to be created', async () => (await ledger(stack)).length === 1);
      await waitFor('the look-up to start', async () =>
        (await upstreamRequests(stack)).some(
          (call) => call.method === 'GET' && call.path.endsWith('/taskings'),
        ),
      );
      await kill(child);
      await pending;

      gateway = await startTestGateway(stack.simulator, inJournal(place, { callers: tenancy.callers }));
      const journaled = await postAs<AttemptData>(gateway.url, AUTHORIZATION, ORDER_ATTEMPT, {
        key: 'restart-created',
      });
      expect(journaled.data?.orderAttempt?.state).toBe('OUTCOME_UNKNOWN');

      const retried = await postAs<OrderData>(gateway.url, AUTHORIZATION, CREATE_ORDER, { input });
      expect(retried.errors).toBeUndefined();
      const orders = await ledger(stack);
      expect(orders).toHaveLength(1);
      expect(retried.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
      const posts = (await upstreamRequests(stack)).filter(
        (call) => call.method === 'POST' && call.path === '/api/v1/orders',
      );
      expect(posts).toHaveLength(1);
    });

    it('loses nothing when the POST was still on its way: after the grace period it is placed exactly once', async () => {
      child = await startChildGateway(stack, place, tenancy);
      await stack.control('POST', '/faults', {
        method: 'POST',
        path: '/api/v1/orders',
        count: 1,
        latencyMs: 5_000,
        status: 503,
      });
      const input = orderInput('restart-in-flight');
      const pending = postAs(child.url, AUTHORIZATION, CREATE_ORDER, { input }).catch(() => undefined);
      await waitFor('the POST to reach the simulator', async () =>
        (await upstreamRequests(stack)).some(
          (call) => call.method === 'POST' && call.path === '/api/v1/orders',
        ),
      );
      await kill(child);
      await pending;

      gateway = await startTestGateway(
        stack.simulator,
        inJournal(place, {
          callers: tenancy.callers,
          safety: { orderOutcomeGraceMs: 1_000, reconcileIntervalMs: 300 },
        }),
      );
      const current = gateway;
      const journaled = await postAs<AttemptData>(current.url, AUTHORIZATION, ORDER_ATTEMPT, {
        key: 'restart-in-flight',
      });
      expect(journaled.data?.orderAttempt).toMatchObject({ sendCount: 1 });
      // Its sender is gone (the journal is this process's alone, or the killed replica's presence lock was
      // released with its connection): a POST that may have arrived is of unknown outcome at once.
      expect(['OUTCOME_UNKNOWN', 'ABSENT']).toContain(journaled.data?.orderAttempt?.state);

      await waitFor('the interrupted order to be given up', async () => {
        const attempt = await postAs<AttemptData>(current.url, AUTHORIZATION, ORDER_ATTEMPT, {
          key: 'restart-in-flight',
        });
        return attempt.data?.orderAttempt?.state === 'ABSENT';
      });
      const retried = await postAs<OrderData>(current.url, AUTHORIZATION, CREATE_ORDER, { input });
      const orders = await ledger(stack);
      expect(orders).toHaveLength(1);
      expect(retried.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
    });

    it('leaves an order still queued when the gateway was killed NOT_SENT, and the next call sends it at once', async () => {
      // One order-API call every 2 s: the POST waits in the queue long after the attempt is journaled.
      child = await startChildGateway(stack, place, tenancy, { ONEATLAS_MAX_RPS: '0.5' });
      const input = orderInput('queued-at-stop');
      const pending = postAs(child.url, AUTHORIZATION, CREATE_ORDER, { input }).catch(() => undefined);
      const current = child;
      await waitFor('the attempt to be journaled, not yet sent', async () => {
        const attempt = await postAs<AttemptData>(current.url, AUTHORIZATION, ORDER_ATTEMPT, {
          key: 'queued-at-stop',
        });
        return attempt.data?.orderAttempt?.state === 'SENDING' && attempt.data.orderAttempt.sendCount === 0;
      });
      await kill(child);
      await pending;

      // Embedded: the journal is this process's alone. Shared: the killed replica's presence lock is gone.
      gateway = await startTestGateway(stack.simulator, inJournal(place, { callers: tenancy.callers }));
      const journaled = await postAs<AttemptData>(gateway.url, AUTHORIZATION, ORDER_ATTEMPT, {
        key: 'queued-at-stop',
      });
      expect(journaled.data?.orderAttempt).toMatchObject({ state: 'NOT_SENT', sendCount: 0 });

      const retried = await postAs<OrderData>(gateway.url, AUTHORIZATION, CREATE_ORDER, { input });
      const orders = await ledger(stack);
      expect(orders).toHaveLength(1);
      expect(retried.data?.createOrder).toMatchObject({
        status: 'PLACED',
        salesOrderId: orders[0]?.salesOrderId,
      });
    });
  },
);
