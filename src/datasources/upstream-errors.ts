import { ErrorCode, GatewayError, type GatewayErrorExtensions } from '../errors.js';

/*
 * Upstream failures as the gateway names them, whoever called: the generic HTTP layer raises them
 * (timeouts, unreachable hosts, pauses) and the OneAtlas layer reads upstream bodies into them. Both
 * import this module, so neither imports the other for its errors.
 */

/** Which OneAtlas service answered: the token endpoint, the order API or the search API. */
export type UpstreamName = 'auth' | 'order' | 'search';

export const SERVICE_LABEL: Record<UpstreamName, string> = {
  auth: 'The OneAtlas token endpoint',
  order: 'The OneAtlas order API',
  search: 'The OneAtlas search API',
};

export interface UpstreamErrorDetails {
  upstream: UpstreamName;
  /** HTTP status; absent when no answer came (network failure, timeout). */
  status?: number;
  upstreamCode?: string;
  /** The upstream's own message, already cleaned (see `cleanUpstreamMessage`); only for 4xx about the input. */
  upstreamMessage?: string;
  /** The `X-Ads-Correlation-Id` of the call that failed. */
  correlationId?: string;
  locator?: string;
  retryAfterSeconds?: number;
  /** System error code of a failed connection (ECONNREFUSED, ENOTFOUND…), for logs. */
  networkCause?: string;
}

/**
 * A failed upstream call. Its message is always written here, never copied from the upstream's
 * body: bodies can echo keys, tokens or internals, and the message reaches the client. The upstream's
 * own words reach a client only cleaned, in `upstreamMessage`, for a 4xx about its input.
 */
export class UpstreamError extends GatewayError {
  readonly upstream: UpstreamName;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly locator: string | undefined;
  readonly networkCause: string | undefined;
  readonly correlationId: string | undefined;
  private readonly details: UpstreamErrorDetails;

  constructor(code: ErrorCode, message: string, details: UpstreamErrorDetails) {
    super(code, message, extensionsOf(details));
    this.name = 'UpstreamError';
    this.details = details;
    this.correlationId = details.correlationId;
    this.upstream = details.upstream;
    this.status = details.status;
    this.upstreamCode = details.upstreamCode;
    this.locator = details.locator;
    this.networkCause = details.networkCause;
  }

  /** The same failure, naming the call it happened on (a subclass's refusals are never sent, so never named). */
  withCorrelationId(correlationId: string): UpstreamError {
    return new UpstreamError(this.code, this.message, { ...this.details, correlationId });
  }
}

function extensionsOf(details: UpstreamErrorDetails): GatewayErrorExtensions {
  // Only the keys that have a value, so clients never see `"upstreamCode": null` noise.
  const extensions: GatewayErrorExtensions = {};
  if (details.upstreamCode !== undefined) extensions.upstreamCode = details.upstreamCode;
  if (details.upstreamMessage !== undefined) extensions.upstreamMessage = details.upstreamMessage;
  if (details.correlationId !== undefined) extensions.correlationId = details.correlationId;
  if (details.status !== undefined) extensions.upstreamStatus = details.status;
  if (details.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = details.retryAfterSeconds;
  return extensions;
}

export function upstreamTimeoutError(upstream: UpstreamName, timeoutMs: number): UpstreamError {
  return new UpstreamError(
    ErrorCode.UPSTREAM_TIMEOUT,
    `${SERVICE_LABEL[upstream]} did not answer within ${formatDuration(timeoutMs)}.`,
    { upstream },
  );
}

export function upstreamUnreachableError(upstream: UpstreamName, networkCause?: string): UpstreamError {
  return new UpstreamError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${SERVICE_LABEL[upstream]} could not be reached.`,
    {
      upstream,
      networkCause,
    },
  );
}

/** A 2xx whose body is not the JSON we expect: to the client this is an upstream outage, not our bug. */
export function upstreamMalformedError(upstream: UpstreamName, status: number): UpstreamError {
  return new UpstreamError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${SERVICE_LABEL[upstream]} sent a malformed answer.`,
    {
      upstream,
      status,
    },
  );
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns whole seconds
 * from `now`, never negative; undefined when absent or unreadable.
 */
export function parseRetryAfterSeconds(header: string | null, now: number): number | undefined {
  const raw = header?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  // Every HTTP-date form starts with the day name; Date.parse alone would read "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(raw)) return undefined;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
