import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestScope } from '../../../src/datasources/http/request-scope.js';
import { CallPriority, RateScheduler } from '../../../src/datasources/http/scheduler.js';
import { createLogger } from '../../../src/logger.js';

/** The scheduler's per-request rules (budget, deadline, cancellation, fairness) on fake timers. */

const CALL_MS = 50;

describe('RateScheduler within request scopes', () => {
  let started: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    started = [];
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function scheduler(maxRps = 10, logger = createLogger('silent')) {
    return new RateScheduler<string>({
      upstream: 'order',
      maxRps,
      maxQueue: 100,
      maxWaitMs: 60_000,
      pauseAfter: (result) => (result.startsWith('429:') ? Number(result.slice(4)) : undefined),
      logger,
      now: () => Date.now(),
    });
  }

  function job(name: string, ms = CALL_MS, result = name): () => Promise<string> {
    return () => {
      started.push(name);
      return new Promise((resolve) => setTimeout(() => resolve(result), ms));
    };
  }

  function scope(requestId: string, limits: { budget?: number; deadlineMs?: number } = {}): RequestScope {
    return new RequestScope({
      requestId,
      callerKey: requestId,
      upstreamCallBudget: limits.budget ?? 100,
      deadlineMs: limits.deadlineMs ?? 60_000,
    });
  }

  /** Settles a promise into its value or error, so rejections are never left unhandled. */
  const outcome = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

  it('refuses the calls of a request past its budget, saying the limit, and sends nothing for them', async () => {
    const paced = scheduler();
    const request = scope('bomb', { budget: 3 });
    const calls = [1, 2, 3, 4, 5].map((n) =>
      outcome(paced.run(job(`c${n}`), { priority: CallPriority.INTERACTIVE, scope: request })),
    );
    await vi.runAllTimersAsync();
    const results = await Promise.all(calls);

    expect(started).toEqual(['c1', 'c2', 'c3']);
    expect(results.slice(3)).toEqual([
      { error: expect.objectContaining({ code: 'UPSTREAM_CALL_BUDGET_EXCEEDED' }) },
      { error: expect.objectContaining({ code: 'UPSTREAM_CALL_BUDGET_EXCEEDED' }) },
    ]);
    expect(String((results[3] as { error: Error }).error.message)).toContain('more than 3 OneAtlas calls');
  });

  it('drops the queued calls of a request that ended, keeping its call in flight', async () => {
    const paced = scheduler(1);
    const request = scope('gone');
    const calls = [1, 2, 3].map((n) =>
      outcome(paced.run(job(`c${n}`), { priority: CallPriority.INTERACTIVE, scope: request })),
    );
    request.close();
    await vi.runAllTimersAsync();
    const results = await Promise.all(calls);

    expect(started).toEqual(['c1']);
    expect(results).toEqual([
      { value: 'c1' },
      { error: expect.objectContaining({ code: 'REQUEST_CANCELLED' }) },
      { error: expect.objectContaining({ code: 'REQUEST_CANCELLED' }) },
    ]);
  });

  it('at the deadline answers with REQUEST_DEADLINE_EXCEEDED, stops waiting for reads in flight and drops queued calls', async () => {
    const paced = scheduler(1);
    const request = scope('slow', { deadlineMs: 1_500 });
    const [read, order] = [
      outcome(
        paced.run(job('read', 2_000), {
          priority: CallPriority.INTERACTIVE,
          scope: request,
          abandonable: true,
        }),
      ),
      outcome(paced.run(job('order', 1_000), { priority: CallPriority.CRITICAL, scope: request })),
    ];
    await vi.advanceTimersByTimeAsync(1_500);

    expect(await read).toEqual({ error: expect.objectContaining({ code: 'REQUEST_DEADLINE_EXCEEDED' }) });
    // The read still holds its turn while OneAtlas serves it; the order was still queued, so it is dropped.
    expect(started).toEqual(['read']);
    expect(await order).toEqual({ error: expect.objectContaining({ code: 'REQUEST_DEADLINE_EXCEEDED' }) });
    await vi.runAllTimersAsync();
    expect(started).toEqual(['read']);
  });

  it('waits for an order in flight whatever the deadline', async () => {
    const paced = scheduler(1);
    const request = scope('order', { deadlineMs: 100 });
    const order = outcome(
      paced.run(job('order', 1_000), { priority: CallPriority.CRITICAL, scope: request }),
    );
    await vi.runAllTimersAsync();
    expect(await order).toEqual({ value: 'order' });
  });

  it('takes turns between callers of one priority, so a backlog does not starve another caller', async () => {
    const paced = scheduler(10);
    const bomb = scope('bomb');
    const other = scope('other');
    const bombCalls = [1, 2, 3, 4].map((n) =>
      paced.run(job(`bomb-${n}`), { priority: CallPriority.INTERACTIVE, scope: bomb }),
    );
    const otherCalls = [1, 2].map((n) =>
      paced.run(job(`other-${n}`), { priority: CallPriority.INTERACTIVE, scope: other }),
    );
    await vi.runAllTimersAsync();
    await Promise.all([...bombCalls, ...otherCalls]);

    expect(started).toEqual(['bomb-1', 'bomb-2', 'other-1', 'bomb-3', 'other-2', 'bomb-4']);
  });

  it('neither bills nor cancels a background call a request started', async () => {
    const paced = scheduler(1);
    const request = scope('stale-read', { budget: 1 });
    const [own, refresh] = [
      outcome(paced.run(job('own'), { priority: CallPriority.INTERACTIVE, scope: request })),
      outcome(paced.run(job('refresh'), { priority: CallPriority.BACKGROUND, scope: request })),
    ];
    request.close();
    await vi.runAllTimersAsync();

    expect(await own).toEqual({ value: 'own' });
    expect(await refresh).toEqual({ value: 'refresh' });
    expect(started).toEqual(['own', 'refresh']);
  });

  it('caps a Retry-After above the documented ban and logs it as an error', async () => {
    const lines: { level: number; msg: string; askedMs?: number; cappedMs?: number }[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });
    const paced = scheduler(10, logger);
    const refused = outcome(
      paced.run(job('refused', CALL_MS, `429:${365 * 24 * 3_600_000}`), {
        priority: CallPriority.INTERACTIVE,
        maxWaitMs: 1_000,
      }),
    );
    await vi.advanceTimersByTimeAsync(CALL_MS);
    await refused;

    expect((await paced.pauseStatus()).pausedForMs).toBe(600_000);
    const capped = lines.find((line) => line.msg.includes('longer than the documented ban'));
    expect(capped).toMatchObject({ level: 50, askedMs: 365 * 24 * 3_600_000, cappedMs: 600_000 });
  });
});
