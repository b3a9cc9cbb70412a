import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Config, ConfigError, EMBEDDED_SIMULATOR_MAX_RPS, type OneAtlasConfig } from './config.js';
import { reasonOf } from './datasources/orders/sqlite-order-journal.js';
import { listenFailure } from './listen-errors.js';
import { makeDirectory } from './make-directory.js';
import type { RunningSimulator, SimulatorEndpoints } from './simulator/index.js';

/** What the gateway needs to know of a running simulator (the fields `startSimulator` resolves with). */
export interface SimulatorEndpoint {
  endpoints: SimulatorEndpoints;
  apiKey: string;
  contractId: string;
  workspaceId: string | undefined;
}

/** The default of ONEATLAS_TIMEOUT_MS, for callers that configure nothing (tests). */
const DEFAULT_TIMEOUT_MS = 15_000;

/** The simulator's APIs as it reports them; the timeout is the configured one (ONEATLAS_TIMEOUT_MS). */
export function oneAtlasConfigForSimulator(
  simulator: SimulatorEndpoint,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): OneAtlasConfig {
  return {
    apiKey: simulator.apiKey,
    ...simulator.endpoints,
    contractId: simulator.contractId,
    workspaceId: simulator.workspaceId,
    timeoutMs,
  };
}

export interface Upstream {
  oneAtlas: OneAtlasConfig;
  /** The embedded simulator, when the gateway started one; closed after the server on shutdown. */
  simulator: EmbeddedSimulator | null;
}

export interface EmbeddedSimulator {
  url: string;
  /** Where its state lives, next to the order journal, so a restart finds both as they were. */
  stateFile: string;
  /**
   * Its simulated time: the gateway checks quotation and cancellation deadlines against it, as it
   * would against Airbus' (real) time, so advancing the simulator's clock moves both.
   */
  now(): number;
  close(): Promise<void>;
}

const SIMULATOR_STATE_FILE = 'simulator-state.json';
const SQLITE_JOURNAL_FILE = 'orders.sqlite';

/**
 * Airbus when an API key is configured; else the embedded simulator, which the gateway brings along,
 * on 127.0.0.1:SIMULATOR_PORT (its control API has a known address) with its state in the data
 * directory, so that journal and simulator survive a restart together.
 */
export async function resolveUpstream(config: Config): Promise<Upstream> {
  if (config.oneAtlas !== null) return { oneAtlas: config.oneAtlas, simulator: null };
  const { dataDir } = config.safety;
  const stateFile = join(dataDir, SIMULATOR_STATE_FILE);
  refuseJournalWithoutSimulatorState(config, stateFile);
  // Loaded only here: a gateway in front of Airbus never loads the simulator, express or their state.
  const { startSimulator } = await import('./simulator/index.js');
  const stateExisted = existsSync(stateFile);
  let simulator: RunningSimulator;
  try {
    makeDirectory(resolve(dataDir));
    simulator = await startSimulator({
      port: config.simulatorPort,
      stateFile,
      orderApiMaxRps: EMBEDDED_SIMULATOR_MAX_RPS,
      orderApiBanSeconds: 10,
    });
  } catch (error) {
    const address = {
      host: '127.0.0.1',
      port: config.simulatorPort,
      hostVariable: 'HOST',
      portVariable: 'SIMULATOR_PORT',
    };
    const failure = listenFailure(error, address);
    if (failure !== error) throw failure;
    if (!stateExisted)
      throw new ConfigError(`GATEWAY_DATA_DIR (${dataDir}) cannot be used: ${reasonOf(error)}.`);
    // The state file exists but does not read back: say which file, never a stack trace.
    throw new ConfigError(
      `GATEWAY_DATA_DIR (${dataDir}): ${SIMULATOR_STATE_FILE} cannot be read as the simulator's state. Remove it and ${SQLITE_JOURNAL_FILE} to start both afresh.`,
    );
  }
  return {
    oneAtlas: oneAtlasConfigForSimulator(simulator, config.upstreamTimeoutMs),
    simulator: { url: simulator.url, stateFile, now: () => simulator.now(), close: () => simulator.close() },
  };
}

/**
 * A journal from a run whose simulator state was not kept (before the state lived beside it) would
 * answer PLACED for orders the fresh simulator never saw, and see its sales order ids handed out
 * again: the two start afresh together, by the operator's hand, never by deleting a journal here.
 */
function refuseJournalWithoutSimulatorState(config: Config, stateFile: string): void {
  const journalFile = join(config.safety.dataDir, SQLITE_JOURNAL_FILE);
  if (config.stores.database === null && existsSync(journalFile) && !existsSync(stateFile)) {
    throw new ConfigError(
      `GATEWAY_DATA_DIR (${config.safety.dataDir}) holds an order journal but no state of the embedded simulator it was written against. Remove ${journalFile} to start both afresh.`,
    );
  }
}
