import { ErrorCode } from '../../errors.js';
import type { BreakerState } from '../../observability/metrics.js';
import { UpstreamError, type UpstreamName } from '../upstream-errors.js';

export interface CircuitBreakerOptions {
  /** Consecutive outages (5xx, timeouts, connection errors) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call may test the host again. */
  cooldownMs: number;
  now?: () => number;
}

/** Raised instead of calling a host whose circuit is open: nothing was sent, so it is never retried. */
export class CircuitOpenError extends UpstreamError {
  constructor(upstream: UpstreamName, retryAfterSeconds: number) {
    super(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `OneAtlas has been failing; the gateway pauses its calls there and tries again in ${retryAfterSeconds} s.`,
      { upstream, retryAfterSeconds },
    );
    this.name = 'CircuitOpenError';
  }
}

/**
 * One upstream host's circuit breaker. Closed: calls go through and consecutive outages are counted.
 * Open: calls fail at once with CircuitOpenError, so an outage costs callers nothing and the host is
 * not hammered while it recovers. After the cooldown one probe goes through (half-open); its success
 * closes the circuit, its failure opens it again. State changes are computed when a call asks, so an
 * idle breaker holds no timer.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private consecutiveFailures = 0;
  private openUntil = 0;
  private probeInFlight = false;

  constructor({ failureThreshold, cooldownMs, now = Date.now }: CircuitBreakerOptions) {
    this.failureThreshold = failureThreshold;
    this.cooldownMs = cooldownMs;
    this.now = now;
  }

  /** Throws CircuitOpenError when a call could not go out now; changes nothing. */
  check(upstream: UpstreamName): void {
    if (this.consecutiveFailures < this.failureThreshold) return;
    const now = this.now();
    if (now < this.openUntil || this.probeInFlight) {
      throw new CircuitOpenError(upstream, Math.max(1, Math.ceil((this.openUntil - now) / 1000)));
    }
  }

  /**
   * As `check`, at the moment a call leaves; after the cooldown the call that passes is the one probe.
   * Answers whether it is. An admitted call must end with `record`, or with `withdraw` when it did not
   * leave after all.
   */
  admit(upstream: UpstreamName): boolean {
    this.check(upstream);
    const probe = this.consecutiveFailures >= this.failureThreshold;
    if (probe) this.probeInFlight = true;
    return probe;
  }

  /**
   * An admitted call that did not leave (its departure could not be journaled): it tells nothing of
   * the host, so it counts neither way, and a probe it held is free for the next call.
   */
  withdraw(probe: boolean): void {
    if (probe) this.probeInFlight = false;
  }

  /** Where the circuit stands now (metrics): half open while a probe may go, or is on its way. */
  state(): BreakerState {
    if (this.consecutiveFailures < this.failureThreshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half_open';
  }

  /** The outcome of an admitted call: `outage` for 5xx, timeouts and connection failures only. */
  record(outage: boolean): void {
    this.probeInFlight = false;
    if (!outage) {
      this.consecutiveFailures = 0;
      return;
    }
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.failureThreshold) this.openUntil = this.now() + this.cooldownMs;
  }
}

/** One breaker per upstream host, shared by every client that calls that host. */
export class CircuitBreakers {
  private readonly byHost = new Map<string, CircuitBreaker>();

  constructor(private readonly options: CircuitBreakerOptions) {}

  forUrl(url: string): CircuitBreaker {
    const host = new URL(url).host;
    let breaker = this.byHost.get(host);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(this.options);
      this.byHost.set(host, breaker);
    }
    return breaker;
  }
}
