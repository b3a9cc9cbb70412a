import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsConfig } from '../config.js';
import { sendJson, vary } from './messages.js';

/**
 * Headers a page may send: JSON bodies, credentials, Apollo's CSRF-prevention headers (which make a
 * GET acceptable), client identification, a request id to correlate logs, and trace context.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
  'traceparent',
  'tracestate',
].join(', ');
/** Browsers cap it lower (Chromium at 2 hours); ten minutes spares most preflights without pinning a policy long. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * CORS for the GraphQL endpoint: an allowed origin gets its own origin back with credentials (so
 * `Authorization` and cookies work) and its preflight answered; any other origin gets no CORS header,
 * so the browser keeps the answer from the page. Whether a cross-site request may run at all is
 * Apollo's CSRF prevention's call, not this one's. Returns whether it answered the request itself
 * (a preflight).
 */
export function corsHandler(
  config: CorsConfig,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    // The answer differs by origin: a shared cache must not hand one origin's answer to another.
    vary(response, 'Origin');
    const { origin } = request.headers;
    const preflight =
      request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (origin === undefined || !originAllowed(config, origin)) {
      if (preflight) sendJson(response, 403, { error: 'Origin not allowed: add it to CORS_ORIGINS' });
      return preflight;
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
    if (!preflight) return false;
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    response.writeHead(204).end();
    return true;
  };
}

export function originAllowed(config: CorsConfig, origin: string): boolean {
  if (config.origins.includes(origin)) return true;
  return config.loopbackOrigins && isLoopbackOrigin(origin);
}

/** A page served by a local dev server (Vite, webpack, Angular…) on any port of this machine. */
function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.origin === origin &&
    LOOPBACK_HOSTS.has(url.hostname)
  );
}
