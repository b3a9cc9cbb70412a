import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import {
  recordRateLimitPause,
  recordSchedulerWait,
  recordUpstreamCall,
} from '../../observability/metrics.js';
import { type UpstreamCallTrace, upstreamCallTrace } from '../../observability/tracing.js';
import {
  parseRetryAfterSeconds,
  UpstreamError,
  upstreamMalformedError,
  upstreamTimeoutError,
} from '../upstream-errors.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { type BinaryTransfer, type Exchange, elapsedMs, exchange } from './exchange.js';
import type { RateGate } from './rate-gate.js';
import type { RequestLogFields, RequestScope } from './request-scope.js';
import { type BackoffOptions, backoffDelayMs, isOutage } from './retry.js';
import { CallPriority, RateScheduler } from './scheduler.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Starts with '/', relative to the base URL; build it with `upstreamPath` so ids are encoded. */
  path: string;
  /** Arrays repeat the parameter (`status[]=a&status[]=b`); undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Default INTERACTIVE. */
  priority?: CallPriority;
  /**
   * Safe to send again after a 5xx, timeout or connection error: true for reads, and to be set for
   * read-like POSTs (feasibility, attempts, prices). Default: true for GET only.
   */
  repeatable?: boolean;
  /**
   * Called and awaited each time the request is about to leave for the upstream (not when it is
   * refused before); when it throws, the request is not sent (an order that cannot be journaled).
   */
  onDispatch?: () => void | Promise<void>;
  /**
   * Any 2xx is a success whatever its body (a decision whose answer the guide does not document): a
   * body that is not JSON then reads as undefined instead of failing.
   */
  anyAnswer?: boolean;
  /**
   * A file: its 2xx body is streamed to the transfer's sink within the transfer's bounds (which
   * replace ONEATLAS_TIMEOUT_MS for it) instead of being read as JSON. Never repeated once sent.
   */
  binary?: BinaryTransfer;
}

/**
 * Reads a 2xx answer's JSON (undefined when the body is empty) into what the caller needs. It throws
 * an UpstreamError for an answer of the wrong shape, which then counts as the upstream's failure for
 * the circuit breaker and the retries, like a 5xx.
 */
export type AnswerReader<T> = (json: unknown) => T;

/** A 2xx answer, read: its value, or why it is a failure after all. */
type ReadBody<T> = { value: T } | { failure: unknown };

/**
 * Names one round trip: the `X-Ads-Correlation-Id` sent with it (notes §2.5), which Airbus' support
 * can look up, and the gateway request it serves, so a log line or an error leads from one to the other.
 */
interface CallLabel {
  correlationId: string;
  /** The ids of the request the call is for, on each of its log lines; none for background work. */
  request: Readonly<RequestLogFields> | undefined;
}

/** The outcome of one round trip. */
interface Sent<T> {
  answer: Exchange;
  /** The 2xx answer read; undefined for any other status. */
  body: ReadBody<T> | undefined;
  call: CallLabel;
}

export interface RetryPolicy extends BackoffOptions {
  /** Tries in all, the first included. */
  attempts: number;
}

/** Where bearer tokens come from (the credential's token provider). */
export interface BearerTokens {
  /** `scope`: the request the token is wanted for, whose ids a failed renewal's log line carries. */
  getToken(scope?: RequestScope): Promise<string>;
  /** Drops `token` unless it was already replaced, after the upstream refused it. */
  invalidate(token: string): void;
}

/**
 * Reads a non-2xx answer into an UpstreamError. The upstream's body conventions belong to the API's
 * own layer (`oneatlas/errors.ts`), which passes its reader in.
 */
export type FailureReader = (
  upstream: 'order' | 'search',
  status: number,
  bodyText: string,
  retryAfterHeader: string | null,
) => UpstreamError;

export interface UpstreamClientOptions {
  upstream: 'order' | 'search';
  baseUrl: string;
  tokens: BearerTokens;
  readFailure: FailureReader;
  /** How long a caller waits for an answer once its call has left. */
  timeoutMs: number;
  /**
   * How long a call that timed out for its caller still holds its turn (lane, pacing) while the
   * upstream may be serving it; its socket is aborted then. At least `timeoutMs`.
   */
  holdMs: number;
  logger: Logger;
  /** Paces this credential's calls to this API; shared by every client of the same credential and API. */
  scheduler: RateScheduler<Exchange>;
  /** The breaker of the upstream host. */
  breaker: CircuitBreaker;
  retry: RetryPolicy;
}

/** How long to pause after a 429 that gives no Retry-After: the order API's documented ban is 10 minutes. */
const PAUSE_WITHOUT_RETRY_AFTER_MS: Record<'order' | 'search', number> = { order: 600_000, search: 1_000 };

