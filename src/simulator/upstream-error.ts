import type { WireErrorCodeMessage } from '../datasources/oneatlas/wire/types.js';

/**
 * An answer the simulated upstream gives instead of a success: thrown anywhere in a handler and
 * written as-is by the error middleware, so every error keeps one of the upstream's exact shapes.
 */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`OneAtlas simulator answered ${status}`);
  }
}

/** The order API's 400: `{errorCode, message}`. */
export function badRequest(message: string, errorCode = 'INVALID_REQUEST'): UpstreamError {
  const body: WireErrorCodeMessage = { errorCode, message };
  return new UpstreamError(400, body);
}

/** The order API's 404: `{errorCode, message}`. */
export function notFound(message: string, errorCode = 'NOT_FOUND'): UpstreamError {
  const body: WireErrorCodeMessage = { errorCode, message };
  return new UpstreamError(404, body);
}

/** The order API's 409: the call is valid, but not in the object's current state. */
export function conflict(errorCode: string, message: string): UpstreamError {
  const body: WireErrorCodeMessage = { errorCode, message };
  return new UpstreamError(409, body);
}

export function contractNotFoundMessage(contractId: string): string {
  return `CIS contract '${contractId}' not found.`;
}
