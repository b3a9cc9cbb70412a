import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { SchedulerSnapshot } from '../../observability/metrics.js';
import { UpstreamError, type UpstreamName } from '../upstream-errors.js';
import { type GateAnswer, LocalRateGate, type RateGate, type Turn } from './rate-gate.js';
import type { RequestScope } from './request-scope.js';

/**
 * Who waits on a call, most urgent first: placing orders and accepting/refusing acquisitions (money
 * and deadlines), then what a user is looking at, then what nobody waits for (reconciliation sweeps).
 */
export const CallPriority = {
  CRITICAL: 0,
  INTERACTIVE: 1,
  BACKGROUND: 2,
} as const;
export type CallPriority = (typeof CallPriority)[keyof typeof CallPriority];

const PRIORITY_COUNT = 3;

/** A call that keeps meeting 429s is handed back after this many pauses rather than held forever. */
const MAX_PAUSES_PER_CALL = 3;

/** How often a pause the shared gate could not record is offered to it again. */
const PAUSE_SHARE_RETRY_MS = 1_000;

/** The documented ban of the order API; a longer Retry-After is capped to it (and logged as an error). */
export const DEFAULT_MAX_PAUSE_MS = 600_000;

/** Whose turn a call takes when no request scope names a caller (background work). */
const BACKGROUND_CALLER = '(background)';

export interface RateSchedulerOptions<R> {
  upstream: UpstreamName;
  /** Calls per second, counted where the upstream receives them; also what queue waits are estimated from. */
  maxRps: number;
  /**
   * Where turns are taken: the credential's budget for this API. Default: this process's own lanes
   * (`concurrency` of them).
   */
  gate?: RateGate;
  /** Calls in flight at once for the default gate; 1 for the order API, which asks for one at a time. */
  concurrency?: number;
  /** Waiting calls beyond which new ones are refused with UPSTREAM_BUSY. */
  maxQueue: number;
  /** Default time a call may wait for its turn. */
  maxWaitMs: number;
  /** Longest pause a Retry-After may impose; longer ones are capped and logged as errors. */
  maxPauseMs?: number;
  /** How long the upstream wants every call paused after this result (its 429), else undefined. */
  pauseAfter: (result: R) => number | undefined;
  logger?: Logger;
  now?: () => number;
}

export interface ScheduleOptions {
  priority: CallPriority;
  /** Overrides the scheduler's default wait. */
  maxWaitMs?: number;
  /**
   * The caller stops waiting this long after the call left, with `error()`; the call keeps its turn
   * (lane, "one at a time", pacing) until the job itself settles, which the job must bound.
   */
  answerWithin?: { ms: number; error: () => Error };
  /**
   * The request's end may stop the wait for this call in flight (reads): only calls whose answer
   * nobody must learn. The turn is still held until the job settles.
   */
  abandonable?: boolean;
  /** The request the call is for (none for background work); ignored for a BACKGROUND call. */
  scope?: RequestScope;
}

interface Waiter<R> {
  job: () => Promise<R>;
  priority: CallPriority;
  callerKey: string;
  deadline: number;
  pauses: number;
  options: ScheduleOptions;
  settled: boolean;
  inFlight: boolean;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
  detach: () => void;
}

/** What an operator sees of a scheduler: its pause after a 429, and its queue. */
export interface UpstreamPauseStatus {
  upstream: UpstreamName;
  /** Milliseconds left; 0 when calls are not paused. */
  pausedForMs: number;
  /**
   * Whether this is the pause every replica sees: false when the gate has not recorded this process's
   * pause, or could not be read, so that this process's own view is shown.
   */
  shared: boolean;
  /** Calls of this process waiting for their turn. */
  waitingCalls: number;
  /** Calls of this process sent and not yet answered (or not yet past the hold bound). */
  callsInFlight: number;
}

/**
 * Paces the calls of one credential to one upstream API through its rate gate: most urgent first,
 * round-robin between callers within a priority (one caller's backlog waits behind its own calls,
 * not in front of everyone's), with a bounded queue and a deadline per call.
 *
 * A call counts against the budget from the moment it leaves until its job settles: a caller that
 * stopped waiting (its timeout, its request's end) does not give the turn back early, because the
 * upstream is still serving the call. The job must therefore be bounded (the client aborts the socket
 * at its hold bound).
 *
 * It is event-driven: a call that finds a turn and nobody waiting starts synchronously with the
 * in-process gate; a timer exists only while calls wait. A 429 pauses every call of the credential
 * for the upstream's Retry-After (capped) and puts the refused call back at the head of the queue;
 * callers whose deadline would pass during the pause are told at once with a retry hint.
 */
