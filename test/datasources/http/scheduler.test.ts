import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalRateGate, type RateGate } from '../../../src/datasources/http/rate-gate.js';
import { CallPriority, RateScheduler } from '../../../src/datasources/http/scheduler.js';
import { GatewayError } from '../../../src/errors.js';

/** A job's result: `pause` stands for a 429 asking for that many milliseconds. */
interface Result {
  name: string;
  pause?: number;
}

const CALL_MS = 50;

describe('RateScheduler', () => {
  let started: { name: string; at: number }[];
  let inFlight: number;
  let maxInFlight: number;

  beforeEach(() => {
    vi.useFakeTimers();
    started = [];
    inFlight = 0;
    maxInFlight = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function scheduler(
    options: { maxRps?: number; concurrency?: number; maxQueue?: number; maxWaitMs?: number } = {},
  ) {
    return new RateScheduler<Result>({
      upstream: 'order',
      maxRps: options.maxRps ?? 2,
      concurrency: options.concurrency ?? 1,
      maxQueue: options.maxQueue ?? 100,
      maxWaitMs: options.maxWaitMs ?? 60_000,
      pauseAfter: (result) => result.pause,
      now: () => Date.now(),
    });
  }

  /** A call that takes CALL_MS and answers `results` in turn (the last repeating). */
  function job(name: string, ...results: Omit<Result, 'name'>[]): () => Promise<Result> {
    let call = 0;
    return () => {
      started.push({ name, at: Date.now() });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const result = results[Math.min(call, results.length - 1)] ?? {};
      call += 1;
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight -= 1;
          resolve({ name, ...result });
        }, CALL_MS),
      );
    };
  }

  it('starts a call at once, synchronously, when nothing waits and the budget allows', () => {
    void scheduler().run(job('a'), { priority: CallPriority.INTERACTIVE });
    expect(started).toEqual([{ name: 'a', at: Date.now() }]);
  });

  it('sends one call at a time, each 1/maxRps after the previous answer, and holds no timer when idle', async () => {
    const paced = scheduler({ maxRps: 2 });
    const t0 = Date.now();
    const calls = ['a', 'b', 'c', 'd'].map((name) =>
      paced.run(job(name), { priority: CallPriority.INTERACTIVE }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(calls);

    expect(maxInFlight).toBe(1);
    // Each answer takes 50 ms; the next call leaves 500 ms after it.
    expect(started.map(({ at }) => at - t0)).toEqual([0, 550, 1100, 1650]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps to the rate with several lanes', async () => {
    const paced = scheduler({ maxRps: 10, concurrency: 2 });
    const t0 = Date.now();
    const calls = Array.from({ length: 6 }, (_, index) =>
      paced.run(job(`c${index}`), { priority: CallPriority.INTERACTIVE }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(calls);

    expect(maxInFlight).toBe(2);
    const times = started.map(({ at }) => at - t0);
    // Within any second, at most 10 calls; here: two lanes, each 200 ms after its last answer.
    expect(times).toEqual([0, 0, 250, 250, 500, 500]);
  });

  it('serves critical calls before interactive ones, and those before background ones', async () => {
    const paced = scheduler();
    const calls = [
      paced.run(job('first'), { priority: CallPriority.INTERACTIVE }),
      paced.run(job('background'), { priority: CallPriority.BACKGROUND }),
      paced.run(job('interactive'), { priority: CallPriority.INTERACTIVE }),
      paced.run(job('critical'), { priority: CallPriority.CRITICAL }),
    ];
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(started.map(({ name }) => name)).toEqual(['first', 'critical', 'interactive', 'background']);
  });

  it('refuses a call with UPSTREAM_BUSY and a retry hint when the queue is full', async () => {
    const paced = scheduler({ maxQueue: 2 });
    const calls = [1, 2, 3].map((n) => paced.run(job(`i${n}`), { priority: CallPriority.INTERACTIVE }));
    const refused = paced.run(job('i4'), { priority: CallPriority.INTERACTIVE });

    await expect(refused).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_BUSY', retryAfterSeconds: expect.any(Number) },
    });
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(started.map(({ name }) => name)).toEqual(['i1', 'i2', 'i3']);
  });

  it('lets a critical call take the place of the newest background call in a full queue', async () => {
    const paced = scheduler({ maxQueue: 2 });
    const first = paced.run(job('first'), { priority: CallPriority.INTERACTIVE });
    const kept = paced.run(job('kept'), { priority: CallPriority.BACKGROUND });
    const bumped = paced.run(job('bumped'), { priority: CallPriority.BACKGROUND });
    const critical = paced.run(job('critical'), { priority: CallPriority.CRITICAL });

    await expect(bumped).rejects.toBeInstanceOf(GatewayError);
    await vi.runAllTimersAsync();
    await Promise.all([first, kept, critical]);
    expect(started.map(({ name }) => name)).toEqual(['first', 'critical', 'kept']);
  });

  it('refuses at once a call that could not start before its deadline, and sends nothing for it', async () => {
    const paced = scheduler({ maxRps: 1, maxWaitMs: 1_500 });
    const calls = [1, 2].map((n) => paced.run(job(`i${n}`), { priority: CallPriority.INTERACTIVE }));
    // Two calls ahead at 1/s: this one could not start within 1.5 s.
    const late = paced.run(job('late'), { priority: CallPriority.INTERACTIVE });
    await expect(late).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_BUSY' } });
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(started.map(({ name }) => name)).toEqual(['i1', 'i2']);
  });

  it('leaves no timer behind a call that got its turn at once, and refuses a waiting call when its deadline passes first', async () => {
    const paced = scheduler({ maxRps: 10, maxWaitMs: 1_000 });
    const slowCall = () => {
      started.push({ name: 'slow', at: Date.now() });
      return new Promise<Result>((resolve) => setTimeout(() => resolve({ name: 'slow' }), 5_000));
    };
    const slow = paced.run(slowCall, { priority: CallPriority.INTERACTIVE });
    // Only the call's own work is pending: nothing remains armed to refuse a call that already left.
    expect(vi.getTimerCount()).toBe(1);
    // Expected to start after the pacing interval, so admitted; the slow call holds the turn past its deadline.
    const waiting = paced.run(job('waiting'), { priority: CallPriority.INTERACTIVE });
    const waitingError = waiting.then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1_000);

    expect(await waitingError).toMatchObject({ extensions: { code: 'UPSTREAM_BUSY' } });
    await vi.runAllTimersAsync();
    await slow;
    expect(started.map(({ name }) => name)).toEqual(['slow']);
  });

  it('on a 429 pauses every call for the Retry-After, then sends the refused call again first: nothing is lost', async () => {
    const paced = scheduler({ maxRps: 10 });
    const t0 = Date.now();
    const calls = [
      paced.run(job('refused', { pause: 3_000 }, {}), { priority: CallPriority.INTERACTIVE }),
      paced.run(job('waiting'), { priority: CallPriority.INTERACTIVE }),
      paced.run(job('late'), { priority: CallPriority.BACKGROUND }),
    ];
    await vi.runAllTimersAsync();
    const results = await Promise.all(calls);

    expect(results.map((result) => result.pause)).toEqual([undefined, undefined, undefined]);
    const times = started.map(({ name, at }) => `${name}@${at - t0}`);
    // The 429 came back at 50 ms: nothing left before 3050 ms, then the refused call went first.
    expect(times).toEqual(['refused@0', 'refused@3050', 'waiting@3200', 'late@3350']);
  });

  it('tells waiting callers at once when a pause outlasts their deadline', async () => {
    const paced = scheduler({ maxRps: 10, maxWaitMs: 2_000 });
    const refused = paced.run(job('refused', { pause: 600_000 }), { priority: CallPriority.INTERACTIVE });
    const waiting = paced.run(job('waiting'), { priority: CallPriority.INTERACTIVE });
    const waitingError = waiting.then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(CALL_MS);

    expect(await waitingError).toMatchObject({
      extensions: { code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 600 },
    });
    // The refused call's own caller gets the 429 back, to turn into UPSTREAM_RATE_LIMITED.
    await expect(refused).resolves.toMatchObject({ pause: 600_000 });
    expect(started.map(({ name }) => name)).toEqual(['refused']);
    await expect(paced.run(job('new'), { priority: CallPriority.CRITICAL })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_RATE_LIMITED' },
    });
  });

  it.each([
    ['records it at its third offer', 2],
    ['never records it', Number.POSITIVE_INFINITY],
  ])(
    'holds back every call during a 429’s pause when its shared gate %s, offering it again each second',
    async (_case, refusals) => {
      // A shared gate whose store does not answer the first `refusals` times it is told of a pause.
      const lanes = new LocalRateGate({ maxRps: 2, concurrency: 1, now: () => Date.now() });
      let refused = 0;
      const gate: RateGate = {
        acquire: () => lanes.acquire(),
        pause: async (pauseMs) => {
          refused += 1;
          if (refused <= refusals) throw new Error('Connection is closed.');
          lanes.pause(pauseMs);
        },
        pausedForMs: () => lanes.pausedForMs(),
        clearPause: () => lanes.clearPause(),
      };
      const paced = new RateScheduler<Result>({
        upstream: 'order',
        maxRps: 2,
        gate,
        maxQueue: 100,
        maxWaitMs: 700_000,
        pauseAfter: (result) => result.pause,
        now: () => Date.now(),
      });
      const t0 = Date.now();
      const calls = [
        paced.run(job('refused', { pause: 600_000 }, {}), { priority: CallPriority.CRITICAL }),
        paced.run(job('waiting'), { priority: CallPriority.CRITICAL }),
      ];
      await vi.advanceTimersByTimeAsync(10_000);
      expect((await paced.pauseStatus()).pausedForMs).toBeGreaterThan(580_000);
      await vi.runAllTimersAsync();
      await Promise.all(calls);

      // The 429 came back at 50 ms: nothing left before its pause ended.
      const times = started.map(({ name, at }) => `${name}@${at - t0}`);
      expect(times).toEqual(['refused@0', 'refused@600050', 'waiting@600600']);
      expect(refused).toBe(Math.min(refusals + 1, 600));
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it('shows the pause it holds itself, as not shared, while its shared gate cannot be read', async () => {
    const lanes = new LocalRateGate({ maxRps: 2, concurrency: 1, now: () => Date.now() });
    let storeAnswers = true;
    const answer = <T>(value: () => T): Promise<T> =>
      storeAnswers ? Promise.resolve(value()) : Promise.reject(new Error('Connection is closed.'));
    const gate: RateGate = {
      acquire: () => answer(() => lanes.acquire()),
      pause: (pauseMs) => answer(() => lanes.pause(pauseMs)),
      pausedForMs: () => answer(() => lanes.pausedForMs()),
      clearPause: () => answer(() => lanes.clearPause()),
    };
    const paced = new RateScheduler<Result>({
      upstream: 'order',
      maxRps: 2,
      gate,
      maxQueue: 100,
      maxWaitMs: 60_000,
      pauseAfter: (result) => result.pause,
      now: () => Date.now(),
    });
    expect(await paced.pauseStatus()).toMatchObject({ pausedForMs: 0, shared: true });
    const refusing = job('refused', { pause: 600_000 });
    // The store goes away while the call is out, and the upstream answers 429.
    const refused = paced.run(
      () => {
        storeAnswers = false;
        return refusing();
      },
      { priority: CallPriority.CRITICAL, maxWaitMs: 1_000 },
    );
    await vi.advanceTimersByTimeAsync(CALL_MS);
    await expect(refused).resolves.toMatchObject({ pause: 600_000 });

    const status = await paced.pauseStatus();
    expect(status.shared).toBe(false);
    expect(status.pausedForMs).toBeGreaterThan(590_000);
  });
});
