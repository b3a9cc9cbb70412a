/**
 * `npm run bench:compare -- <other checkout>`: this checkout's gateway against another build of it
 * (a checkout of main, say, after `npm install && npm run build` there), both compiled and started as
 * their own `npm start` says, on the same bare upstream. Separate runs on a shared machine move by
 * ±20 % from one to the next, more than most changes weigh; here both gateways share one core and
 * every round sends the same requests to one after the other, so both meet the same load, the same
 * warm-up and the same moments, and their ratio is steady to a few per cent. It prints, for each,
 * CPU per request (from /proc) and p50 latency of
 *   1. a pass-through read (feasibility, bodies varied), one request at a time, 300 to warm up then
 *      2,000 measured, as the side-by-side run measures it;
 *   2. a cached read (contracts) at 50 connections, in alternating bursts;
 * and the peak memory of each. Needs Linux and `taskset`; loopback only; bounded by request counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { feasibilityRequest } from '../test/fixtures/guide-samples.js';
import {
  at,
  benchClient,
  cpuMs,
  peakRssMb,
  type Server,
  startBenchGateway,
  startBenchUpstream,
  writeBenchTenants,
} from './bench-support.js';

const WARM_UP = 300;
const SEQUENTIAL = 2_000;
const CONNECTIONS = 50;
const BURSTS = 10;
const BURST_REQUESTS = 1_000;
/** Both gateways share this core, the upstream and this process the others. */
const GATEWAY_CPU = 0;
const LOAD_CPU = 1;

const FEASIBILITY_QUERY = `query F($input: TaskingSearchInput!) { feasibility(input: $input) { mission progTypes { name available feasibility { classification } } } }`;
const CONTRACTS_QUERY = JSON.stringify({ query: '{ contracts { id } }' });

interface Target {
  name: string;
  gateway: Server;
  pid: number;
  graphql: string;
}

interface Tally {
  cpuMs: number;
  requests: number;
  latencies: number[];
}

const feasibilityBody = (index: number) =>
  JSON.stringify({
    query: FEASIBILITY_QUERY,
    variables: {
      input: {
        missions: ['PLEIADES'],
        progTypes: ['ONEPLAN'],
        aoi: feasibilityRequest('').aoi,
        // A different window for every request: nothing is cached or coalesced.
        window: {
          start: new Date(Date.UTC(2031, 0, 1) + index * 60_000).toISOString(),
          end: new Date(Date.UTC(2031, 2, 1) + index * 60_000).toISOString(),
        },
        optical: { maxCloudCover: 20, maxIncidenceAngle: 30 },
      },
    },
  });

async function main(): Promise<void> {
  const other = process.argv[2];
  if (other === undefined) throw new Error('usage: npm run bench:compare -- <other checkout, built>');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-compare-'));
  const tenants = writeBenchTenants(dataDir);
  const client = benchClient(CONNECTIONS);
  const sequential = benchClient(1);
  process.stdout.write(`Comparing this checkout with ${resolve(other)} (CPU ${GATEWAY_CPU} for both)\n`);
  const upstream = await startBenchUpstream(LOAD_CPU);
  const targets: Target[] = [];
  try {
    for (const [name, root] of [
      ['this checkout', '.'],
      ['other', other],
    ] as const) {
      const gateway = await startBenchGateway(upstream.url, {
        dataDir: mkdtempSync(join(dataDir, 'gateway-')),
        tenantsFile: tenants.file,
        root,
        pinToCpu: GATEWAY_CPU,
      });
      targets.push({ name, gateway, pid: gateway.child.pid ?? 0, graphql: `${gateway.url}/graphql` });
    }
    const [mine, theirs] = targets as [Target, Target];

    const passThrough = await interleaved(targets, WARM_UP, SEQUENTIAL, (target, index) =>
      sequential.post(target.graphql, feasibilityBody(index), tenants.headers),
    );
    const cached = await interleaved(targets, BURSTS, BURSTS, (target) =>
      burst(BURST_REQUESTS, () => client.post(target.graphql, CONTRACTS_QUERY, tenants.headers)),
    );
    const lines = [
      '',
      'Pass-through (feasibility), one at a time:',
      ...targets.map((target, index) => row(target.name, passThrough[index] as Tally)),
      `  CPU per request, this / other: ${ratio(passThrough, 'cpu')}; p50 ${ratio(passThrough, 'p50')}`,
      '',
      `Cached read (contracts), ${CONNECTIONS} connections, ${BURSTS} bursts of ${BURST_REQUESTS} each:`,
      ...targets.map((target, index) => row(target.name, cached[index] as Tally)),
      `  CPU per request, this / other: ${ratio(cached, 'cpu')}`,
      '',
      `Peak memory (VmHWM): this ${peakRssMb(mine.pid).toFixed(0)} MB, other ${peakRssMb(theirs.pid).toFixed(0)} MB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const target of targets) target.gateway.child.kill('SIGTERM');
    upstream.child.kill('SIGTERM');
    client.close();
    sequential.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `warmUp` rounds, then `rounds` measured, each sending one unit of work to every target in turn,
 * the order flipping every round so neither always goes first. A target's CPU is its process's over
 * the whole measured phase (its GC and compiler threads included), divided by its requests.
 */
async function interleaved(
  targets: Target[],
  warmUp: number,
  rounds: number,
  unit: (target: Target, index: number) => Promise<number | number[]>,
): Promise<Tally[]> {
  for (let round = 0; round < warmUp; round += 1) {
    for (const target of targets) await unit(target, 1_000_000 + round);
  }
  const tallies: Tally[] = targets.map((target) => ({
    cpuMs: -cpuMs(target.pid),
    requests: 0,
    latencies: [],
  }));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const tally = tallies[targets.indexOf(target)] as Tally;
      const latency = await unit(target, 2_000_000 + round);
      const latencies = Array.isArray(latency) ? latency : [latency];
      tally.requests += latencies.length;
      tally.latencies.push(...latencies);
    }
  }
  targets.forEach((target, index) => {
    const tally = tallies[index] as Tally;
    tally.cpuMs += cpuMs(target.pid);
    tally.latencies.sort((a, b) => a - b);
  });
  return tallies;
}

/** `requests` requests, at most CONNECTIONS at once; their latencies. */
async function burst(requests: number, send: () => Promise<number>): Promise<number[]> {
  const latencies: number[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (sent < requests) {
        sent += 1;
        latencies.push(await send());
      }
    }),
  );
  return latencies;
}

function row(name: string, tally: Tally): string {
  return `  ${name.padEnd(14)} CPU ${((tally.cpuMs / tally.requests) * 1000).toFixed(0).padStart(5)} µs/req  p50 ${at(tally.latencies, 50).toFixed(3).padStart(7)} ms`;
}

function ratio([mine, theirs]: Tally[], figure: 'cpu' | 'p50'): string {
  if (mine === undefined || theirs === undefined) return 'n/a';
  const value = (tally: Tally) => (figure === 'cpu' ? tally.cpuMs / tally.requests : at(tally.latencies, 50));
  return (value(mine) / value(theirs)).toFixed(3);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:compare failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
