import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values the gateway answers with. Frontends switch on these,
 * so they are part of the API contract: add freely, never rename. The README lists them.
 */
export const ErrorCode = {
  /** The input broke a documented rule; the message names the field and the rule. Nothing was sent upstream. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A contract, tasking or segment the upstream does not know. */
  NOT_FOUND: 'NOT_FOUND',
  /** The upstream refused the request as invalid (its 400/409/422); `extensions.upstreamCode` says why. */
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  /** OneAtlas refused the configured API key (or the gateway has none for this call). Not retried. */
  UPSTREAM_AUTH_FAILED: 'UPSTREAM_AUTH_FAILED',
  /** OneAtlas answered 429; `extensions.retryAfterSeconds` says when to come back. */
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  /** OneAtlas did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** OneAtlas is down, unreachable, or answered 5xx (or failed so often that the gateway stopped calling it for a while: `extensions.retryAfterSeconds`). */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /**
   * The gateway's queue towards OneAtlas is full, or the call would have waited past its deadline for
   * its turn under the upstream's rate limit. Nothing was sent; retry after `extensions.retryAfterSeconds`.
   */
  UPSTREAM_BUSY: 'UPSTREAM_BUSY',
  /**
   * `createOrder` was called with an idempotency key (or customer reference) already used for a
   * different order input whose outcome is placed or not yet known. Nothing was sent.
   */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /** The gateway itself failed; details are in its log under the request id, never in the response. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface GatewayErrorExtensions {
  upstreamCode?: string;
  upstreamStatus?: number;
  retryAfterSeconds?: number;
  field?: string;
}

/**
 * The only error type that may carry a message to the client. Anything else thrown
 * below the resolvers is masked as INTERNAL_SERVER_ERROR by the server's formatError.
 */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: GatewayErrorExtensions = {},
  ) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'GatewayError';
  }
}

export function badUserInput(field: string, rule: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, `${field}: ${rule}`, { field });
}
