import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ErrorCode, GatewayError } from '../../errors.js';
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
  /** A file: a 2xx body goes to its sink as it arrives (then `bodyText` is ''), within its size bound. */
  binary?: BinaryTransfer;
}

/** What a binary answer says of itself before its first byte. */
export interface BinaryHead {
  contentType: string | null;
  /** Bytes announced (Content-Length); null when the upstream streams without saying. */
  contentLength: number | null;
}

/** Where a binary answer's bytes go, as they arrive: nothing is kept in the gateway's memory. */
export interface BinarySink {
  /** Once, for a 2xx, before the first chunk. */
  start(head: BinaryHead): void;
  write(chunk: Uint8Array): void;
}

/** A binary answer to stream: where it goes, and its size and time bounds. */
export interface BinaryTransfer {
  sink: BinarySink;
  maxBytes: number;
  /** The whole answer, body included, within this. */
  timeoutMs: number;
}

/** A file over FILE_MAX_BYTES: refused before its first byte when announced, else cut where it passes. */
export function fileTooLargeError(maxBytes: number): GatewayError {
  return new GatewayError(
    ErrorCode.FILE_TOO_LARGE,
    `The file is larger than this gateway serves (${maxBytes} bytes, FILE_MAX_BYTES).`,
  );
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
  binary,
}: ExchangeOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    // Options rather than the URL itself: Node converts a URL into these on every call, reading each
    // of its properties through the URL's slow accessors.
    const request = (secure ? httpsRequest : httpRequest)({
      protocol: url.protocol,
      // An IPv6 literal is bracketed in a URL, not in a socket's host.
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method,
      // Object.assign: Node 20 copies `{ ...headers, more }` on a slow path (docs/performance.md).
      headers:
        body === undefined
          ? headers
          : Object.assign({}, headers, { 'Content-Length': String(Buffer.byteLength(body)) }),
      agent: secure ? keptAlive.https : keptAlive.http,
    });
    let settled = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, timeoutMs);
    const settle = (
      outcome: { answer: Exchange } | { cause: string | undefined } | { refused: GatewayError },
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('answer' in outcome) resolve(outcome.answer);
      else if ('refused' in outcome) {
        // Nothing more of this answer is wanted: the connection goes, not back to the pool.
        request.destroy();
        reject(outcome.refused);
      } else if (timedOut) reject(upstreamTimeoutError(upstream, timeoutMs));
      else reject(upstreamUnreachableError(upstream, outcome.cause));
    };
    const fail = (error?: unknown) => settle({ cause: networkCauseOf(error) });
    let answered = false;
    // `on`, not `once`: settle runs once anyway, and `once` wraps every listener it adds.
    request.on('error', fail);
    // A connection that closes before or during the answer, with or without an error event.
    request.on('close', () => {
      if (!answered) fail();
    });
    request.on('response', (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        settle({ cause: 'no-redirect' });
        return;
      }
      if (binary !== undefined && status >= 200 && status < 300) {
        streamBody(response, binary, settle);
        response.on('end', () =>
          settle({ answer: { status, headers: answerHeaders(response.headers), bodyText: '' } }),
        );
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail();
        });
        return;
      }
      response.setEncoding('utf8');
      let bodyText = '';
      response.on('data', (chunk: string) => {
        bodyText += chunk;
      });
      response.on('end', () =>
        settle({ answer: { status, headers: answerHeaders(response.headers), bodyText } }),
      );
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail();
      });
    });
    request.end(body);
  });
}

/** A 2xx file body to its sink, chunk by chunk, refused as soon as it is known to pass `maxBytes`. */
function streamBody(
  response: IncomingMessage,
  { sink, maxBytes }: BinaryTransfer,
  settle: (outcome: { refused: GatewayError }) => void,
): void {
  const announced = response.headers['content-length'];
  const contentLength = announced !== undefined && /^\d+$/.test(announced) ? Number(announced) : null;
  if (contentLength !== null && contentLength > maxBytes) {
    settle({ refused: fileTooLargeError(maxBytes) });
    return;
  }
  const contentType = response.headers['content-type'];
  sink.start({ contentType: contentType ?? null, contentLength });
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.byteLength;
    if (received > maxBytes) settle({ refused: fileTooLargeError(maxBytes) });
    else sink.write(chunk);
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
