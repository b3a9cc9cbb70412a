import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireTaskingsResponse } from '../../src/datasources/oneatlas/wire/types.js';
import { spotOnePlanOrderRequest } from '../fixtures/guide-samples.js';
import { startSimulatorClient } from './simulator-client.js';

describe('simulator state file', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'oneatlas-simulator-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('keeps orders, taskings and the clock across a restart', async () => {
    const stateFile = join(directory, 'state.json');
    const first = await startSimulatorClient({ stateFile });
    const order = {
      ...spotOnePlanOrderRequest(first.simulator.contractId),
      customerReference: 'survives-restart',
    };
    const created = await first.api<{ salesOrderId: string }>('POST', '/api/v1/orders', order);
    expect(created.status).toBe(201);
    await first.control('POST', '/clock/advance', { seconds: 3600 });
    await first.close();
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({
      format: 'oneatlas-simulator-state/1',
    });

    const second = await startSimulatorClient({ stateFile });
    try {
      const { body } = await second.api<WireTaskingsResponse>(
        'GET',
        `/api/v1/contracts/${second.simulator.contractId}/taskings?customerRef=survives-restart`,
      );
      expect(body.taskings.map((tasking) => tasking.sal)).toEqual([created.body.salesOrderId]);
      const { body: ledger } = await second.control<{ orders: { salesOrderId: string }[] }>('GET', '/orders');
      expect(ledger.orders.map((entry) => entry.salesOrderId)).toEqual([created.body.salesOrderId]);
      const now = Date.parse(String((await second.control('GET', '/clock')).body.now));
      expect(now - Date.now()).toBeGreaterThan(3500_000);
    } finally {
      await second.close();
    }
  });

  it('answers an unexpected failure (the state file cannot be written) with a bare 500, no stack', async () => {
    const client = await startSimulatorClient({ stateFile: join(directory, 'state.json') });
    try {
      await rm(directory, { recursive: true, force: true });
      const order = {
        ...spotOnePlanOrderRequest(client.simulator.contractId),
        customerReference: 'disk-gone',
      };
      const answer = await client.api('POST', '/api/v1/orders', order);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ code: 'UNEXPECTED_SERVER_ERROR' });
    } finally {
      await client.close();
    }
  });
});
