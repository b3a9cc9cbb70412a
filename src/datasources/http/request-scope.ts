import type { SafetyConfig } from '../../config.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** What bounds one client request's use of the upstream (see the README's "Upstream safety"). */
export interface RequestLimits {
  /** Upstream calls (retries and token renewals included) one request may cause; may be Infinity. */
  upstreamCallBudget: number;
  /** From the request's arrival until it must answer; its queued calls are cancelled then. May be Infinity. */
  deadlineMs: number;
}

export interface RequestScopeOptions extends RequestLimits {
  requestId: string;
  /**
   * Whose turn the request's calls take in the scheduler's round-robin: one caller's backlog waits
   * behind its own calls, not in front of everyone else's.
   */
  callerKey: string;
  /** The request's trace (from the Router's `traceparent`, or its own span's), for its log lines. */
  traceId?: string;
  now?: () => number;
}

/** What every log line written on behalf of a request carries. */
export interface RequestLogFields {
  requestId: string;
  traceId?: string;
}

/**
 * One client request as the upstream call layer sees it: who is calling, how many upstream calls it
 * has left, and until when it may wait. It is passed along explicitly (the per-request views of the
 * clients, APIs and services, `forRequest`), never looked up from the async context: on Node 20 an
 * AsyncLocalStorage costs every promise of every request a hook (docs/performance.md).
 *
 * Its end (answered, client gone, deadline passed) is told to `onEnd` listeners: the scheduler then
 * drops its queued calls and stops waiting for its reads in flight. Most requests queue nothing, so
 * the deadline timer and the end's error are created only when a call listens for the end or asks
 * why it came.
 */
export class RequestScope {
  readonly requestId: string;
  /** Built once per request: every line written for the request carries them (`requestLogger`). */
  readonly logFields: Readonly<RequestLogFields>;
  private caller: string;
  /** Epoch milliseconds after which the request answers whatever it has. */
  readonly deadline: number;
  private readonly deadlineMs: number;
  private readonly now: () => number;
  private readonly budget: number;
  private spent = 0;
  private endCause: 'cancelled' | 'deadline' | undefined;
  private reason: GatewayError | undefined;
  private readonly endListeners = new Set<(reason: GatewayError) => void>();
  private deadlineTimer: NodeJS.Timeout | undefined;

  constructor({
    requestId,
    callerKey,
    traceId,
    upstreamCallBudget,
    deadlineMs,
    now = Date.now,
  }: RequestScopeOptions) {
    this.requestId = requestId;
    this.logFields = traceId === undefined ? { requestId } : { requestId, traceId };
    this.caller = callerKey;
    this.budget = upstreamCallBudget;
    this.now = now;
    this.deadlineMs = deadlineMs;
    this.deadline = now() + deadlineMs;
  }

  get callerKey(): string {
    return this.caller;
  }

  /** Once the caller is verified (authentication), its calls take their turns as that caller. */
  identifyCaller(callerKey: string): void {
    this.caller = callerKey;
  }

  /** Whether the request has ended, for any cause (its deadline included, even with no timer armed). */
  get ended(): boolean {
    if (this.endCause === undefined && this.now() >= this.deadline) this.end('deadline');
    return this.endCause !== undefined;
  }

  /** Why the request ended (a GatewayError for its client), or undefined while it runs. */
  get endReason(): GatewayError | undefined {
    if (!this.ended) return undefined;
    this.reason ??=
      this.endCause === 'deadline'
        ? new GatewayError(
            ErrorCode.REQUEST_DEADLINE_EXCEEDED,
            `This request did not finish within its deadline of ${formatSeconds(this.deadlineMs)}; the OneAtlas calls it still had waiting were cancelled and nothing more was sent for it.`,
          )
        : new GatewayError(
            ErrorCode.REQUEST_CANCELLED,
            'The request ended before this OneAtlas call got its turn; nothing was sent for it.',
          );
    return this.reason;
  }

  /** Calls `listener` once when the request ends; the returned function stops listening. */
  onEnd(listener: (reason: GatewayError) => void): () => void {
    this.endListeners.add(listener);
    if (this.deadlineTimer === undefined && this.endCause === undefined && Number.isFinite(this.deadlineMs)) {
      this.deadlineTimer = setTimeout(() => this.end('deadline'), Math.max(0, this.deadline - this.now()));
      this.deadlineTimer.unref();
    }
    return () => this.endListeners.delete(listener);
  }

  /** Counts one upstream call against the budget; throws UPSTREAM_CALL_BUDGET_EXCEEDED past it. */
  spendUpstreamCall(): void {
    if (this.spent >= this.budget) {
      throw new GatewayError(
        ErrorCode.UPSTREAM_CALL_BUDGET_EXCEEDED,
        `This request needs more than ${this.budget} OneAtlas calls, the limit for one request; nothing more was sent for it. Ask for fewer fields or items per request.`,
      );
    }
    this.spent += 1;
  }

  get upstreamCallsSpent(): number {
    return this.spent;
  }

  /** The request has answered or its client went away: nothing still queued for it is worth sending. */
  close(): void {
    this.end('cancelled');
  }

  private end(cause: 'cancelled' | 'deadline'): void {
    if (this.endCause !== undefined) return;
    this.endCause = cause;
    clearTimeout(this.deadlineTimer);
    if (this.endListeners.size === 0) return;
    const reason = this.endReason as GatewayError;
    const listeners = [...this.endListeners];
    this.endListeners.clear();
    for (const listener of listeners) listener(reason);
  }
}

/** The configured limits (REQUEST_UPSTREAM_CALL_BUDGET, REQUEST_DEADLINE_SECONDS). */
export function requestLimitsOf(
  safety: Pick<SafetyConfig, 'requestUpstreamCallBudget' | 'requestDeadlineMs'>,
): RequestLimits {
  return { upstreamCallBudget: safety.requestUpstreamCallBudget, deadlineMs: safety.requestDeadlineMs };
}

/** For servers that set no limits (tests of other features): no budget, no deadline. */
export const UNLIMITED_REQUESTS: RequestLimits = {
  upstreamCallBudget: Number.POSITIVE_INFINITY,
  deadlineMs: Number.POSITIVE_INFINITY,
};

/** `logger` for work done on behalf of `scope`'s request: its lines carry the request's ids. */
export function requestLogger(logger: Logger, scope: RequestScope | undefined): Logger {
  return scope === undefined ? logger : logger.child(scope.logFields);
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
