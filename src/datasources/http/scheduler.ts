import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { UpstreamError, type UpstreamName } from '../upstream-errors.js';

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

export interface RateSchedulerOptions<R> {
  upstream: UpstreamName;
  /** Calls per second, counted where the upstream receives them. */
  maxRps: number;
  /** Calls in flight at once; 1 for the order API, which asks for one request at a time. */
  concurrency: number;
  /** Waiting calls beyond which new ones are refused with UPSTREAM_BUSY. */
  maxQueue: number;
  /** Default time a call may wait for its turn. */
  maxWaitMs: number;
  /** How long the upstream wants every call paused after this result (its 429), else undefined. */
  pauseAfter: (result: R) => number | undefined;
  logger?: Logger;
  now?: () => number;
}

export interface ScheduleOptions {
  priority: CallPriority;
  /** Overrides the scheduler's default wait. */
  maxWaitMs?: number;
}

interface Waiter<R> {
  job: () => Promise<R>;
  priority: CallPriority;
  deadline: number;
  pauses: number;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Paces the calls of one API key to one upstream API: at most `concurrency` in flight and at most
 * `maxRps` per second, most urgent first, with a bounded queue and a deadline per call.
 *
 * Pacing is by lanes: a lane that finished a call may start the next one `concurrency / maxRps`
 * seconds after the answer came back. Counting from the answer rather than from the send keeps the
 * pace at the upstream whatever the network latency (a call is surely received by the time it is
 * answered), which is what a ban is measured on.
 *
 * It is event-driven: a call that finds a free lane and nobody waiting starts synchronously; a timer
 * exists only while calls wait. A 429 pauses every call of the key for the upstream's Retry-After
 * and puts the refused call back at the head of the queue; nothing is lost unless a caller's deadline
 * would pass during the pause, and such callers are told at once with a retry hint.
 */
export class RateScheduler<R> {
  private readonly upstream: UpstreamName;
  private readonly spacingMs: number;
  private readonly intervalMs: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;
  private readonly pauseAfter: (result: R) => number | undefined;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;

  private readonly laneBusy: boolean[];
  private readonly laneFreeAt: number[];
  private readonly queues: Waiter<R>[][] = Array.from({ length: PRIORITY_COUNT }, () => []);
  private queued = 0;
  private pausedUntil = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(options: RateSchedulerOptions<R>) {
    this.upstream = options.upstream;
    this.intervalMs = 1000 / options.maxRps;
    this.spacingMs = this.intervalMs * options.concurrency;
    this.maxQueue = options.maxQueue;
    this.maxWaitMs = options.maxWaitMs;
    this.pauseAfter = options.pauseAfter;
    this.logger = options.logger;
    // Sub-millisecond: with a high rate, a millisecond clock would hold a call back until the next tick.
    this.now = options.now ?? (() => performance.now());
    this.laneBusy = new Array<boolean>(options.concurrency).fill(false);
    this.laneFreeAt = new Array<number>(options.concurrency).fill(0);
  }

