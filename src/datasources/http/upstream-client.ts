import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { UpstreamError, upstreamErrorFromResponse, upstreamMalformedError } from '../oneatlas/errors.js';
import { type Exchange, elapsedMs, exchange, type Fetch } from './exchange.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Starts with '/', relative to the base URL; build it with `upstreamPath` so ids are encoded. */
  path: string;
  /** Arrays repeat the parameter (`status[]=a&status[]=b`); undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON when present. */
  body?: unknown;
}

export interface UpstreamClientOptions {
  upstream: 'order' | 'search';
  baseUrl: string;
  tokens: TokenProvider;
  timeoutMs: number;
  logger: Logger;
  fetchImpl?: Fetch;
}

/**
 * Builds an upstream path with every interpolated value encoded as exactly one segment:
 * upstreamPath`/contracts/${contractId}/taskings`.
 */
export function upstreamPath(
  literals: TemplateStringsArray,
  ...segments: readonly (string | number)[]
): string {
  let path = literals[0] ?? '';
  segments.forEach((segment, index) => {
    const text = String(segment);
    // URL parsing resolves '.' and '..' (even percent-encoded), which would let an id climb the path.
    if (text === '' || text === '.' || text === '..') {
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'An identifier must not be empty, "." or "..".');
    }
    path += encodeURIComponent(text) + (literals[index + 1] ?? '');
  });
  return path;
}

/**
 * The one HTTP client of an OneAtlas API: bearer token, JSON, timeout, error normalisation and the
 * single retry after a 401. Every round trip goes through `send`, the step a per-credential
 * scheduler (rate limit, priorities, retries) is meant to wrap.
 */
export class UpstreamClient {
  private readonly upstream: 'order' | 'search';
  private readonly baseUrl: string;
  private readonly tokens: TokenProvider;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly fetchImpl: Fetch | undefined;

  constructor({ upstream, baseUrl, tokens, timeoutMs, logger, fetchImpl }: UpstreamClientOptions) {
    this.upstream = upstream;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.tokens = tokens;
    this.timeoutMs = timeoutMs;
    this.logger = logger;
    this.fetchImpl = fetchImpl;
  }

  /** Resolves with the parsed JSON body (undefined when the body is empty); rejects only with UpstreamError. */
  async request<T>(request: UpstreamRequest): Promise<T> {
    const url = this.urlFor(request);
    const token = await this.tokens.getToken();
    let answer = await this.send(request, url, token);
    if (answer.status === 401) {
      // A token can be revoked or expire early. invalidate() only drops it if nobody has replaced
      // it yet, so many calls failing together cause one renewal; each retries exactly once.
      this.tokens.invalidate(token);
      answer = await this.send(request, url, await this.tokens.getToken());
    }
    if (answer.status < 200 || answer.status >= 300) {
      const error = upstreamErrorFromResponse(
        this.upstream,
        answer.status,
        answer.bodyText,
        answer.headers.get('retry-after'),
      );
      this.logFailure(request, error);
      throw error;
    }
    if (answer.bodyText.trim() === '') return undefined as T;
    try {
      // The wire mappers validate the shape; here only "is it JSON at all" is decided.
      return JSON.parse(answer.bodyText) as T;
    } catch {
      const error = upstreamMalformedError(this.upstream, answer.status);
      this.logFailure(request, error);
      throw error;
    }
  }

  private urlFor({ path, query }: UpstreamRequest): URL {
    // The path is logged as is; a query string or fragment in it could carry what must not be logged.
    if (!path.startsWith('/') || /[?#]/.test(path)) {
      throw new Error(`Upstream path must start with '/' and carry no query string or fragment.`);
    }
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        url.searchParams.append(name, String(value));
      } else {
        for (const item of value) url.searchParams.append(name, item);
      }
    }
    return url;
  }

  /** One authorised round trip, whatever its status. */
  private async send(request: UpstreamRequest, url: URL, token: string): Promise<Exchange> {
    const started = performance.now();
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const answer = await exchange({
        fetchImpl: this.fetchImpl,
        upstream: this.upstream,
        url,
        init: {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        },
        timeoutMs: this.timeoutMs,
      });
      this.logger.debug(
        {
          upstream: this.upstream,
          method: request.method,
          path: request.path,
          status: answer.status,
          durationMs: elapsedMs(started),
        },
        'OneAtlas call',
      );
      return answer;
    } catch (error) {
      if (error instanceof UpstreamError) this.logFailure(request, error, elapsedMs(started));
      throw error;
    }
  }

  private logFailure(request: UpstreamRequest, error: UpstreamError, durationMs?: number): void {
    this.logger.warn(
      {
        upstream: this.upstream,
        method: request.method,
        path: request.path,
        status: error.status,
        code: error.code,
        upstreamCode: error.upstreamCode,
        networkCause: error.networkCause,
        durationMs,
      },
      'OneAtlas call failed',
    );
  }
}
