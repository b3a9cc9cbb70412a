import { ErrorCode, GatewayError, type GatewayErrorExtensions } from '../../errors.js';

/** Which OneAtlas service answered: the token endpoint, the order API or the search API. */
export type UpstreamName = 'auth' | 'order' | 'search';

const SERVICE_LABEL: Record<UpstreamName, string> = {
  auth: 'The OneAtlas token endpoint',
  order: 'The OneAtlas order API',
  search: 'The OneAtlas search API',
};

export interface UpstreamErrorDetails {
  upstream: UpstreamName;
  /** HTTP status; absent when no answer came (network failure, timeout). */
  status?: number;
  upstreamCode?: string;
  locator?: string;
  retryAfterSeconds?: number;
  /** System error code of a failed connection (ECONNREFUSED, ENOTFOUND…), for logs. */
  networkCause?: string;
}

/**
 * A failed upstream call. Its message is always written here, never copied from the upstream's
 * body: bodies can echo keys, tokens or internals, and the message reaches the client.
 */
export class UpstreamError extends GatewayError {
  readonly upstream: UpstreamName;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly locator: string | undefined;
  readonly networkCause: string | undefined;

  constructor(code: ErrorCode, message: string, details: UpstreamErrorDetails) {
    super(code, message, extensionsOf(details));
    this.name = 'UpstreamError';
    this.upstream = details.upstream;
    this.status = details.status;
    this.upstreamCode = details.upstreamCode;
    this.locator = details.locator;
    this.networkCause = details.networkCause;
  }
}

function extensionsOf(details: UpstreamErrorDetails): GatewayErrorExtensions {
  // Only the keys that have a value, so clients never see `"upstreamCode": null` noise.
  const extensions: GatewayErrorExtensions = {};
  if (details.upstreamCode !== undefined) extensions.upstreamCode = details.upstreamCode;
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
 * Normalises any non-2xx answer of OneAtlas into one UpstreamError. Accepts every error shape the
 * upstream is known to send (`{errorCode,message}`, `{code}`, `{errors:[{code,locator}]}`, the token
 * endpoint's `{internalCode,…}`, Keycloak's `{error}`, the 401 `{message}`) and bodies that are not
 * JSON at all (proxies answer HTML).
 */
export function upstreamErrorFromResponse(
  upstream: UpstreamName,
  status: number,
  bodyText: string,
  retryAfterHeader: string | null,
): UpstreamError {
  const body = parseErrorBody(bodyText);
  const details: UpstreamErrorDetails = {
    upstream,
    status,
    upstreamCode: body.code,
    locator: body.locator,
  };
  const why = body.code ?? `HTTP ${status}`;

  if (upstream === 'auth' && (status === 400 || status === 401 || status === 403)) {
    // The token endpoint only refuses the request for a bad or revoked key: a configuration error.
    return new UpstreamError(
      ErrorCode.UPSTREAM_AUTH_FAILED,
      'OneAtlas refused the configured API key.',
      details,
    );
  }
  if (status === 400 || status === 404 || status === 409 || status === 422) {
    const contractId = missingContractId(body.message);
    if (contractId !== undefined) {
      return new UpstreamError(ErrorCode.NOT_FOUND, `CIS contract '${contractId}' was not found.`, details);
    }
    if (status === 404) {
      return new UpstreamError(
        ErrorCode.NOT_FOUND,
        `OneAtlas does not know the requested resource (${why}).`,
        details,
      );
    }
    return new UpstreamError(ErrorCode.UPSTREAM_REJECTED, `OneAtlas rejected the request (${why}).`, details);
  }
  if (status === 401 || status === 403) {
    return new UpstreamError(
      ErrorCode.UPSTREAM_AUTH_FAILED,
      `OneAtlas refused the gateway's credentials (${why}).`,
      details,
    );
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfterSeconds(retryAfterHeader, Date.now());
    const when = retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} s`;
    return new UpstreamError(
      ErrorCode.UPSTREAM_RATE_LIMITED,
      `OneAtlas is rate limiting the gateway; retry ${when}.`,
      { ...details, retryAfterSeconds },
    );
  }
  if (status >= 400 && status < 500) {
    return new UpstreamError(ErrorCode.UPSTREAM_REJECTED, `OneAtlas rejected the request (${why}).`, details);
  }
  if (status >= 500) {
    return new UpstreamError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${SERVICE_LABEL[upstream]} failed (${why}).`,
      details,
    );
  }
  // 1xx/3xx are not answers the API gives (and redirects are refused before they get here).
  return new UpstreamError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${SERVICE_LABEL[upstream]} answered unexpectedly (HTTP ${status}).`,
    details,
  );
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

interface ParsedErrorBody {
  code: string | undefined;
  locator: string | undefined;
  /** Read only to recognise known messages; never copied into our own message as a whole. */
  message: string | undefined;
}

function parseErrorBody(bodyText: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { code: undefined, locator: undefined, message: undefined };
  }
  if (!isRecord(json)) return { code: undefined, locator: undefined, message: undefined };
  const firstItem = Array.isArray(json.errors) && isRecord(json.errors[0]) ? json.errors[0] : undefined;
  return {
    code:
      token(json.errorCode) ??
      token(json.code) ??
      token(firstItem?.code) ??
      token(json.internalCode) ??
      token(json.error),
    locator: locatorOf(firstItem?.locator),
    message: typeof json.message === 'string' ? json.message : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Upstream codes go to the client in `extensions.upstreamCode`, so only accept what looks like a
 * code: a free-text field misused as a code must not smuggle upstream prose (or secrets) through.
 */
function token(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : undefined;
}

function locatorOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:[\]/-]{1,128}$/.test(value) ? value : undefined;
}

/** The order API's "CIS contract 'CTR123' not found." is a missing contract, whatever the status. */
function missingContractId(message: string | undefined): string | undefined {
  const match = message?.match(/CIS contract '([\w.-]{1,64})' not found/i);
  return match?.[1];
}