  /** Runs `job` when its turn comes; rejects with UPSTREAM_BUSY or UPSTREAM_RATE_LIMITED if it cannot come in time. */
  run(job: () => Promise<R>, { priority, maxWaitMs = this.maxWaitMs }: ScheduleOptions): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const now = this.now();
      const waiter: Waiter<R> = {
        job,
        priority,
        deadline: now + maxWaitMs,
        pauses: 0,
        resolve,
        reject,
        timer: undefined,
      };
      if (this.queued === 0 && now >= this.pausedUntil) {
        const lane = this.freeLane(now);
        if (lane !== -1) {
          this.start(lane, waiter);
          return;
        }
      }
      this.admit(waiter, now);
    });
  }

  /** Queues a waiter, or refuses it at once when it could not start before its deadline. */
  private admit(waiter: Waiter<R>, now: number): void {
    if (this.pausedUntil > waiter.deadline) {
      waiter.reject(this.rateLimitedError(now));
      return;
    }
    const expectedStart = this.expectedStart(waiter.priority, now);
    if (expectedStart > waiter.deadline) {
      waiter.reject(
        this.busyError('This call would wait too long for its turn at OneAtlas', expectedStart - now),
      );
      return;
    }
    if (this.queued >= this.maxQueue) {
      const victim = this.leastUrgentBelow(waiter.priority);
      if (victim === undefined) {
        waiter.reject(this.busyError('Too many calls are waiting for OneAtlas', expectedStart - now));
        return;
      }
      this.remove(victim);
      victim.reject(
        this.busyError(
          'A more urgent call took the place of this one in the queue towards OneAtlas',
          expectedStart - now,
        ),
      );
    }
    this.enqueue(waiter, 'back', now);
    this.pump();
  }

  private enqueue(waiter: Waiter<R>, end: 'front' | 'back', now: number): void {
    const queue = this.queues[waiter.priority] ?? [];
    if (end === 'front') queue.unshift(waiter);
    else queue.push(waiter);
    this.queued += 1;
    waiter.timer = setTimeout(() => {
      this.remove(waiter);
      waiter.reject(this.busyError('This call did not get its turn at OneAtlas in time', this.drainMs()));
    }, waiter.deadline - now);
  }

  private remove(waiter: Waiter<R>): void {
    const queue = this.queues[waiter.priority] ?? [];
    const index = queue.indexOf(waiter);
    if (index === -1) return;
    queue.splice(index, 1);
    this.queued -= 1;
    clearTimeout(waiter.timer);
  }

  private pump(): void {
    while (this.queued > 0) {
      const now = this.now();
      if (now < this.pausedUntil) {
        this.wakeUpAt(this.pausedUntil, now);
        return;
      }
      const lane = this.freeLane(now);
      if (lane === -1) {
        // All lanes busy: the next answer pumps. Otherwise wake when the first idle lane may go.
        const next = this.nextLaneFreeAt();
        if (next !== undefined) this.wakeUpAt(next, now);
        return;
      }
      const waiter = this.mostUrgent();
      if (waiter === undefined) return;
      this.remove(waiter);
      this.start(lane, waiter);
    }
  }

  private start(lane: number, waiter: Waiter<R>): void {
    this.laneBusy[lane] = true;
    let call: Promise<R>;
    try {
      call = waiter.job();
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (result) => {
        this.release(lane);
        const pauseMs = this.pauseAfter(result);
        if (pauseMs === undefined) waiter.resolve(result);
        else this.pauseFor(pauseMs, waiter, result);
        this.pump();
      },
      (error: unknown) => {
        this.release(lane);
        waiter.reject(error);
        this.pump();
      },
    );
  }

  private release(lane: number): void {
    this.laneBusy[lane] = false;
    this.laneFreeAt[lane] = this.now() + this.spacingMs;
  }

  /** The upstream said 429: nobody calls it until the pause ends; the refused call goes first after it. */
  private pauseFor(pauseMs: number, refused: Waiter<R>, result: R): void {
    const now = this.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(pauseMs, this.spacingMs));
    this.logger?.warn(
      { upstream: this.upstream, pauseMs: this.pausedUntil - now, waiting: this.queued },
      'OneAtlas rate limit hit: pausing every call of this API key',
    );
    // Callers that would still be waiting when their deadline passes learn it now, with a retry hint.
    for (const queue of this.queues) {
      for (const waiter of [...queue]) {
        if (waiter.deadline < this.pausedUntil) {
          this.remove(waiter);
          waiter.reject(this.rateLimitedError(now));
        }
      }
    }
    refused.pauses += 1;
    if (refused.pauses > MAX_PAUSES_PER_CALL || refused.deadline < this.pausedUntil) {
      // The caller turns the 429 itself into UPSTREAM_RATE_LIMITED.
      refused.resolve(result);
      return;
    }
    this.enqueue(refused, 'front', now);
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

  private freeLane(now: number): number {
    for (let lane = 0; lane < this.laneBusy.length; lane += 1) {
      if (!this.laneBusy[lane] && (this.laneFreeAt[lane] ?? 0) <= now) return lane;
    }
    return -1;
  }

  private nextLaneFreeAt(): number | undefined {
    let next: number | undefined;
    for (let lane = 0; lane < this.laneBusy.length; lane += 1) {
      const freeAt = this.laneFreeAt[lane] ?? 0;
      if (!this.laneBusy[lane] && (next === undefined || freeAt < next)) next = freeAt;
    }
    return next;
  }

  private mostUrgent(): Waiter<R> | undefined {
    for (const queue of this.queues) {
      const first = queue[0];
      if (first !== undefined) return first;
    }
    return undefined;
  }

  /** The newest waiter of the least urgent class below `priority`: the one that loses least by being refused. */
  private leastUrgentBelow(priority: CallPriority): Waiter<R> | undefined {
    for (let level = PRIORITY_COUNT - 1; level > priority; level -= 1) {
      const queue = this.queues[level] ?? [];
      const last = queue[queue.length - 1];
      if (last !== undefined) return last;
    }
    return undefined;
  }

  /** When a new call of this priority could expect to start: after the pause, a lane, and everyone ahead. */
  private expectedStart(priority: CallPriority, now: number): number {
    let ahead = 0;
    for (let level = 0; level <= priority; level += 1) ahead += this.queues[level]?.length ?? 0;
    const laneAt = this.nextLaneFreeAt() ?? now + this.spacingMs;
    return Math.max(now, this.pausedUntil, laneAt) + ahead * this.intervalMs;
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
