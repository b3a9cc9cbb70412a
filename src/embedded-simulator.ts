import type { OneAtlasConfig } from './config.js';

/** What the gateway needs to know of a running simulator (the fields `startSimulator` resolves with). */
export interface SimulatorEndpoint {
  url: string;
  apiKey: string;
  contractId: string;
  workspaceId: string | undefined;
}

/** The simulator serves all three OneAtlas APIs from one origin, under the paths Airbus uses. */
export function oneAtlasConfigForSimulator(simulator: SimulatorEndpoint): OneAtlasConfig {
  return {
    apiKey: simulator.apiKey,
    authUrl: `${simulator.url}/auth/realms/IDP/protocol/openid-connect/token`,
    orderUrl: `${simulator.url}/api/v1`,
    searchUrl: `${simulator.url}/api/v2`,
    contractId: simulator.contractId,
    workspaceId: simulator.workspaceId,
    timeoutMs: 15_000,
  };
}