export class RateScheduler<R> {
  private readonly upstream: UpstreamName;
  /** The calls per second this scheduler paces to. */
  readonly maxRps: number;
  private readonly intervalMs: number;
  private readonly gate: RateGate;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;
  private readonly maxPauseMs: number;
  private readonly pauseAfter: (result: R) => number | undefined;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;

  /** Per priority, each caller's waiting calls; Map order is the round-robin order of callers. */
  private readonly levels: Map<string, Waiter<R>[]>[] = Array.from(
    { length: PRIORITY_COUNT },
    () => new Map(),
  );
  private queued = 0;
  private inFlight = 0;
  /** What this process knows of the gate's pause, for admission and for telling callers early. */
  private pausedUntil = 0;
  /**
   * A 429's pause the gate has not recorded (Redis did not answer then): this process enforces it
   * itself, and offers it to the gate again, until the gate holds it or it is over. Only then: a pause
   * the gate holds is the gate's to end (another replica or an operator may end it), so the pause
   * known here is otherwise not enforced.
   */
  private unsharedPauseUntil = 0;
  private sharingPause = false;
  private pauseShareRetry: NodeJS.Timeout | undefined;
  private asking = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(options: RateSchedulerOptions<R>) {
    this.upstream = options.upstream;
    this.maxRps = options.maxRps;
    this.intervalMs = 1000 / options.maxRps;
    this.maxQueue = options.maxQueue;
    this.maxWaitMs = options.maxWaitMs;
    this.maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS;
    this.pauseAfter = options.pauseAfter;
    this.logger = options.logger;
    // Sub-millisecond: with a high rate, a millisecond clock would hold a call back until the next tick.
    this.now = options.now ?? (() => performance.now());
    this.gate =
      options.gate ??
      new LocalRateGate({ maxRps: options.maxRps, concurrency: options.concurrency ?? 1, now: this.now });
  }

