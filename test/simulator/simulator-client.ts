/** Talks to a simulator started in-process, over real HTTP with Node's fetch. */
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';

export const TOKEN_PATH = '/auth/realms/IDP/protocol/openid-connect/token';

export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SimulatorClient {
  simulator: RunningSimulator;
  /** A fresh token request with these form fields (defaults: the valid key, client_id=IDP, grant_type=api_key). */
  requestToken(fields?: Record<string, string>): Promise<HttpAnswer<Record<string, unknown>>>;
  /** An authenticated /api call; a string body is sent as it is, anything else as JSON. */
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<HttpAnswer<T>>;
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>>;
  close(): Promise<void>;
}

async function answer<T>(response: Response): Promise<HttpAnswer<T>> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

function jsonInit(method: string, body: unknown, headers: Record<string, string>): RequestInit {
  if (body === undefined) return { method, headers };
  return {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Starts a simulator (rate limit lifted unless the options set one) and fetches a token for it. */
export async function startSimulatorClient(options: SimulatorOptions = {}): Promise<SimulatorClient> {
  const simulator = await startSimulator({ orderApiMaxRps: 1000, ...options });
  const requestToken = async (fields: Record<string, string> = {}) =>
    answer<Record<string, unknown>>(
      await fetch(`${simulator.url}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams({
          apikey: simulator.apiKey,
          client_id: 'IDP',
          grant_type: 'api_key',
          ...fields,
        }),
      }),
    );
  let cachedToken: string | undefined;
  const token = async () => {
    cachedToken ??= String((await requestToken()).body.access_token);
    return cachedToken;
  };
  return {
    simulator,
    requestToken,
    async api(method, path, body, explicitToken) {
      const authorization = `Bearer ${explicitToken ?? (await token())}`;
      return answer(await fetch(`${simulator.url}${path}`, jsonInit(method, body, { authorization })));
    },
    async control(method, path, body) {
      return answer(await fetch(`${simulator.url}/__simulator${path}`, jsonInit(method, body, {})));
    },
    close: () => simulator.close(),
  };
}

/** An axis-aligned GeoJSON polygon. */
export function box(west: number, south: number, east: number, north: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}
