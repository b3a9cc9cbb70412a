import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Long enough for tsx to load the gateway on a busy 2-core machine; a replica that is slower is broken. */
const START_TIMEOUT_MS = 30_000;

/** Every port a gateway process listens on picked free, so processes of parallel tests never collide. */
const EPHEMERAL_PORTS = { HOST: '127.0.0.1', PORT: '0', SIMULATOR_PORT: '0', METRICS_PORT: '0' };

/** One gateway process started the way `npm start` starts it, on an ephemeral loopback port. */
export interface Replica {
  url: string;
  /** Everything the process wrote to stdout and stderr so far (JSON log lines and the banner). */
  output(): string;
  /** SIGKILL: no drain, no shutdown hook, exactly like a crashed pod. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` in a child process with `env` added to this process's environment, and
 * resolves when its banner names the URL it listens on. Replicas are separate processes so a test
 * can kill one mid-request without taking the others (or the test runner) with it.
 */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...EPHEMERAL_PORTS, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const banner = /(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output);
      if (banner?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(banner[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    kill: () => signal(child, 'SIGKILL', exited),
    stop: () => signal(child, 'SIGTERM', exited),
  };
}

async function signal(child: ChildProcess, name: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  await exited;
}

/** How a gateway process that was expected to refuse to start ended. */
export interface RefusedStart {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/main.ts` like `startReplica`, expecting it to stop by itself; resolves with how it ended. */
export function startExpectingRefusal(env: Record<string, string>): Promise<RefusedStart> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...EPHEMERAL_PORTS, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    // A process that started after all is stopped: the test then sees its banner and code null. Several
    // refusals run at once, so each gets more time than one replica's start.
    const timer = setTimeout(() => child.kill('SIGKILL'), 3 * START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
