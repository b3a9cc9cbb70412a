import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { GateAnswer, RateGate, Turn } from './rate-gate.js';

/** Priorities a waiting call may have (CallPriority): CRITICAL 0, INTERACTIVE 1, BACKGROUND 2. */
const PRIORITY_LEVELS = 3;

/** How often a replica asks again while the budget is busy elsewhere (a call in flight, more urgent work). */
const POLL_MS = 50;

/**
 * Takes a turn, or says how long to wait. All times come from Redis' own clock, so replicas with
 * skewed clocks still share one pace.
 *
 * KEYS: 1 in-flight leases (sorted set: lease → expiry), 2 earliest next start, 3 pause end,
 *       4.. waiting demand per priority (sorted set: replica → expiry).
 * ARGV: 1 lease id, 2 priority, 3 lease ms, 4 interval ms, 5 concurrency, 6 replica id,
 *       7 demand lifetime ms, 8 "1" when more calls of this priority wait on the replica, 9 poll ms.
 * Returns {1, 0, 0} for a turn, {0, waitMs, paused} otherwise.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[3]) or '0')
if pause > now then return {0, pause - now, 1} end
local priority = tonumber(ARGV[2])
local demandTtl = tonumber(ARGV[7])
local poll = tonumber(ARGV[9])
local ownDemand = KEYS[4 + priority]
redis.call('ZADD', ownDemand, now + demandTtl, ARGV[6])
redis.call('PEXPIRE', ownDemand, demandTtl * 2)
for level = 0, priority - 1 do
  local demand = KEYS[4 + level]
  redis.call('ZREMRANGEBYSCORE', demand, '-inf', now)
  local others = redis.call('ZCARD', demand)
  if redis.call('ZSCORE', demand, ARGV[6]) then others = others - 1 end
  if others > 0 then return {0, poll, 0} end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then return {0, poll, 0} end
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextStart > now then return {0, nextStart - now, 0} end
local hold = tonumber(ARGV[3])
local interval = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + hold, ARGV[1])
redis.call('PEXPIRE', KEYS[1], hold * 2)
redis.call('SET', KEYS[2], now + interval, 'PX', math.ceil(interval) + 60000)
if ARGV[8] ~= '1' then redis.call('ZREM', ownDemand, ARGV[6]) end
return {1, 0, 0}
`;

/**
 * Gives a turn back: the lease ends and the next start is at least one interval after the answer
 * (pacing counted from the answer, as the in-process lanes do). KEYS: 1 leases, 2 next start.
 * ARGV: 1 lease id, 2 interval ms.
 */
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
local interval = tonumber(ARGV[2])
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if now + interval > nextStart then
  redis.call('SET', KEYS[2], now + interval, 'PX', math.ceil(interval) + 60000)
end
return 1
`;

/**
 * Extends the lease of a call still in flight, taking it again if it lapsed (Redis lost it, or could not
 * be reached for longer than a lease). KEYS: 1 leases. ARGV: 1 lease id, 2 lease ms. Returns 1 when the
 * lease had lapsed.
 */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local expiry = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0')
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
if redis.call('PTTL', KEYS[1]) < lease * 2 then redis.call('PEXPIRE', KEYS[1], lease * 2) end
if expiry <= now then return 1 end
return 0
`;

