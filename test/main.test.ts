import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from './support/gateway.js';
import { orderInput } from './support/order-input.js';
import { type Replica, startExpectingRefusal, startReplica } from './support/replicas.js';

/**
 * `npm start` with no key, as a new user runs it: the embedded simulator at a known address, one
 * process per data directory, and a restart that finds the journal and the simulator as they were.
 */

const CREATE_ORDER = `mutation Order($input: OrderInput!) {
  createOrder(input: $input) { status salesOrderId idempotencyKey }
}`;

interface LedgerEntry {
  salesOrderId: string;
  customerReference: string;
}

let folder: string;
let dataDir: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'npm-start-'));
  dataDir = join(folder, 'data');
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A port free now, for the simulator's known address (SIMULATOR_PORT). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startOnSimulator(simulatorPort: number): Promise<Replica> {
  return startReplica({
    GATEWAY_DATA_DIR: dataDir,
    SIMULATOR_PORT: String(simulatorPort),
    LOG_LEVEL: 'info',
  });
}

/** Each reference's order input, made once: a repeat after the restart must be the same order. */
const inputs = new Map<string, Record<string, unknown>>();

async function placeOrder(gateway: Replica, customerReference: string) {
  const input = inputs.get(customerReference) ?? {
    ...orderInput(customerReference),
    idempotencyKey: `key-${customerReference}`,
  };
  inputs.set(customerReference, input);
  const answer = await postGraphQL<{ createOrder: { status: string; salesOrderId: string } }>(
    gateway.url,
    CREATE_ORDER,
    {
      input,
    },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.createOrder;
}

async function simulatorLedger(simulatorUrl: string): Promise<LedgerEntry[]> {
  const response = await fetch(`${simulatorUrl}/__simulator/orders`);
  return ((await response.json()) as { orders: LedgerEntry[] }).orders;
}

describe('npm start on the embedded simulator', () => {
  it('prints its banner first, names the simulator at SIMULATOR_PORT, keeps the world across a restart, and refuses a second process on the data directory', async () => {
    const simulatorPort = await freePort();
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const first = await startOnSimulator(simulatorPort);
    let placed: Awaited<ReturnType<typeof placeOrder>>;
    try {
      const banner = first.output().split('\n');
      expect(banner[0]).toMatch(/^\*\*\* DEVELOPMENT MODE/);
      expect(banner[1]).toBe(`oneatlas-gateway: GraphQL and GraphiQL at ${first.url}/graphql`);
      expect(banner[2]).toBe(`  OneAtlas: the embedded OneAtlas simulator (${simulatorUrl}/api/v1)`);
      expect(first.output()).toContain(
        `embedded OneAtlas simulator: ${simulatorUrl}, state in ${join(dataDir, 'simulator-state.json')}`,
      );
      expect(first.output()).not.toContain('Airbus');

      // The README's "advance the simulator's clock", at the address the banner gave.
      const advanced = await fetch(`${simulatorUrl}/__simulator/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seconds: 60 }),
      });
      expect(advanced.status).toBe(200);

      placed = await placeOrder(first, 'before-restart');
      expect(placed?.status).toBe('PLACED');

      // Same folder, other ports: refused before it opens (or settles) anything of the journal.
      const second = await startExpectingRefusal({ GATEWAY_DATA_DIR: dataDir, SIMULATOR_PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/GATEWAY_DATA_DIR \(.+\) is in use by another running oneatlas-gateway/),
      ]);
      const attempt = await postGraphQL<{ orderAttempt: { events: Array<{ kind: string }> } }>(
        first.url,
        'query A($key: String!) { orderAttempt(idempotencyKey: $key) { state events { kind } } }',
        { key: 'key-before-restart' },
      );
      expect(attempt.data?.orderAttempt).toMatchObject({ state: 'PLACED' });
    } finally {
      await first.stop();
    }

    const restarted = await startOnSimulator(simulatorPort);
    try {
      // The journal's PLACED order is one the simulator still has, and its sales order id stays its own.
      expect((await simulatorLedger(simulatorUrl)).map((order) => order.salesOrderId)).toEqual([
        placed?.salesOrderId,
      ]);
      const again = await placeOrder(restarted, 'before-restart');
      expect(again).toEqual(placed);
      const next = await placeOrder(restarted, 'after-restart');
      expect(next?.salesOrderId).not.toBe(placed?.salesOrderId);
      expect(await simulatorLedger(simulatorUrl)).toHaveLength(2);
    } finally {
      await restarted.stop();
    }
  }, 180_000);
});

describe('start-up failures end in one line', () => {
  it('for an address in use, an unresolvable HOST, an unusable data directory and a journal without its simulator', async () => {
    const occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    const address = occupied.address();
    const busyPort = address !== null && typeof address === 'object' ? String(address.port) : '';
    const orphanDir = join(folder, 'orphan');
    mkdirSync(orphanDir);
    writeFileSync(join(orphanDir, 'orders.sqlite'), '');
    const fresh = (name: string) => ({ GATEWAY_DATA_DIR: join(folder, name), SIMULATOR_PORT: '0' });
    try {
      const cases: Array<[Record<string, string>, RegExp]> = [
        [
          { ...fresh('port'), PORT: busyPort },
          /^PORT=\d+: another process already listens on 127\.0\.0\.1:\d+/,
        ],
        [
          { ...fresh('simulator'), SIMULATOR_PORT: busyPort },
          /^SIMULATOR_PORT=\d+: another process already listens/,
        ],
        [{ ...fresh('host'), HOST: 'no-such-host.invalid' }, /^HOST=no-such-host\.invalid does not resolve/],
        [
          { GATEWAY_DATA_DIR: '/proc/oneatlas-gateway-data', SIMULATOR_PORT: '0' },
          /^GATEWAY_DATA_DIR \(.+\) cannot be used: ENOENT/,
        ],
        [
          { GATEWAY_DATA_DIR: orphanDir, SIMULATOR_PORT: '0' },
          /holds an order journal but no state of the embedded simulator/,
        ],
      ];
      const ends = await Promise.all(cases.map(([env]) => startExpectingRefusal(env)));
      ends.forEach((end, index) => {
        const [env, message] = cases[index] ?? [{}, /never/];
        expect(end.code, JSON.stringify(env)).toBe(1);
        const lines = end.stderr.trim().split('\n');
        expect(lines, JSON.stringify(env)).toHaveLength(1);
        expect(lines[0]?.replace(/^oneatlas-gateway failed to start: /, ''), JSON.stringify(env)).toMatch(
          message,
        );
      });
    } finally {
      await new Promise((resolve) => occupied.close(resolve));
    }
  }, 150_000);
});

/** `npm start`'s process: its log lines are buffered and written asynchronously, yet none is lost. */
describe('the gateway process', () => {
  it('writes every buffered log line to stdout before a clean stop', async () => {
    const replica = await startReplica({ LOG_LEVEL: 'info', GATEWAY_DATA_DIR: join(folder, 'flush') });
    const requestIds = ['flush-check-1', 'flush-check-2', 'flush-check-3'];
    for (const requestId of requestIds) {
      const response = await fetch(`${replica.url}/healthz`, { headers: { 'x-request-id': requestId } });
      expect(response.status).toBe(200);
    }
    await replica.stop();

    const lines = replica
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string });
    expect(lines.filter((line) => line.msg === 'http request').map((line) => line.requestId)).toEqual(
      requestIds,
    );
    expect(lines.at(-1)?.msg).toBe('shutting down: draining in-flight requests');
  });
});
