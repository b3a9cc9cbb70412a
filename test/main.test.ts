import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReplica } from './support/replicas.js';

/** `npm start`'s process: its log lines are buffered and written asynchronously, yet none is lost. */
describe('the gateway process', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('writes every buffered log line to stdout before a clean stop', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gateway-main-'));
    folders.push(folder);
    const replica = await startReplica({ LOG_LEVEL: 'info', GATEWAY_DATA_DIR: folder });
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