/** KEYS: 1 pause end. ARGV: 1 pause ms. Extends the pause, never shortens it. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilAt = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > current then redis.call('SET', KEYS[1], untilAt, 'PX', tonumber(ARGV[1])) end
return 1
`;

/** KEYS: 1 pause end. Returns the milliseconds left. */
const PAUSED_FOR = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if pause > now then return pause - now end
return 0
`;

export interface RedisRateGateOptions {
  /** The shared connection (its key prefix applies to every key here). */
  redis: Redis;
  /** The id of the OneAtlas credential, never the key itself: what the upstream counts calls by. */
  credentialId: string;
  api: 'order' | 'search';
  /** At most this many calls start per second, fleet-wide. */
  maxRps: number;
  /** At most this many calls in flight, fleet-wide (1 for the order API). */
  concurrency: number;
  /**
   * The client's hold bound: a replica killed during a call frees its turn this long (plus the margin)
   * after it last renewed the turn's lease, as the upstream may still be serving the call it left.
   */
  holdMs: number;
  /**
   * How much longer than the hold bound a lease lasts (default 5 s). A live replica renews the lease
   * of its call in flight every half margin, so a socket already open when Redis stops answering it
   * closes (at the hold bound) before the lease renewed last ends.
   */
  leaseMarginMs?: number;
  logger?: Logger;
}

/**
 * The rate budget of one credential on one API, shared by every replica through Redis: at most
 * `maxRps` starts per second and `concurrency` calls in flight fleet-wide, one pause after a 429 for
 * all, and priorities across replicas (a replica with only less urgent work waits while another has
 * more urgent work waiting). If Redis does not answer, it refuses (STORE_UNAVAILABLE): a private
 * budget would let N replicas spend N times the account's.
 */
export class RedisRateGate implements RateGate {
  private readonly redis: Redis;
  private readonly keys: { leases: string; nextStart: string; pause: string; demand: string[] };
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly replicaId = randomUUID();
  private readonly logger: Logger | undefined;

  constructor({
    redis,
    credentialId,
    api,
    maxRps,
    concurrency,
    holdMs,
    leaseMarginMs = 5_000,
    logger,
  }: RedisRateGateOptions) {
    this.redis = redis;
    const base = `rate:${credentialId}:${api}:`;
    this.keys = {
      leases: `${base}leases`,
      nextStart: `${base}next-start`,
      pause: `${base}pause`,
      demand: Array.from({ length: PRIORITY_LEVELS }, (_, level) => `${base}demand:${level}`),
    };
    this.intervalMs = 1000 / maxRps;
    this.concurrency = concurrency;
    this.leaseMs = holdMs + leaseMarginMs;
    this.renewEveryMs = Math.max(POLL_MS, leaseMarginMs / 2);
    this.logger = logger;
  }

  async acquire(priority: number, moreWaiting: boolean): Promise<GateAnswer> {
    const leaseId = randomUUID();
    // Waiting demand outlives the longest wait between two asks (an interval, or a poll).
    const demandTtlMs = Math.ceil(Math.max(1_000, 2 * this.intervalMs, 4 * POLL_MS));
    const [granted, waitMs, paused] = (await this.script(
      ACQUIRE,
      [this.keys.leases, this.keys.nextStart, this.keys.pause, ...this.keys.demand],
      [
        leaseId,
        priority,
        this.leaseMs,
        this.intervalMs,
        this.concurrency,
        this.replicaId,
        demandTtlMs,
        moreWaiting ? '1' : '0',
        POLL_MS,
      ],
    )) as [number, number, number];
    if (granted === 1) return { turn: this.turn(leaseId) };
    return { waitMs: Math.max(1, waitMs), paused: paused === 1 };
  }

  async pause(pauseMs: number): Promise<void> {
    await this.script(PAUSE, [this.keys.pause], [Math.max(1, Math.ceil(pauseMs))]);
  }

  async pausedForMs(): Promise<number> {
    return Number(await this.script(PAUSED_FOR, [this.keys.pause], []));
  }

  async clearPause(): Promise<void> {
    await this.guard(() => this.redis.del(this.keys.pause));
  }

  private turn(leaseId: string): Turn {
    let released = false;
    const stopRenewing = this.renewWhileOpen(leaseId);
    return {
      release: () => {
        if (released) return;
        released = true;
        stopRenewing();
        this.script(RELEASE, [this.keys.leases, this.keys.nextStart], [leaseId, this.intervalMs]).catch(() =>
          // The lease expires after the hold bound: the fleet waits longer, it never calls faster.
          this.logger?.warn(
            { store: 'redis', leaseMs: this.leaseMs },
            'could not give a OneAtlas turn back to the shared rate budget; it expires at the hold bound',
          ),
        );
      },
    };
  }

  /**
   * Renews the lease until the turn is given back. A lease counted from the moment the turn was taken
   * would end during a call whose journal write, file transfer or hold outlasts it, while the socket
   * is still open; renewed, it lasts as long as this replica's call, and a replica that dies stops
   * renewing, so its turn still ends one lease later.
   */
  private renewWhileOpen(leaseId: string): () => void {
    let renewing = false;
    let failing = false;
    const renewal = setInterval(() => {
      // One renewal at a time: while Redis is slow or reconnecting, they would only queue up.
      if (renewing) return;
      renewing = true;
      this.script(RENEW, [this.keys.leases], [leaseId, this.leaseMs]).then(
        (lapsed) => {
          renewing = false;
          failing = false;
          if (lapsed === 1)
            this.logger?.error(
              { store: 'redis', leaseMs: this.leaseMs },
              'the shared OneAtlas turn of a call in flight had lapsed (Redis lost it or was out of reach): taken again; another replica may have called meanwhile',
            );
        },
        () => {
          renewing = false;
          if (!failing)
            this.logger?.warn(
              { store: 'redis', leaseMs: this.leaseMs },
              'could not renew the shared OneAtlas turn of a call in flight; it ends one lease after its last renewal unless Redis answers again',
            );
          failing = true;
        },
      );
    }, this.renewEveryMs);
    // A turn that is never given back (its job never settles) must not also keep the process alive.
    renewal.unref();
    return () => clearInterval(renewal);
  }

  private script(source: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.guard(() => this.redis.eval(source, keys.length, ...keys, ...args));
  }

  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new GatewayError(
        ErrorCode.STORE_UNAVAILABLE,
        'The shared rate budget towards OneAtlas (Redis) does not answer; nothing was sent. Retry shortly.',
        { retryAfterSeconds: 1 },
      );
    }
  }
}
