/**
 * What `npm run bench` and `npm run bench:compare` share: starting the bare upstream and a compiled
 * gateway as `npm start` runs it, one caller's tenants file, requests on kept-alive connections, and
 * reading a process's CPU and peak memory from /proc. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { sha256Of } from '../src/auth/api-keys.js';

const CLOCK_TICKS_PER_SECOND = 100;
export const BENCH_CONTRACT = 'CTR-BENCH';

export interface Server {
  url: string;
  child: ChildProcess;
}

/**
 * What `npm start` runs after `node` in the checkout at `root` (its package.json): a bench measures the
 * production build with its V8 flags, as it runs.
 */
export function npmStartArguments(root = '.'): string[] {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = packageJson.scripts.start.split(' ');
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: the bench cannot start it`);
  return args;
}

/**
 * Starts `node <args>` (in `cwd`; on CPU `pinToCpu` alone when given, through `taskset`, which execs
 * node so the child's pid stays the server's) and resolves with the URL its stdout announces.
 */
export function start(
  args: string[],
  env: Record<string, string>,
  banner: RegExp,
  placement: { cwd?: string; pinToCpu?: number } = {},
): Promise<Server> {
  const { cwd = '.', pinToCpu } = placement;
  const [command, commandArgs] =
    pinToCpu === undefined
      ? [process.execPath, args]
      : ['taskset', ['-c', String(pinToCpu), process.execPath, ...args]];
  const child = spawn(command, commandArgs, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(banner)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

/** The bench's bare OneAtlas-shaped upstream (scripts/bench-upstream.ts). */
export function startBenchUpstream(pinToCpu?: number): Promise<Server> {
  return start(['--import', 'tsx', 'scripts/bench-upstream.ts'], {}, /bench upstream at (\S+)/, { pinToCpu });
}

/**
 * A tenants file of one tenant with one API key (a real key serves only a tenants file's callers),
 * written into `dataDir`; returns the file and the headers its caller sends.
 */
export function writeBenchTenants(dataDir: string): { file: string; headers: Record<string, string> } {
  const callerKey = 'bench-caller-key-0123456789abcdef';
  const file = join(dataDir, 'tenants.json');
  writeFileSync(
    file,
    JSON.stringify({
      credentials: { company: { apiKeyEnv: 'ONEATLAS_API_KEY' } },
      tenants: {
        bench: {
          credential: 'company',
          contracts: [BENCH_CONTRACT],
          workspaceId: 'ws',
          apiKeys: [{ name: 'bench', sha256: sha256Of(callerKey).toString('hex'), roles: ['read', 'order'] }],
        },
      },
    }),
  );
  return { file, headers: { authorization: `ApiKey ${callerKey}` } };
}

/** A compiled gateway (in `root`) on a free loopback port, pointed at the bench upstream, unpaced. */
export function startBenchGateway(
  upstreamUrl: string,
  options: { dataDir: string; tenantsFile: string; root?: string; pinToCpu?: number },
): Promise<Server> {
  const root = options.root ?? '.';
  const args = npmStartArguments(root);
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    // Any free port: several benches (or gateways) on one machine must not race for the default.
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
    ONEATLAS_API_KEY: 'bench-key',
    ONEATLAS_AUTH_URL: `${upstreamUrl}/token`,
    ONEATLAS_ORDER_URL: `${upstreamUrl}/api/v1`,
    ONEATLAS_SEARCH_URL: `${upstreamUrl}/api/v2`,
    ONEATLAS_DATA_URL: `${upstreamUrl}/api/v1`,
    ONEATLAS_CONTRACT_ID: BENCH_CONTRACT,
    // The bare upstream has no rate limit: the bench measures the scheduler's cost, not its pace.
    ONEATLAS_MAX_RPS: '1000000',
    GATEWAY_DATA_DIR: options.dataDir,
    GATEWAY_TENANTS_FILE: options.tenantsFile,
  };
  return start(args, env, /GraphiQL at (\S+)\/graphql/, { cwd: root, pinToCpu: options.pinToCpu });
}

/** User + system CPU of a process so far, in milliseconds (Linux /proc). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The resident set's high-water mark, in MB. */
export function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

/** Sends requests on kept-alive connections, at most `connections` at once. */
export function benchClient(connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const call = (
    url: string,
    method: string,
    body: string | null,
    headers: Record<string, string> = {},
  ): Promise<number> => {
    const sent = performance.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        { method, agent, headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - sent)
              : reject(new Error(`${url}: ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  };
  return {
    call,
    /** Resolves with the request's latency in milliseconds; rejects on any status but 200. */
    post: (url: string, body: string, headers: Record<string, string> = {}) =>
      call(url, 'POST', body, headers),
    close: () => agent.destroy(),
  };
}

/** The value at percentile `p` of ascending `sorted`. */
export function at(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
