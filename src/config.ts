/**
 * The one place that reads the environment. Everything else receives a validated Config.
 * Invalid configuration throws ConfigError, whose message is the one line main.ts prints.
 */

export const AIRBUS_AUTH_URL =
  'https://authenticate.foundation.api.oneatlas.airbus.com/auth/realms/IDP/protocol/openid-connect/token';
export const AIRBUS_ORDER_URL = 'https://order.api.oneatlas.airbus.com/api/v1';
export const AIRBUS_SEARCH_URL = 'https://search.foundation.api.oneatlas.airbus.com/api/v2';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OneAtlasConfig {
  apiKey: string;
  authUrl: string;
  orderUrl: string;
  searchUrl: string;
  /** The contract used wherever a query or mutation omits `contractId`. */
  contractId: string;
  /** The workspace searched for delivered imagery when `imagery` omits `workspaceId`. */
  workspaceId: string | undefined;
  /** Upper bound for any single upstream HTTP call. */
  timeoutMs: number;
}

export interface Config {
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Null when no API key is set: main.ts then starts the embedded simulator and fills this in. */
  oneAtlas: OneAtlasConfig | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const apiKey = nonEmpty(env.ONEATLAS_API_KEY);
  return {
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    port: parsePort(env.PORT, 'PORT', 4000),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    oneAtlas: apiKey === undefined ? null : loadOneAtlasConfig(env, apiKey),
  };
}

function loadOneAtlasConfig(env: Env, apiKey: string): OneAtlasConfig {
  const contractId = nonEmpty(env.ONEATLAS_CONTRACT_ID);
  if (contractId === undefined) {
    throw new ConfigError(
      'ONEATLAS_CONTRACT_ID is required when ONEATLAS_API_KEY is set (the CIS contract id, e.g. CTR21000411).',
    );
  }
  return {
    apiKey,
    authUrl: parseUrl(env.ONEATLAS_AUTH_URL, 'ONEATLAS_AUTH_URL', AIRBUS_AUTH_URL),
    orderUrl: parseUrl(env.ONEATLAS_ORDER_URL, 'ONEATLAS_ORDER_URL', AIRBUS_ORDER_URL),
    searchUrl: parseUrl(env.ONEATLAS_SEARCH_URL, 'ONEATLAS_SEARCH_URL', AIRBUS_SEARCH_URL),
    contractId,
    workspaceId: nonEmpty(env.ONEATLAS_WORKSPACE_ID),
    timeoutMs: parsePositiveInt(env.ONEATLAS_TIMEOUT_MS, 'ONEATLAS_TIMEOUT_MS', 15_000),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseUrl(value: string | undefined, name: string, fallback: string): string {
  const raw = nonEmpty(value) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL.`);
  }
  // Credentials in a URL would end up in logs; refuse them rather than redact later.
  if (url.username || url.password) {
    throw new ConfigError(`${name} must not contain credentials.`);
  }
  return raw.replace(/\/+$/, '');
}

function parsePort(value: string | undefined, name: string, fallback: number): number {
  const port = parseInteger(value, name, fallback);
  if (port < 0 || port > 65_535) {
    throw new ConfigError(`${name} must be an integer between 0 and 65535.`);
  }
  return port;
}

function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  const parsed = parseInteger(value, name, fallback);
  if (parsed <= 0) {
    throw new ConfigError(`${name} must be a positive integer.`);
  }
  return parsed;
}

function parseInteger(value: string | undefined, name: string, fallback: number): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    throw new ConfigError(`${name} must be an integer, got "${raw}".`);
  }
  return Number(raw);
}

function parseLogLevel(value: string | undefined): LogLevel {
  const raw = nonEmpty(value) ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  return level;
}