/** Calls in flight at once: the order API asks for one at a time; search takes a few within its rate. */
export function upstreamConcurrency(upstream: 'order' | 'search', maxRps: number): number {
  return upstream === 'order' ? 1 : Math.max(1, Math.min(4, Math.floor(maxRps)));
}

/**
 * A scheduler for one credential on one API, that pauses on the upstream's 429 as it asks (capped at
 * `maxPauseMs`). `gate` is the credential's budget for the API; by default this process's own.
 */
export function createUpstreamScheduler(options: {
  upstream: 'order' | 'search';
  maxRps: number;
  maxQueue: number;
  maxWaitMs: number;
  maxPauseMs?: number;
  gate?: RateGate;
  logger?: Logger;
}): RateScheduler<Exchange> {
  return new RateScheduler<Exchange>({
    ...options,
    concurrency: upstreamConcurrency(options.upstream, options.maxRps),
    pauseAfter: (answer) => {
      if (answer.status !== 429) return undefined;
      const seconds = parseRetryAfterSeconds(answer.headers.get('retry-after'), Date.now());
      const pauseMs = seconds === undefined ? PAUSE_WITHOUT_RETRY_AFTER_MS[options.upstream] : seconds * 1000;
      recordRateLimitPause(options.upstream, pauseMs);
      return pauseMs;
    },
  });
}

/** The identity of a request for coalescing and caching: method, path, query and body. */
export function requestKey({ method, path, query, body }: UpstreamRequest): string {
  const search = queryString(query);
  return `${method} ${path}${search === '' ? '' : `?${search}`}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`;
}

/** Arrays repeat the parameter; undefined values are left out. */
function queryString(query: UpstreamRequest['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.append(name, String(value));
    } else {
      for (const item of value) params.append(name, item);
    }
  }
  return params.toString();
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
 * The one HTTP client of an OneAtlas API: bearer token, JSON, timeout, error normalisation, the
 * single retry after a 401, bounded retries with jittered backoff for repeatable requests, and the
 * host's circuit breaker. Every round trip goes through `send`, which waits for its turn in the
 * credential's scheduler (rate, one at a time, priorities, fairness, 429 pauses, the request's budget
 * and deadline) and keeps that turn until the upstream has answered or the hold bound has passed.
 */
/**
 * What an API sends its calls through: an UpstreamClient itself, for work that is nobody's request
 * (reconciliation, sweeps), or its view for one client request, whose every call then takes that
 * request's turn and counts against its budget and deadline.
 */
export interface UpstreamCalls {
  request<T = unknown>(request: UpstreamRequest, read?: AnswerReader<T>): Promise<T>;
  pathOf(href: string): Pick<UpstreamRequest, 'path' | 'query'> | null;
  forRequest(scope: RequestScope): UpstreamCalls;
}

/** An UpstreamClient as one request uses it: the request is passed along explicitly, never looked up. */
class RequestUpstreamCalls implements UpstreamCalls {
  constructor(
    private readonly client: UpstreamClient,
    private readonly scope: RequestScope,
  ) {}

  request<T = unknown>(request: UpstreamRequest, read?: AnswerReader<T>): Promise<T> {
    return this.client.request(request, read, this.scope);
  }

  pathOf(href: string): Pick<UpstreamRequest, 'path' | 'query'> | null {
    return this.client.pathOf(href);
  }

  forRequest(scope: RequestScope): UpstreamCalls {
    return this.client.forRequest(scope);
  }
}

export class UpstreamClient implements UpstreamCalls {
  private readonly upstream: 'order' | 'search';
  private readonly baseUrl: string;
  private readonly tokens: BearerTokens;
  private readonly readFailure: FailureReader;
  private readonly timeoutMs: number;
  private readonly holdMs: number;
  private readonly logger: Logger;
  private readonly scheduler: RateScheduler<Exchange>;
  private readonly breaker: CircuitBreaker;
  private readonly retry: RetryPolicy;

  constructor(options: UpstreamClientOptions) {
    this.upstream = options.upstream;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.readFailure = options.readFailure;
    this.timeoutMs = options.timeoutMs;
    this.holdMs = Math.max(options.holdMs, options.timeoutMs);
    this.logger = options.logger;
    this.scheduler = options.scheduler;
    this.breaker = options.breaker;
    this.retry = options.retry;
  }

  /** This client as `scope`'s request uses it. */
  forRequest(scope: RequestScope): UpstreamCalls {
    return new RequestUpstreamCalls(this, scope);
  }