  /**
   * Runs `job` when its turn comes; rejects with UPSTREAM_BUSY or UPSTREAM_RATE_LIMITED if it cannot
   * come in time, UPSTREAM_CALL_BUDGET_EXCEEDED past the request's budget, the request's end reason
   * when it ends first, and STORE_UNAVAILABLE when a shared gate does not answer.
   */
  run(job: () => Promise<R>, options: ScheduleOptions): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      // Background calls (reconciliation, refreshes of stale answers) are nobody's request: a request
      // that started one neither pays for it nor cancels it when it ends.
      const scope = options.priority === CallPriority.BACKGROUND ? undefined : options.scope;
      if (scope?.ended) {
        reject(scope.endReason);
        return;
      }
      try {
        scope?.spendUpstreamCall();
      } catch (error) {
        reject(error);
        return;
      }
      const now = this.now();
      const scopeLeftMs = scope === undefined ? Number.POSITIVE_INFINITY : scope.deadline - Date.now();
      const waiter: Waiter<R> = {
        job,
        priority: options.priority,
        callerKey: scope?.callerKey ?? BACKGROUND_CALLER,
        deadline: now + Math.min(options.maxWaitMs ?? this.maxWaitMs, scopeLeftMs),
        pauses: 0,
        options,
        settled: false,
        inFlight: false,
        resolve,
        reject,
        timer: undefined,
        detach: () => undefined,
      };
      if (scope !== undefined) waiter.detach = scope.onEnd((reason) => this.requestEnded(waiter, reason));
      this.admit(waiter, now);
    });
  }

  /**
   * What an operator sees of the pause after a 429 (shared by every replica with a shared gate). A
   * gate that cannot answer (Redis away: the very time a pause stays this process's own) leaves this
   * process's own view, said to be unshared, rather than no answer.
   */
  async pauseStatus(): Promise<UpstreamPauseStatus> {
    let sharedMs: number | null;
    try {
      sharedMs = await this.gate.pausedForMs();
    } catch (error) {
      this.logger?.warn({ upstream: this.upstream, err: error }, 'the shared pause could not be read');
      sharedMs = null;
    }
    const now = this.now();
    const unsharedMs = Math.max(0, this.unsharedPauseUntil - now);
    const pausedForMs = Math.max(sharedMs ?? 0, unsharedMs);
    if (sharedMs !== null) this.pausedUntil = now + pausedForMs;
    return {
      upstream: this.upstream,
      pausedForMs,
      shared: sharedMs !== null && unsharedMs === 0,
      waitingCalls: this.queued,
      callsInFlight: this.inFlight,
    };
  }

  /** This process's view of the queue and pause, read synchronously (metrics at scrape time). */
  snapshot(): SchedulerSnapshot {
    return {
      waitingByPriority: this.levels.map((_, priority) => this.waitingAt(priority as CallPriority)),
      inFlight: this.inFlight,
      pausedForMs: Math.max(0, this.pausedUntil - this.now()),
    };
  }

  /** An operator ends the pause: calls resume now. Logged, since it overrides the upstream's wish. */
  async clearPause(): Promise<void> {
    const leftMs = Math.max(0, this.pausedUntil - this.now());
    // Forgotten before the gate is told, so that no retry records the pause again after the clear.
    this.unsharedPauseUntil = 0;
    clearTimeout(this.pauseShareRetry);
    await this.gate.clearPause();
    this.pausedUntil = 0;
    this.logger?.warn({ upstream: this.upstream, leftMs }, 'OneAtlas pause cleared by an operator');
    this.pump();
  }

  /** Queues a waiter, or refuses it at once when it could not start before its deadline. */
  private admit(waiter: Waiter<R>, now: number): void {
    // A pause the gate holds is not checked here: another replica or an operator may have ended it.
    // The gate is asked, and its answer tells the callers that a pause would outlast (notePause).
    // One the gate does not hold yet is this process's to tell.
    if (this.unsharedPauseUntil > waiter.deadline) {
      this.settle(waiter, { error: this.rateLimitedError(now) });
      return;
    }
    const expectedStart = this.expectedStart(waiter, now);
    if (expectedStart > waiter.deadline) {
      this.settle(waiter, {
        error: this.busyError('This call would wait too long for its turn at OneAtlas', expectedStart - now),
      });
      return;
    }
    if (this.queued >= this.maxQueue) {
      const victim = this.leastUrgentBelow(waiter.priority) ?? this.fairVictim(waiter);
      if (victim === undefined) {
        this.settle(waiter, {
          error: this.busyError('Too many calls are waiting for OneAtlas', expectedStart - now),
        });
        return;
      }
      this.remove(victim);
      this.settle(victim, {
        error: this.busyError(
          'A more urgent or less served call took the place of this one in the queue towards OneAtlas',
          expectedStart - now,
        ),
      });
    }
    this.enqueue(waiter, 'back');
    this.pump();
    // Armed only for a call still waiting: most calls find a turn in the pump above, synchronously
    // with the in-process gate, and a timer armed and cleared for each of them cost more than the pump.
    if (!waiter.inFlight && !waiter.settled) this.armDeadline(waiter, now);
  }

  private enqueue(waiter: Waiter<R>, end: 'front' | 'back'): void {
    const level = this.level(waiter.priority);
    const calls = level.get(waiter.callerKey) ?? [];
    if (end === 'front') {
      calls.unshift(waiter);
      // The refused caller goes first again: rebuild the round-robin order with it at the head.
      const others = [...level].filter(([key]) => key !== waiter.callerKey);
      level.clear();
      level.set(waiter.callerKey, calls);
      for (const [key, list] of others) level.set(key, list);
    } else {
      calls.push(waiter);
      if (!level.has(waiter.callerKey)) level.set(waiter.callerKey, calls);
    }
    this.queued += 1;
  }

  /** Refuses the waiting call when its deadline passes before its turn comes. */
  private armDeadline(waiter: Waiter<R>, now: number): void {
    waiter.timer = setTimeout(
      () => {
        this.remove(waiter);
        this.settle(waiter, {
          error: this.busyError('This call did not get its turn at OneAtlas in time', this.drainMs()),
        });
      },
      Math.max(0, waiter.deadline - now),
    );
  }

  private remove(waiter: Waiter<R>): boolean {
    const level = this.level(waiter.priority);
    const calls = level.get(waiter.callerKey);
    const index = calls?.indexOf(waiter) ?? -1;
    if (calls === undefined || index === -1) return false;
    calls.splice(index, 1);
    if (calls.length === 0) level.delete(waiter.callerKey);
    this.queued -= 1;
    clearTimeout(waiter.timer);
    return true;
  }

  /** The request ended: its queued call is dropped unsent; a read in flight is no longer waited for. */
  private requestEnded(waiter: Waiter<R>, reason: unknown): void {
    if (this.remove(waiter) || (waiter.inFlight && waiter.options.abandonable)) {
      this.settle(waiter, { error: reason });
    }
  }

  private pump(): void {
    // During a pause the gate does not hold, it would give turns: the pause's end or its recording pumps.
    if (this.asking || this.queued === 0 || this.unsharedPauseUntil > 0) return;
    const head = this.mostUrgent();
    if (head === undefined) return;
    let answer: GateAnswer | Promise<GateAnswer>;
    try {
      answer = this.gate.acquire(head.priority, this.waitingAt(head.priority) > 1);
    } catch (error) {
      this.gateFailed(error);
      return;
    }
    if (!(answer instanceof Promise)) {
      this.onGateAnswer(answer);
      return;
    }
    this.asking = true;
    answer.then(
      (settledAnswer) => {
        this.asking = false;
        this.onGateAnswer(settledAnswer);
      },
      (error: unknown) => {
        this.asking = false;
        this.gateFailed(error);
      },
    );
  }

  private onGateAnswer(answer: GateAnswer): void {
    const now = this.now();
    if ('turn' in answer) {
      // A 429 came while the gate was asked, and the gate may not hold its pause yet.
      if (this.unsharedPauseUntil > 0) {
        answer.turn.release();
        return;
      }
      this.pausedUntil = 0;
      // The head may have left while a shared gate was asked: the turn goes to whoever is first now.
      const waiter = this.mostUrgent();
      if (waiter === undefined) {
        answer.turn.release();
        return;
      }
      this.removeHead(waiter);
      this.start(waiter, answer.turn);
      this.pump();
      return;
    }
    if (answer.paused) this.notePause(now + answer.waitMs, now);
    if (Number.isFinite(answer.waitMs)) this.wakeUpAt(now + Math.max(1, answer.waitMs), now);
  }

  /** A shared gate that cannot be asked refuses every waiting call: never a private budget instead. */
  private gateFailed(error: unknown): void {
    this.logger?.error(
      { upstream: this.upstream, err: error, waiting: this.queued },
      'the shared rate budget did not answer: refusing the waiting OneAtlas calls',
    );
    const refusal = new GatewayError(
      ErrorCode.STORE_UNAVAILABLE,
      'The shared rate budget towards OneAtlas cannot be reached; nothing was sent. Retry shortly.',
      { retryAfterSeconds: 1 },
    );
    for (const level of this.levels) {
      for (const calls of [...level.values()]) {
        for (const waiter of [...calls]) {
          this.remove(waiter);
          this.settle(waiter, { error: refusal });
        }
      }
    }
  }

  private start(waiter: Waiter<R>, turn: Turn): void {
    waiter.inFlight = true;
    this.inFlight += 1;
    let call: Promise<R>;
    try {
      call = waiter.job();
    } catch (error) {
      call = Promise.reject(error);
    }
    const { answerWithin } = waiter.options;
    const answerTimer =
      answerWithin === undefined
        ? undefined
        : setTimeout(() => this.settle(waiter, { error: answerWithin.error() }), answerWithin.ms);
    call.then(
      (result) => {
        this.finished(waiter, turn, answerTimer);
        const pauseMs = this.pauseAfter(result);
        if (pauseMs === undefined) this.settle(waiter, { result });
        else this.pauseFor(pauseMs, waiter, result);
        this.pump();
      },
      (error: unknown) => {
        this.finished(waiter, turn, answerTimer);
        this.settle(waiter, { error });
        this.pump();
      },
    );
  }

  /** The job settled: only now is the upstream done with the call, so only now is the turn given back. */
  private finished(waiter: Waiter<R>, turn: Turn, answerTimer: NodeJS.Timeout | undefined): void {
    clearTimeout(answerTimer);
    waiter.inFlight = false;
    this.inFlight -= 1;
    turn.release();
  }

  private settle(waiter: Waiter<R>, outcome: { result: R } | { error: unknown }): void {
    if (waiter.settled) return;
    waiter.settled = true;
    clearTimeout(waiter.timer);
    waiter.detach();
    if ('result' in outcome) waiter.resolve(outcome.result);
    else waiter.reject(outcome.error);
  }

  /** The upstream said 429: nobody calls it until the pause ends; the refused call goes first after it. */
  private pauseFor(askedMs: number, refused: Waiter<R>, result: R): void {
    const now = this.now();
    let pauseMs = askedMs;
    if (askedMs > this.maxPauseMs) {
      this.logger?.error(
        { upstream: this.upstream, askedMs, cappedMs: this.maxPauseMs },
        'OneAtlas asked for a pause longer than the documented ban: capped; an operator may clear it (clearUpstreamPause)',
      );
      pauseMs = this.maxPauseMs;
    }
    // Recorded now, before the next turn is asked for, so a shared gate holds the pause first.
    this.unsharedPauseUntil = Math.max(this.unsharedPauseUntil, now + pauseMs);
    this.sharePause(false);
    this.notePause(now + Math.max(pauseMs, this.intervalMs), now);
    this.logger?.warn(
      // The line of the request whose call was refused, as its client's error is.
      {
        ...refused.options.scope?.logFields,
        upstream: this.upstream,
        pauseMs: this.pausedUntil - now,
        waiting: this.queued,
      },
      'OneAtlas rate limit hit: pausing every call of this credential',
    );
    refused.pauses += 1;
    if (refused.settled) return;
    if (refused.pauses > MAX_PAUSES_PER_CALL || refused.deadline < this.pausedUntil) {
      // The caller turns the 429 itself into UPSTREAM_RATE_LIMITED.
      this.settle(refused, { result });
      return;
    }
    this.enqueue(refused, 'front');
    this.armDeadline(refused, now);
  }

  /**
   * Offers the pause known here to the gate until the gate holds it or it is over; meanwhile nothing
   * is sent (pump). Retried every second: other replicas learn of the pause only from the gate.
   */
  private sharePause(retrying: boolean): void {
    clearTimeout(this.pauseShareRetry);
    if (this.sharingPause) return;
    const until = this.unsharedPauseUntil;
    const leftMs = until - this.now();
    if (leftMs <= 0) {
      this.unsharedPauseUntil = 0;
      // Over before the gate held it: the calls it held back go now.
      if (retrying) this.pump();
      return;
    }
    let recorded: void | Promise<void>;
    try {
      recorded = this.gate.pause(leftMs);
    } catch (error) {
      recorded = Promise.reject(error);
    }
    if (!(recorded instanceof Promise)) {
      this.pauseShared(until, retrying);
      return;
    }
    this.sharingPause = true;
    recorded.then(
      () => {
        this.sharingPause = false;
        this.pauseShared(until, retrying);
        this.pump();
      },
      (error: unknown) => {
        this.sharingPause = false;
        // An operator cleared the pause meanwhile: nothing is left to record.
        if (this.unsharedPauseUntil === 0) {
          this.pump();
          return;
        }
        if (!retrying)
          this.logger?.error(
            { upstream: this.upstream, err: error, pausedForMs: leftMs },
            'could not share the OneAtlas pause: this replica sends nothing until it ends, and offers it again every second',
          );
        this.pauseShareRetry = setTimeout(
          () => this.sharePause(true),
          Math.min(PAUSE_SHARE_RETRY_MS, leftMs),
        );
      },
    );
  }

  /** The gate holds the pause up to `until`: offers it again if a later 429 extended it meanwhile. */
  private pauseShared(until: number, retrying: boolean): void {
    if (retrying) this.logger?.warn({ upstream: this.upstream }, 'the OneAtlas pause is shared at last');
    if (this.unsharedPauseUntil === until) this.unsharedPauseUntil = 0;
    else if (this.unsharedPauseUntil > 0) this.sharePause(retrying);
  }

  /** Callers that would still be waiting when their deadline passes learn it now, with a retry hint. */
  private notePause(until: number, now: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    for (const level of this.levels) {
      for (const calls of [...level.values()]) {
        for (const waiter of [...calls]) {
          if (waiter.deadline < this.pausedUntil) {
            this.remove(waiter);
            this.settle(waiter, { error: this.rateLimitedError(now) });
          }
        }
      }
    }
    this.wakeUpAt(this.pausedUntil, now);
  }

  private wakeUpAt(at: number, now: number): void {
    if (this.wakeTimer !== undefined && this.wakeAt <= at) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - now),
    );
  }

  private level(priority: CallPriority): Map<string, Waiter<R>[]> {
    const level = this.levels[priority];
    if (level === undefined) throw new Error(`Unknown call priority ${priority}`);
    return level;
  }

  private waitingAt(priority: CallPriority): number {
    let count = 0;
    for (const calls of this.level(priority).values()) count += calls.length;
    return count;
  }

  /** The first call of the first caller of the most urgent non-empty priority. */
  private mostUrgent(): Waiter<R> | undefined {
    for (const level of this.levels) {
      for (const calls of level.values()) {
        if (calls[0] !== undefined) return calls[0];
      }
    }
    return undefined;
  }

  /** Takes the head call and sends its caller to the back of the round-robin. */
  private removeHead(waiter: Waiter<R>): void {
    this.remove(waiter);
    const level = this.level(waiter.priority);
    const rest = level.get(waiter.callerKey);
    if (rest === undefined) return;
    level.delete(waiter.callerKey);
    level.set(waiter.callerKey, rest);
  }

  /** The newest waiter of the least urgent class below `priority`, from its longest backlog. */
  private leastUrgentBelow(priority: CallPriority): Waiter<R> | undefined {
    for (let level = PRIORITY_COUNT - 1; level > priority; level -= 1) {
      const victim = this.newestOfLongestBacklog(this.level(level as CallPriority));
      if (victim !== undefined) return victim;
    }
    return undefined;
  }

  /** In a full queue, a newcomer displaces the newest call of a caller that has clearly more waiting. */
  private fairVictim(newcomer: Waiter<R>): Waiter<R> | undefined {
    const level = this.level(newcomer.priority);
    const victim = this.newestOfLongestBacklog(level);
    if (victim === undefined || victim.callerKey === newcomer.callerKey) return undefined;
    const own = level.get(newcomer.callerKey)?.length ?? 0;
    return (level.get(victim.callerKey)?.length ?? 0) > own + 1 ? victim : undefined;
  }

  private newestOfLongestBacklog(level: Map<string, Waiter<R>[]>): Waiter<R> | undefined {
    let longest: Waiter<R>[] | undefined;
    for (const calls of level.values()) {
      if (calls.length > (longest?.length ?? 0)) longest = calls;
    }
    return longest?.[longest.length - 1];
  }

  /**
   * When a new call could expect to start: after the calls in flight and everyone ahead of
   * it: all more urgent calls, and within its priority at most one more call per caller than its own
   * caller has waiting (round-robin).
   */
  private expectedStart(waiter: Waiter<R>, now: number): number {
    let ahead = this.inFlight;
    for (let level = 0; level < waiter.priority; level += 1) {
      ahead += this.waitingAt(level as CallPriority);
    }
    const sameLevel = this.level(waiter.priority);
    const own = sameLevel.get(waiter.callerKey)?.length ?? 0;
    for (const [key, calls] of sameLevel) {
      ahead += key === waiter.callerKey ? own : Math.min(calls.length, own + 1);
    }
    // Without the pause known here: it may be over elsewhere; the gate says so when asked.
    return now + ahead * this.intervalMs;
  }

  private drainMs(): number {
    return Math.max(0, this.pausedUntil - this.now()) + this.queued * this.intervalMs;
  }

  private busyError(why: string, waitMs: number): GatewayError {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new GatewayError(
      ErrorCode.UPSTREAM_BUSY,
      `${why}, which takes only a few calls per second; nothing was sent. Retry in ${retryAfterSeconds} s.`,
      { retryAfterSeconds },
    );
  }

  private rateLimitedError(now: number): UpstreamError {
    const retryAfterSeconds = Math.max(1, Math.ceil((this.pausedUntil - now) / 1000));
    return new UpstreamError(
      ErrorCode.UPSTREAM_RATE_LIMITED,
      `OneAtlas is rate limiting the gateway; nothing was sent. Retry in ${retryAfterSeconds} s.`,
      { upstream: this.upstream, retryAfterSeconds },
    );
  }
}
