import { type Config, EMBEDDED_SIMULATOR_MAX_RPS, type OneAtlasConfig } from './config.js';
import type { SimulatorEndpoints } from './simulator/index.js';

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
  simulator: { close(): Promise<void> } | null;
}

/** Airbus when an API key is configured; else the embedded simulator, which the gateway brings along. */
export async function resolveUpstream(config: Config): Promise<Upstream> {
  if (config.oneAtlas !== null) return { oneAtlas: config.oneAtlas, simulator: null };
  // Loaded only here: a gateway in front of Airbus never loads the simulator, express or their state.
  const { startSimulator } = await import('./simulator/index.js');
  const simulator = await startSimulator({
    orderApiMaxRps: EMBEDDED_SIMULATOR_MAX_RPS,
    orderApiBanSeconds: 10,
  });
  return { oneAtlas: oneAtlasConfigForSimulator(simulator, config.upstreamTimeoutMs), simulator };
}