  /**
   * Resolves with the parsed JSON body (undefined when the body is empty); rejects with UpstreamError,
   * or GatewayError UPSTREAM_BUSY when the call could not get a turn. `scope`: the request it is made
   * for (its turn, budget, deadline and log ids); none for background work.
   */
  async request<T = unknown>(
    request: UpstreamRequest,
    read?: AnswerReader<T>,
    scope?: RequestScope,
  ): Promise<T> {
    const url = this.urlFor(request);
    // A file already partly streamed to its client cannot be sent again.
    const repeatable = request.binary === undefined && (request.repeatable ?? request.method === 'GET');
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(request, url, repeatable, read ?? ((json) => json as T), scope);
      } catch (error) {
        if (!repeatable || attempt >= this.retry.attempts || !isOutage(error)) throw error;
        const delayMs = backoffDelayMs(attempt, this.retry);
        this.logger.info(
          {
            ...scope?.logFields,
            upstream: this.upstream,
            method: request.method,
            path: request.path,
            attempt,
            delayMs,
          },
          'retrying OneAtlas call',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** One try: token, call, and the single renewal after a 401. */
  private async attempt<T>(
    request: UpstreamRequest,
    url: URL,
    repeatable: boolean,
    read: AnswerReader<T>,
    scope: RequestScope | undefined,
  ): Promise<T> {
    // An open circuit fails fast here, before the call queues for a turn it could not use.
    this.breaker.check(this.upstream);
    const token = await this.tokens.getToken(scope);
    let sent = await this.send(request, url, token, repeatable, read, scope);
    if (sent.answer.status === 401) {
      // A token can be revoked or expire early. invalidate() only drops it if nobody has replaced
      // it yet, so many calls failing together cause one renewal; each retries exactly once.
      this.tokens.invalidate(token);
      sent = await this.send(request, url, await this.tokens.getToken(scope), repeatable, read, scope);
    }
    const { answer, body, call } = sent;
    if (body !== undefined && 'value' in body) return body.value;
    const failure =
      body === undefined
        ? this.readFailure(this.upstream, answer.status, answer.bodyText, answer.headers.get('retry-after'))
        : body.failure;
    if (!(failure instanceof UpstreamError)) throw failure;
    const error = failure.withCorrelationId(call.correlationId);
    this.logFailure(request, error, call);
    throw error;
  }

  /**
   * A 2xx answer read while the call still holds its turn, so that one of the wrong shape (not JSON,
   * or JSON the reader refuses) counts as the upstream's failure for the circuit breaker.
   */
  private readBody<T>(request: UpstreamRequest, answer: Exchange, read: AnswerReader<T>): ReadBody<T> {
    let json: unknown;
    // A test, not trim(): trim copies the whole body to find out.
    if (/\S/.test(answer.bodyText)) {
      try {
        json = JSON.parse(answer.bodyText);
      } catch {
        if (!request.anyAnswer) return { failure: upstreamMalformedError(this.upstream, answer.status) };
      }
    }
    try {
      return { value: read(json) };
    } catch (failure) {
      return { failure };
    }
  }

  /**
   * An absolute URL the upstream gave out (a feature's link), as a request of this client: null
   * unless it lies under this client's base URL, same scheme, host and port, so that following
   * it never sends the bearer token to another host.
   */
  pathOf(href: string): Pick<UpstreamRequest, 'path' | 'query'> | null {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    const base = new URL(this.baseUrl);
    const basePath = base.pathname.replace(/\/+$/, '');
    if (url.origin !== base.origin || url.username !== '' || url.password !== '') return null;
    if (!url.pathname.startsWith(`${basePath}/`) || url.pathname.split('/').some((part) => part === '..')) {
      return null;
    }
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) query[name] = [...(query[name] ?? []), value];
    return { path: url.pathname.slice(basePath.length), query };
  }

  private urlFor({ path, query }: UpstreamRequest): URL {
    // The path is logged as is; a query string or fragment in it could carry what must not be logged.
    if (!path.startsWith('/') || /[?#]/.test(path)) {
      throw new Error(`Upstream path must start with '/' and carry no query string or fragment.`);
    }
    const url = new URL(this.baseUrl + path);
    url.search = queryString(query);
    return url;
  }

  /**
   * One authorised round trip, whatever its status, when the scheduler gives it a turn. The caller
   * waits `timeoutMs` for the answer; the turn is held until the socket settles (at most `holdMs`),
   * since the upstream counts a call it is still serving, whether or not anyone waits for it.
   */
  private async send<T>(
    request: UpstreamRequest,
    url: URL,
    token: string,
    repeatable: boolean,
    read: AnswerReader<T>,
    scope: RequestScope | undefined,
  ): Promise<Sent<T>> {
    const priority = request.priority ?? CallPriority.INTERACTIVE;
    const answerWithinMs = request.binary?.timeoutMs ?? this.timeoutMs;
    const queued = performance.now();
    const call: CallLabel = { correlationId: randomUUID(), request: scope?.logFields };
    const trace = upstreamCallTrace(this.upstream, request.method, request.path, priority);
    // Only a 2xx has a body to read; the scheduler itself sees the bare exchange (for its 429 pauses).
    let body: ReadBody<T> | undefined;
    // With tracing on, the job and the timeout's error run in the caller's async context, so that
    // their spans are the request's children, not those of the call or timer that freed the turn. One
    // resource for both: the static AsyncResource.bind builds a resource and two wrappers per function.
    const callerContext = trace === undefined ? undefined : new AsyncResource('OneAtlasCall');
    const inCallerContext = <R>(work: () => R): R =>
      callerContext === undefined ? work() : callerContext.runInAsyncScope(work);
    const job = () =>
      inCallerContext(async () => {
        recordSchedulerWait(this.upstream, priority, (performance.now() - queued) / 1000);
        trace?.turnTaken();
        const dispatched = await this.dispatch(request, url, token, read, call, trace);
        body = dispatched.body;
        return dispatched.answer;
      });
    let answer: Exchange;
    try {
      answer = await this.scheduler.run(job, {
        priority,
        answerWithin: {
          ms: answerWithinMs,
          error: () =>
            inCallerContext(() => {
              const error = upstreamTimeoutError(this.upstream, answerWithinMs).withCorrelationId(
                call.correlationId,
              );
              this.logFailure(request, error, call, answerWithinMs);
              return error;
            }),
        },
        abandonable: repeatable,
        scope,
      });
    } catch (error) {
      trace?.end(error instanceof GatewayError ? error.code : 'ERROR');
      throw error;
    }
    trace?.end();
    return { answer, body, call };
  }

  private async dispatch<T>(
    request: UpstreamRequest,
    url: URL,
    token: string,
    read: AnswerReader<T>,
    call: CallLabel,
    trace: UpstreamCallTrace | undefined,
  ): Promise<{ answer: Exchange; body: ReadBody<T> | undefined }> {
    // Admitted first: a circuit that opened while the call waited for its turn stops it before the
    // journal is told it left. A journal that cannot record the send then stops it, holding no probe.
    const probe = this.breaker.admit(this.upstream);
    try {
      await request.onDispatch?.();
    } catch (error) {
      this.breaker.withdraw(probe);
      throw error;
    }
    const started = performance.now();
    const headers: Record<string, string> = {
      Accept: request.binary === undefined ? 'application/json' : '*/*',
      Authorization: `Bearer ${token}`,
      'X-Ads-Correlation-Id': call.correlationId,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    trace?.sending(headers, url, call.correlationId);
    let answer: Exchange;
    try {
      answer = await exchange({
        upstream: this.upstream,
        url,
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        timeoutMs: request.binary?.timeoutMs ?? this.holdMs,
        binary: request.binary,
      });
    } catch (error) {
      this.breaker.record(isOutage(error));
      const durationMs = elapsedMs(started);
      const status = error instanceof UpstreamError ? error.code : 'NETWORK_ERROR';
      recordUpstreamCall(this.upstream, request.method, request.path, status, durationMs / 1000);
      trace?.failed(status);
      if (!(error instanceof UpstreamError)) throw error;
      const labelled = error.withCorrelationId(call.correlationId);
      this.logFailure(request, labelled, call, durationMs);
      throw labelled;
    }
    const body =
      answer.status >= 200 && answer.status < 300 ? this.readBody(request, answer, read) : undefined;
    this.breaker.record(
      body === undefined
        ? answer.status >= 500 &&
            isOutage(this.readFailure(this.upstream, answer.status, answer.bodyText, null))
        : 'failure' in body && isOutage(body.failure),
    );
    const durationMs = elapsedMs(started);
    recordUpstreamCall(this.upstream, request.method, request.path, answer.status, durationMs / 1000);
    trace?.answered(answer.status);
    // Guarded: the line's fields would be gathered for every call even when debug is off.
    if (this.logger.isLevelEnabled('debug'))
      this.logger.debug(
        {
          upstream: this.upstream,
          method: request.method,
          path: request.path,
          status: answer.status,
          durationMs,
          ...call.request,
          correlationId: call.correlationId,
        },
        'OneAtlas call',
      );
    return { answer, body };
  }

  private logFailure(
    request: UpstreamRequest,
    error: UpstreamError,
    call: CallLabel,
    durationMs?: number,
  ): void {
    this.logger.warn(
      {
        ...call.request,
        upstream: this.upstream,
        correlationId: call.correlationId,
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
