/**
 * `npm run bench`: what the gateway costs in front of OneAtlas. It starts a bare local upstream and the
 * real gateway, compiled and run as `npm start` runs it (each in its own process, so their CPU can be
 * read apart) and prints, side by side with calling the upstream directly:
 *   1. a pass-through read (feasibility; every body different, so nothing is cached or coalesced),
 *      sequential: latency, and server CPU per request;
 *   2. a cached read (contracts) at 50 connections: throughput, latency, server CPU per request, with a
 *      GraphQL query answered by a constant resolver (`__typename`) as the floor;
 *   3. peak memory (resident set high-water mark) of both servers;
 *   4. in this process, the cost of the scheduler's idle path and of a cache hit alone.
 * Loopback only; every loop is bounded by its request count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryReadCache } from '../src/datasources/http/read-cache.js';
import { CallPriority, RateScheduler } from '../src/datasources/http/scheduler.js';
import { feasibilityRequest } from '../test/fixtures/guide-samples.js';
import {
  at,
  BENCH_CONTRACT,
  benchClient,
  cpuMs,
  peakRssMb,
  startBenchGateway,
  startBenchUpstream,
  writeBenchTenants,
} from './bench-support.js';

const SEQUENTIAL = 500;
const CONCURRENT_REQUESTS = 10_000;
const CONNECTIONS = 50;
const client = benchClient(CONNECTIONS);
const { post, call } = client;

interface Run {
  latencies: number[];
  seconds: number;
  cpuMsPerRequest: number;
}

async function measure(
  pid: number,
  requests: number,
  connections: number,
  send: (index: number) => Promise<number>,
): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests) {
        const index = next++;
        latencies.push(await send(index));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds,
    cpuMsPerRequest: (cpuMs(pid) - cpuBefore) / requests,
  };
}

function row(label: string, run: Run): string {
  const mean = run.latencies.reduce((sum, value) => sum + value, 0) / run.latencies.length;
  return [
    label.padEnd(34),
    `${(run.latencies.length / run.seconds).toFixed(0).padStart(7)} req/s`,
    `mean ${mean.toFixed(3).padStart(7)} ms`,
    `p50 ${at(run.latencies, 50).toFixed(3).padStart(7)} ms`,
    `p99 ${at(run.latencies, 99).toFixed(3).padStart(7)} ms`,
    `server CPU ${(run.cpuMsPerRequest * 1000).toFixed(0).padStart(5)} µs/req`,
  ].join('  ');
}

/** The scheduler's path for a call that finds the budget free, and a cache hit, without HTTP around them. */
async function componentCosts(): Promise<string[]> {
  const calls = 200_000;
  const scheduler = new RateScheduler<number>({
    upstream: 'order',
    maxRps: 1_000_000_000,
    concurrency: 1,
    maxQueue: 100,
    maxWaitMs: 1_000,
    pauseAfter: () => undefined,
  });
  const answer = Promise.resolve(1);
  let started = performance.now();
  for (let call = 0; call < calls; call += 1) {
    await scheduler.run(() => answer, { priority: CallPriority.INTERACTIVE });
  }
  const scheduled = ((performance.now() - started) * 1000) / calls;
  started = performance.now();
  for (let call = 0; call < calls; call += 1) await answer;
  const bare = ((performance.now() - started) * 1000) / calls;

  const cache = new MemoryReadCache();
  // As the datasources do: one lifetime object per kind of answer, not one per read.
  const lifetime = { ttlMs: 60_000, staleMs: 60_000 };
  await cache.read('GET /contracts', lifetime, async () => 1);
  started = performance.now();
  for (let call = 0; call < calls; call += 1) await cache.read('GET /contracts', lifetime, async () => 2);
  const hit = ((performance.now() - started) * 1000) / calls;
  return [
    `In-process (${calls} calls each): awaiting a resolved promise ${bare.toFixed(3)} µs,`,
    `  the same through an idle scheduler ${scheduled.toFixed(3)} µs, a cache hit ${hit.toFixed(3)} µs`,
  ];
}

