import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import fetch, { type Headers, type RequestInit } from 'node-fetch';
import { type UpstreamName, upstreamTimeoutError, upstreamUnreachableError } from '../upstream-errors.js';

export type Fetch = typeof fetch;

/**
 * Kept-alive connections, one pool per protocol: without them every upstream call pays a new TCP
 * (and TLS) handshake, which costs more than the call itself on a fast upstream.
 */
const keptAlive = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};
const agentFor = (url: URL): HttpAgent =>
  url.protocol === 'http:' ? keptAlive['http:'] : keptAlive['https:'];

/** An upstream answer with its body already read, whatever its status. */
export interface Exchange {
  status: number;
  headers: Headers;
  bodyText: string;
}

export interface ExchangeOptions {
  fetchImpl?: Fetch;
  upstream: UpstreamName;
  url: URL;
  init: Omit<RequestInit, 'signal' | 'redirect'>;
  timeoutMs: number;
}

/**
 * One HTTP round trip, bounded by `timeoutMs` including the body, so a server that sends headers
 * and then stalls cannot hold a request forever. It fails only with UpstreamError: node-fetch's own
 * messages quote the full URL (query string included) and must not travel further.
 */
export async function exchange({
  fetchImpl = fetch,
  upstream,
  url,
  init,
  timeoutMs,
}: ExchangeOptions): Promise<Exchange> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Redirects are refused: the API never redirects, and following one could carry the key or
    // token to another host.
    const response = await fetchImpl(url, {
      ...init,
      agent: agentFor,
      signal: controller.signal,
      redirect: 'error',
    });
    const bodyText = await response.text();
    return { status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    if (controller.signal.aborted) throw upstreamTimeoutError(upstream, timeoutMs);
    throw upstreamUnreachableError(upstream, networkCauseOf(error));
  } finally {
    clearTimeout(timer);
  }
}

/** node-fetch's FetchError carries the system code (ECONNREFUSED…) or a type (no-redirect…): safe to log, unlike its message. */
function networkCauseOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, type } = error as { code?: unknown; type?: unknown };
  if (typeof code === 'string') return code;
  return typeof type === 'string' ? type : undefined;
}

/** Milliseconds since `started` (a performance.now() reading), rounded for logs. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
