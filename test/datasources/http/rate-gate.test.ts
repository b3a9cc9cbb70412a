import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalRateGate, type RateGate, type Turn } from '../../../src/datasources/http/rate-gate.js';
import { RedisRateGate, type RedisRateGateOptions } from '../../../src/datasources/http/rate-gate-redis.js';
import { CallPriority, RateScheduler } from '../../../src/datasources/http/scheduler.js';
import type { RedisStore } from '../../../src/datasources/stores/redis.js';
import { GatewayError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { connectTestRedis, deleteTestKeys, testKeyPrefix } from '../../support/redis.js';

/**
 * The scheduler's safety rules against each rate gate (this process's lanes, and Redis shared by
 * replicas), on real timers: calls take CALL_MS, the budget is MAX_RPS. Time is read only to check
 * lower bounds the gate guarantees (never two calls at once, never closer than 1/MAX_RPS after an
 * answer), never how fast anything went.
 */

const MAX_RPS = 20;
const INTERVAL_MS = 1000 / MAX_RPS;
const CALL_MS = 30;
/** Redis' clock has whole milliseconds; the local clock reading of an answer is taken just before release. */
const CLOCK_SLACK_MS = 2;

interface Result {
  name: string;
  pause?: number;
}

/** Every call of a test, on one timeline shared by all schedulers (as the upstream would see them). */
class Upstream {
  readonly calls: { name: string; startedAt: number; answeredAt: number | undefined }[] = [];
  private inFlight = 0;
  maxInFlight = 0;

  job(name: string, options: { ms?: number; pause?: number } = {}): () => Promise<Result> {
    return () => {
      const call = { name, startedAt: performance.now(), answeredAt: undefined as number | undefined };
      this.calls.push(call);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      return new Promise((resolve) =>
        setTimeout(() => {
          this.inFlight -= 1;
          call.answeredAt = performance.now();
          resolve({ name, pause: options.pause });
        }, options.ms ?? CALL_MS),
      );
    };
  }

  /** Resolves once `count` calls have started (bounded: fails after 5 s). */
  async started(count: number): Promise<void> {
    for (let tries = 0; this.calls.length < count; tries += 1) {
      if (tries > 500) throw new Error(`fewer than ${count} calls started`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  names(): string[] {
    return this.calls.map(({ name }) => name);
  }

  /** Each call started at least one interval after the previous one's answer. */
  expectPaced(): void {
    const ordered = [...this.calls].sort((a, b) => a.startedAt - b.startedAt);
    for (let index = 1; index < ordered.length; index += 1) {
      const previous = ordered[index - 1];
      const call = ordered[index];
      expect(previous?.answeredAt).toBeDefined();
      expect((call?.startedAt ?? 0) - (previous?.answeredAt ?? 0)).toBeGreaterThanOrEqual(
        INTERVAL_MS - CLOCK_SLACK_MS,
      );
    }
  }
}

/** The order API's shared gate as the tests build it: `cred-test` at MAX_RPS, one call at a time. */
function orderGate(
  redis: RedisRateGateOptions['redis'],
  options: Partial<RedisRateGateOptions> & Pick<RedisRateGateOptions, 'holdMs'>,
): RedisRateGate {
  return new RedisRateGate({
    redis,
    credentialId: 'cred-test',
    api: 'order',
    maxRps: MAX_RPS,
    concurrency: 1,
    ...options,
  });
}

function scheduler(gate: RateGate, options: { maxWaitMs?: number; maxPauseMs?: number } = {}) {
  return new RateScheduler<Result>({
    upstream: 'order',
    maxRps: MAX_RPS,
    gate,
    maxQueue: 100,
    maxWaitMs: options.maxWaitMs ?? 20_000,
    maxPauseMs: options.maxPauseMs,
    pauseAfter: (result) => result.pause,
    logger: createLogger('silent'),
  });
}

/** Gate factories: `replica(n)` is the gate the n-th replica would hold for the same credential and API. */
interface GateKind {
  name: string;
  /** The n-th replica's Redis connection (Redis only). */
  store(index: number): RedisStore;
  /** The key prefix of the replicas' connections (Redis only). */
  prefix(): string;
  setUp(): Promise<void>;
  replica(index: number, holdMs?: number): RateGate;
  tearDown(): Promise<void>;
}

const localKind = (): GateKind => {
  let gate: LocalRateGate | undefined;
  return {
    name: 'in-process',
    store() {
      throw new Error('the in-process gate has no store');
    },
    prefix() {
      throw new Error('the in-process gate has no store');
    },
    async setUp() {
      gate = new LocalRateGate({ maxRps: MAX_RPS, concurrency: 1 });
    },
    replica() {
      if (gate === undefined) throw new Error('set up first');
      return gate;
    },
    async tearDown() {
      gate = undefined;
    },
  };
};

const redisKind = (): GateKind => {
  let prefix = '';
  const stores: RedisStore[] = [];
  return {
    name: 'Redis',
    store(index) {
      const store = stores[index];
      if (store === undefined) throw new Error('set up first');
      return store;
    },
    prefix: () => prefix,
    async setUp() {
      prefix = testKeyPrefix('rate-gate');
      // Two connections, as two replicas would have.
      stores.push(await connectTestRedis(prefix), await connectTestRedis(prefix));
    },
    replica(index, holdMs = 5_000) {
      const store = stores[index];
      if (store === undefined) throw new Error('set up first');
      // The lease test waits for a lease to expire: no margin past its short hold bound.
      return orderGate(store.client, { holdMs, leaseMarginMs: 0 });
    },
    async tearDown() {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await deleteTestKeys(prefix);
    },
  };
};

describe.each([localKind(), redisKind()])('the scheduler on the $name rate gate', (kind) => {
  let upstream: Upstream;

  beforeAll(() => kind.setUp());
  afterAll(() => kind.tearDown());
  afterEach(async () => {
    await kind.replica(0).clearPause();
  });

  it('sends concurrent calls one at a time, each at least 1/maxRps after the previous answer', async () => {
    upstream = new Upstream();
    const paced = scheduler(kind.replica(0));
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        paced.run(upstream.job(`c${index}`), { priority: CallPriority.INTERACTIVE }),
      ),
    );
    expect(upstream.maxInFlight).toBe(1);
    expect(upstream.calls).toHaveLength(6);
    upstream.expectPaced();
  });

  it('keeps the turn of a call whose caller gave up until the call itself is answered', async () => {
    upstream = new Upstream();
    const paced = scheduler(kind.replica(0));
    const gaveUp = paced.run(upstream.job('slow', { ms: 300 }), {
      priority: CallPriority.INTERACTIVE,
      answerWithin: { ms: 20, error: () => new Error('caller timeout') },
    });
    const next = paced.run(upstream.job('next'), { priority: CallPriority.INTERACTIVE });

    await expect(gaveUp).rejects.toThrow('caller timeout');
    // The caller has its answer while the slow call is still being served: nothing else may start.
    expect(upstream.names()).toEqual(['slow']);
    await next;
    expect(upstream.maxInFlight).toBe(1);
    upstream.expectPaced();
  });

  it('serves the more urgent calls first', async () => {
    upstream = new Upstream();
    const paced = scheduler(kind.replica(0));
    const first = paced.run(upstream.job('first', { ms: 100 }), { priority: CallPriority.INTERACTIVE });
    await upstream.started(1);
    const calls = [
      first,
      paced.run(upstream.job('background'), { priority: CallPriority.BACKGROUND }),
      paced.run(upstream.job('interactive'), { priority: CallPriority.INTERACTIVE }),
      paced.run(upstream.job('critical'), { priority: CallPriority.CRITICAL }),
    ];
    await Promise.all(calls);
    expect(upstream.names()).toEqual(['first', 'critical', 'interactive', 'background']);
  });

  it('on a 429 pauses for the Retry-After, capped, then resends the refused call first', async () => {
    upstream = new Upstream();
    const paced = scheduler(kind.replica(0), { maxPauseMs: 200 });
    const refused = upstream.job('refused', { pause: 3_600_000 });
    let refusedOnce = false;
    const calls = [
      paced.run(
        () => {
          if (refusedOnce) return upstream.job('refused-again')();
          refusedOnce = true;
          return refused();
        },
        { priority: CallPriority.INTERACTIVE },
      ),
      paced.run(upstream.job('waiting'), { priority: CallPriority.INTERACTIVE }),
    ];
    // An hour asked, 200 ms imposed: the calls complete within this test, the refused one first.
    const results = await Promise.all(calls);
    expect(results.map(({ name }) => name)).toEqual(['refused-again', 'waiting']);
    expect(upstream.names()).toEqual(['refused', 'refused-again', 'waiting']);
    const [first, second] = upstream.calls;
    expect((second?.startedAt ?? 0) - (first?.answeredAt ?? 0)).toBeGreaterThanOrEqual(200 - CLOCK_SLACK_MS);
  });

  it('lets an operator see and clear a pause, after which calls go at once', async () => {
    upstream = new Upstream();
    const paced = scheduler(kind.replica(0), { maxWaitMs: 120_000 });
    await paced.run(upstream.job('refused', { pause: 60_000 }), {
      priority: CallPriority.INTERACTIVE,
      maxWaitMs: 1_000,
    });
    expect((await paced.pauseStatus()).pausedForMs).toBeGreaterThan(50_000);

    const waiting = paced.run(upstream.job('waiting'), { priority: CallPriority.INTERACTIVE });
    await paced.clearPause();
    await waiting;

    expect((await paced.pauseStatus()).pausedForMs).toBe(0);
    expect(upstream.names()).toEqual(['refused', 'waiting']);
  });
});

describe('two replicas sharing one Redis rate gate', () => {
  const kind = redisKind();

  beforeAll(() => kind.setUp());
  afterAll(() => kind.tearDown());

  it('never overlap calls and never start one closer than 1/maxRps after an answer', async () => {
    const upstream = new Upstream();
    const replicas = [scheduler(kind.replica(0)), scheduler(kind.replica(1))];
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        replicas[index % 2]?.run(upstream.job(`r${index % 2}-${index}`), {
          priority: CallPriority.INTERACTIVE,
        }),
      ),
    );
    expect(upstream.calls).toHaveLength(10);
    expect(upstream.maxInFlight).toBe(1);
    upstream.expectPaced();
  });

  it('pause together after a 429 seen by one, and either may clear it', async () => {
    const upstream = new Upstream();
    const [seeing, other] = [scheduler(kind.replica(0)), scheduler(kind.replica(1))];
    await seeing.run(upstream.job('refused', { pause: 60_000 }), {
      priority: CallPriority.INTERACTIVE,
      maxWaitMs: 1_000,
    });
    expect((await other.pauseStatus()).pausedForMs).toBeGreaterThan(50_000);
    // The other replica learns the pause from the gate and tells its caller at once.
    await expect(
      other.run(upstream.job('refused-elsewhere'), { priority: CallPriority.INTERACTIVE, maxWaitMs: 1_000 }),
    ).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_RATE_LIMITED' } });

    await other.clearPause();
    await seeing.run(upstream.job('after'), { priority: CallPriority.INTERACTIVE });
    expect(upstream.names()).toEqual(['refused', 'after']);
  });

  it('let a replica with critical work waiting go before another replica holding only background work', async () => {
    const upstream = new Upstream();
    const [urgent, idle] = [scheduler(kind.replica(0)), scheduler(kind.replica(1))];
    const blocking = urgent.run(upstream.job('blocking', { ms: 150 }), {
      priority: CallPriority.INTERACTIVE,
    });
    await upstream.started(1);
    const background = [1, 2].map((n) =>
      idle.run(upstream.job(`background-${n}`), { priority: CallPriority.BACKGROUND }),
    );
    const critical = [1, 2].map((n) =>
      urgent.run(upstream.job(`critical-${n}`), { priority: CallPriority.CRITICAL }),
    );
    await Promise.all([blocking, ...background, ...critical]);
    expect(upstream.names()).toEqual([
      'blocking',
      'critical-1',
      'critical-2',
      'background-1',
      'background-2',
    ]);
  });

  it('free the turn of a replica killed during a call once its lease (the hold bound) expires', async () => {
    const upstream = new Upstream();
    const killedStore = await connectTestRedis(kind.prefix());
    const killed = orderGate(killedStore.client, { holdMs: 300, leaseMarginMs: 0 });
    // Asked until granted: the previous test's last answer may be less than an interval ago.
    const turn = await acquireTurn(killed);
    // Killed: its connection goes with it, so it neither gives its turn back nor renews it.
    killedStore.client.disconnect();
    const survivor = scheduler(kind.replica(1, 300));
    const waiting = survivor.run(upstream.job('survivor'), { priority: CallPriority.INTERACTIVE });
    const early = await kind.replica(1).acquire(CallPriority.BACKGROUND, false);
    expect('turn' in early).toBe(false);
    await waiting;
    expect(upstream.names()).toEqual(['survivor']);
    // Its renewal timer, which the process's death would have stopped.
    turn.release();
  });

  it('keep the turn of a call in flight for as long as the call, renewing its lease', async () => {
    const upstream = new Upstream();
    const [slow, other] = [scheduler(kind.replica(0, 300)), scheduler(kind.replica(1, 300))];
    // Open for three leases: a journal write before the socket, a file streamed past the hold bound.
    const long = slow.run(upstream.job('long', { ms: 900 }), { priority: CallPriority.CRITICAL });
    await upstream.started(1);
    await other.run(upstream.job('after'), { priority: CallPriority.CRITICAL });
    await long;
    expect(upstream.maxInFlight).toBe(1);
    expect(upstream.names()).toEqual(['long', 'after']);
  });

  it('take the turn of a call in flight again when Redis lost it (a restart without persistence)', async () => {
    const gate = kind.replica(0, 5_000);
    const turn = await acquireTurn(gate);
    const leases = kind.store(1).client;
    await leases.del('rate:cred-test:order:leases');
    // The next renewal puts the lease back: the other replica waits for this call again.
    await vi.waitFor(async () => expect(await leases.zcard('rate:cred-test:order:leases')).toBe(1));
    expect('turn' in (await kind.replica(1).acquire(CallPriority.CRITICAL, false))).toBe(false);
    turn.release();
  });

  it('hold a pause Redis could not record at the 429 on the replica that saw it, and record it once Redis answers', async () => {
    const upstream = new Upstream();
    let redisAnswers = true;
    const client = kind.store(0).client;
    // Redis out of reach from the 429 until the scheduler has tried to record its pause.
    const flaky = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'eval') return Reflect.get(target, property, receiver);
        return (...args: Parameters<typeof client.eval>) =>
          redisAnswers ? target.eval(...args) : Promise.reject(new Error('Connection is closed.'));
      },
    });
    const seeing = scheduler(orderGate(flaky, { holdMs: 300, leaseMarginMs: 0 }));
    const refusing = upstream.job('refused', { pause: 60_000 });
    await seeing.run(
      async () => {
        const answer = await refusing();
        redisAnswers = false;
        return answer;
      },
      { priority: CallPriority.CRITICAL, maxWaitMs: 1_000 },
    );
    redisAnswers = true;

    await expect(
      seeing.run(upstream.job('during-the-pause'), { priority: CallPriority.CRITICAL, maxWaitMs: 1_000 }),
    ).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_RATE_LIMITED' } });
    expect(upstream.names()).toEqual(['refused']);
    // Offered again: the other replicas learn of the pause too.
    const other = scheduler(kind.replica(1));
    await vi.waitFor(async () => expect((await other.pauseStatus()).pausedForMs).toBeGreaterThan(50_000), {
      timeout: 5_000,
    });
    await other.clearPause();
  });

  it("keep each credential's budget apart: one credential's call in flight does not hold another's", async () => {
    const gateFor = (credentialId: string) =>
      orderGate(kind.store(0).client, { credentialId, holdMs: 5_000 });
    const busy = await acquireTurn(gateFor('tenant-a-credential'));
    const otherCredential = await gateFor('tenant-b-credential').acquire(CallPriority.INTERACTIVE, false);
    const sameCredential = await gateFor('tenant-a-credential').acquire(CallPriority.INTERACTIVE, false);

    expect('turn' in otherCredential).toBe(true);
    expect('turn' in sameCredential).toBe(false);
    busy.release();
    if ('turn' in otherCredential) otherCredential.turn.release();
  });

  it('refuse with STORE_UNAVAILABLE, sending nothing, when Redis does not answer', async () => {
    const upstream = new Upstream();
    const prefix = testKeyPrefix('rate-gate-down');
    const store = await connectTestRedis(prefix);
    const gate = orderGate(store.client, { holdMs: 5_000 });
    await store.close();

    const refused = scheduler(gate).run(upstream.job('never'), { priority: CallPriority.INTERACTIVE });

    await expect(refused).rejects.toBeInstanceOf(GatewayError);
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE' } });
    expect(upstream.calls).toHaveLength(0);
  });
});

/** Asks `gate` until it gives a turn, as a scheduler would (bounded: fails after 50 asks). */
async function acquireTurn(gate: RateGate): Promise<Turn> {
  for (let tries = 0; tries < 50; tries += 1) {
    const answer = await gate.acquire(CallPriority.INTERACTIVE, false);
    if ('turn' in answer) return answer.turn;
    await new Promise((resolve) => setTimeout(resolve, Math.min(answer.waitMs, 100)));
  }
  throw new Error('no turn after 50 asks');
}
