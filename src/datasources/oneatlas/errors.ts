import { ErrorCode } from '../../errors.js';
import {
  parseRetryAfterSeconds,
  SERVICE_LABEL,
  UpstreamError,
  type UpstreamErrorDetails,
  type UpstreamName,
} from '../upstream-errors.js';

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
  if (
    upstream !== 'auth' &&
    status >= 400 &&
    status < 500 &&
    status !== 401 &&
    status !== 403 &&
    status !== 429
  ) {
    // A verdict on the client's own input: its words help a form say which property is wrong.
    details.upstreamMessage = cleanUpstreamMessage(body.message);
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

interface ParsedErrorBody {
  code: string | undefined;
  locator: string | undefined;
  /** Read to recognise known messages, and relayed only cleaned (`cleanUpstreamMessage`); never copied into our own message. */
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
      upstreamCodeOf(json.errorCode) ??
      upstreamCodeOf(json.code) ??
      upstreamCodeOf(firstItem?.code) ??
      upstreamCodeOf(json.internalCode) ??
      upstreamCodeOf(json.error),
    locator: locatorOf(firstItem?.locator),
    message:
      typeof json.message === 'string'
        ? json.message
        : typeof firstItem?.message === 'string'
          ? firstItem.message
          : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The documented shape of an upstream code (`E2203`, `ERR_NO_SENSOR_AVAILABLE`, `INVALID_API_KEY`):
 * upper-case words of at most 16 letters or digits, joined by '_'. A key, a token or a hash is one
 * long run of characters (or in mixed case), so it never fits.
 */
const UPSTREAM_CODE = /^[A-Z][A-Z0-9]{0,15}(?:_[A-Z0-9]{1,16}){0,7}$/;

/** The token endpoint's OAuth errors (RFC 6749 §5.2), the only lower-case codes it documents. */
const OAUTH_ERROR_CODES = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

/**
 * Upstream codes go to the client in `extensions.upstreamCode`, so only a value of the documented
 * shape is relayed: a free-text or secret-bearing field misused as a code must not get through.
 */
export function upstreamCodeOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  return UPSTREAM_CODE.test(value) || OAUTH_ERROR_CODES.has(value) ? value : undefined;
}

function locatorOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:[\]/-]{1,128}$/.test(value) ? value : undefined;
}

/** How much of an upstream message a client gets: a sentence or two, never a dumped document. */
export const UPSTREAM_MESSAGE_MAX_LENGTH = 200;

/**
 * What an upstream message must not carry to a client, each replaced by a placeholder: URLs (hosts,
 * query strings), credentials after their scheme or their header / parameter name, JWTs, and any
 * long unbroken run of key-like characters (API keys, tokens, hashes, signatures). A UUID (36
 * characters, e.g. a workspace id the client sent) is short enough to stay.
 */
const UNSAFE_IN_MESSAGES: readonly [RegExp, string][] = [
  [/[a-z][a-z0-9+.-]*:\/\/\S*/gi, '[url]'],
  [/\b(?:bearer|basic)\s+\S+/gi, '[credentials]'],
  [/\beyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g, '[token]'],
  // The word after a credential's or header's name is its value, whatever separates them.
  [
    /(?<!\[)\b(authorization|cookie|set-cookie|x-[a-z0-9-]+|api[-_]?key|key|access[-_]?token|refresh[-_]?token|token|password|secret|client[-_]?secret)\b(["']?\s*[:=]?\s*["']?)(?!\[)\S+/gi,
    '$1$2[redacted]',
  ],
  [/[A-Za-z0-9+/=_-]{40,}/g, '[redacted]'],
];
/** Control, format and separator characters (NUL, escapes, bidi overrides, line separators). */
const CONTROL_CHARACTERS = /[\p{C}\p{Zl}\p{Zp}]+/gu;

/**
 * An upstream message fit for a client: control characters and runs of spaces collapsed, anything
 * that could be a URL, a credential or a header value replaced, at most 200 characters. Undefined when
 * nothing readable is left.
 */
export function cleanUpstreamMessage(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  // Capped first, so the patterns never scan a huge body; then again once cleaned.
  let text = message.slice(0, UPSTREAM_MESSAGE_MAX_LENGTH * 8).replace(CONTROL_CHARACTERS, ' ');
  for (const [pattern, placeholder] of UNSAFE_IN_MESSAGES) text = text.replace(pattern, placeholder);
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length <= UPSTREAM_MESSAGE_MAX_LENGTH
    ? text
    : `${text.slice(0, UPSTREAM_MESSAGE_MAX_LENGTH - 1)}…`;
}

/** The order API's "CIS contract 'CTR123' not found." is a missing contract, whatever the status. */
function missingContractId(message: string | undefined): string | undefined {
  const match = message?.match(/CIS contract '([\w.-]{1,64})' not found/i);
  return match?.[1];
}
