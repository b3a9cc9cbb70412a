import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type UpstreamName, upstreamTimeoutError, upstreamUnreachableError } from '../upstream-errors.js';

/**
 * Kept-alive connections, one pool per protocol: without them every upstream call pays a new TCP
 * (and TLS) handshake, which costs more than the call itself on a fast upstream.
 */
const keptAlive = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** The statuses a fetch would follow: refused, as the API never redirects and a redirect could carry the token elsewhere. */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The headers of an answer, read the way the error readers need them. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/** An upstream answer with its body already read, whatever its status. */
export interface Exchange {
  status: number;
  headers: AnswerHeaders;
  bodyText: string;
}

export interface ExchangeOptions {
  upstream: UpstreamName;
  url: URL;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * One HTTP round trip on a kept-alive connection, bounded by `timeoutMs` including the body, so a
 * server that sends headers and then stalls cannot hold a request forever. It fails only with
 * UpstreamError carrying the system code (ECONNREFUSED…): Node's own messages may quote the URL.
 *
 * `node:http` rather than node-fetch: on the pass-through path node-fetch's Request, Headers, body
 * stream pipeline and abort signal cost more CPU than the rest of the upstream call
 * (docs/performance.md has the figures).
 */
export function exchange({
  upstream,
  url,
  method,
  headers,
  body,
  timeoutMs,
}: ExchangeOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method,
      headers:
        body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      agent: secure ? keptAlive.https : keptAlive.http,
    });
    let settled = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, timeoutMs);
    const settle = (outcome: { answer: Exchange } | { cause: string | undefined }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('answer' in outcome) resolve(outcome.answer);
      else if (timedOut) reject(upstreamTimeoutError(upstream, timeoutMs));
      else reject(upstreamUnreachableError(upstream, outcome.cause));
    };
    const fail = (error?: unknown) => settle({ cause: networkCauseOf(error) });
    let answered = false;
    request.once('error', fail);
    // A connection that closes before or during the answer, with or without an error event.
    request.once('close', () => {
      if (!answered) fail();
    });
    request.once('response', (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        settle({ cause: 'no-redirect' });
        return;
      }
      response.setEncoding('utf8');
      let bodyText = '';
      response.on('data', (chunk: string) => {
        bodyText += chunk;
      });
      response.once('end', () =>
        settle({ answer: { status, headers: answerHeaders(response.headers), bodyText } }),
      );
      response.once('error', fail);
      response.once('close', () => {
        if (!response.complete) fail();
      });
    });
    request.end(body);
  });
}

function answerHeaders(headers: IncomingHttpHeaders): AnswerHeaders {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** A socket error's system code (ECONNREFUSED…): safe to log, unlike its message. */
function networkCauseOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** Milliseconds since `started` (a performance.now() reading), rounded for logs. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