const FEASIBILITY_QUERY = `query F($input: TaskingSearchInput!) { feasibility(input: $input) { mission progTypes { name available } } }`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const tenants = writeBenchTenants(dataDir);
  const caller = tenants.headers;
  const upstream = await startBenchUpstream();
  const gateway = await startBenchGateway(upstream.url, { dataDir, tenantsFile: tenants.file });
  const upstreamPid = upstream.child.pid ?? 0;
  const gatewayPid = gateway.child.pid ?? 0;
  const graphql = `${gateway.url}/graphql`;
  const wireBody = (index: number) => {
    const body = feasibilityRequest(BENCH_CONTRACT);
    return JSON.stringify({
      ...body,
      optical: { ...body.optical, maxCloudCover: index % 100, maxIncidenceAngle: 10 + (index % 50) },
    });
  };
  const input = (index: number) => ({
    missions: ['PLEIADES'],
    progTypes: ['ONEPLAN'],
    aoi: feasibilityRequest('').aoi,
    window: { start: '2030-01-01T00:00:00.000Z', end: '2030-03-01T00:00:00.000Z' },
    optical: { maxCloudCover: index % 100, maxIncidenceAngle: 10 + (index % 50) },
  });
  const direct = (path: string) => `${upstream.url}/api/v1${path}`;
  const auth = { authorization: 'Bearer bench-token' };

  try {
    // Warm-up: JIT, token, connections; the contracts answer lands in the cache.
    await measure(gatewayPid, 300, 10, (index) =>
      post(graphql, JSON.stringify({ query: FEASIBILITY_QUERY, variables: { input: input(index) } }), caller),
    );
    await measure(upstreamPid, 300, 10, (index) => post(direct('/feasibility'), wireBody(index), auth));
    await measure(gatewayPid, 300, 10, () =>
      post(graphql, JSON.stringify({ query: '{ contracts { id name } }' }), caller),
    );

    const lines: string[] = [];
    lines.push(`Pass-through read (feasibility, bodies varied), ${SEQUENTIAL} sequential requests:`);
    const directRead = await measure(upstreamPid, SEQUENTIAL, 1, (index) =>
      post(direct('/feasibility'), wireBody(index + 1000), auth),
    );
    const gatewayRead = await measure(gatewayPid, SEQUENTIAL, 1, (index) =>
      post(
        graphql,
        JSON.stringify({ query: FEASIBILITY_QUERY, variables: { input: input(index + 1000) } }),
        caller,
      ),
    );
    lines.push(`  ${row('upstream directly', directRead)}`);
    lines.push(`  ${row('through the gateway', gatewayRead)}  (CPU: gateway process only)`);
    lines.push(
      `  overhead: p50 +${(at(gatewayRead.latencies, 50) - at(directRead.latencies, 50)).toFixed(3)} ms per request`,
    );

    lines.push('', `Cached read at ${CONNECTIONS} connections, ${CONCURRENT_REQUESTS} requests:`);
    const directCached = await measure(upstreamPid, CONCURRENT_REQUESTS, CONNECTIONS, () =>
      call(direct('/contracts'), 'GET', null, auth),
    );
    const gatewayCached = await measure(gatewayPid, CONCURRENT_REQUESTS, CONNECTIONS, () =>
      post(graphql, JSON.stringify({ query: '{ contracts { id name } }' }), caller),
    );
    const constant = await measure(gatewayPid, CONCURRENT_REQUESTS, CONNECTIONS, () =>
      post(graphql, JSON.stringify({ query: '{ __typename }' }), caller),
    );
    lines.push(`  ${row('upstream directly (GET /contracts)', directCached)}`);
    lines.push(`  ${row('gateway, cached `contracts`', gatewayCached)}`);
    lines.push(`  ${row('gateway, constant `__typename`', constant)}`);

    lines.push(
      '',
      `Peak memory (VmHWM): gateway ${peakRssMb(gatewayPid).toFixed(1)} MB, bare upstream ${peakRssMb(upstreamPid).toFixed(1)} MB`,
    );
    lines.push('', ...(await componentCosts()));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    gateway.child.kill('SIGTERM');
    upstream.child.kill('SIGTERM');
    client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
